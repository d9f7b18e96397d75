// CPU time of one quote's route planning per vehicle (`pnpm bench` after `pnpm build`).
// Trips are random pickup/dropoff pairs within 6 km of the us-east center, seeded.
const { generateRoadGraph } = require('../dist/routing/generate-road-graph');
const { planTrip } = require('../dist/routing/plan-trip');
const { VEHICLE_ROUTING_PROFILES } = require('../dist/routing/vehicle-profiles');
const { applyRegionalSlowdown } = require('../dist/quotes/regional-slowdown');
const { REGION_CENTERS } = require('../dist/regions/region-centers');

const TRIPS = 60;
const center = REGION_CENTERS['us-east'];
const graph = generateRoadGraph('us-east', center);

let seed = 7;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const nearCenter = () => ({
  lat: center.lat + ((random() * 2 - 1) * 6) / 111,
  lon: center.lon + ((random() * 2 - 1) * 6) / 84,
});

function cpuMs(fn) {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(1);

for (const vehicle of ['car', 'scooter', 'bike']) {
  const profile = VEHICLE_ROUTING_PROFILES[vehicle];
  const trips = Array.from({ length: TRIPS }, () => [nearCenter(), nearCenter()]);
  for (const [pickup, dropoff] of trips.slice(0, 5))
    planTrip(graph, 'us-east', profile, pickup, dropoff); // warm-up
  const times = trips
    .map(([pickup, dropoff]) => cpuMs(() => planTrip(graph, 'us-east', profile, pickup, dropoff)))
    .sort((a, b) => a - b);
  console.log(
    `${vehicle.padEnd(8)} CPU per quote: median ${percentile(times, 0.5)} ms, p95 ${percentile(times, 0.95)} ms`,
  );
}
applyRegionalSlowdown(graph, 1);
console.log(
  `applyRegionalSlowdown: ${cpuMs(() => applyRegionalSlowdown(graph, 10)).toFixed(1)} ms for 10 passes`,
);
