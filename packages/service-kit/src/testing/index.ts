export * from './wait-for';
export * from './kafka';
export * from './database';
