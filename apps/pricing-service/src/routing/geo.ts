/** Kilometres per degree of latitude, for the flat local projection of a city's road grid. */
export const KM_PER_DEGREE_LAT = 111.32;
