import { hashSeed, seededRandom, type GeoPoint } from '@rideshare/contracts';
import { KM_PER_DEGREE_LAT } from './geo';
import {
  buildRoadGraph,
  type RoadEdgeInput,
  type RoadGraph,
  type RoadNodeInput,
} from './road-graph';

export interface RoadGraphShape {
  /** Nodes per side of the square grid. */
  gridSize: number;
  /** Width and height of the covered area, in km. */
  spanKm: number;
}

export const DEFAULT_ROAD_GRAPH_SHAPE: RoadGraphShape = { gridSize: 64, spanKm: 24 };

/** Every ARTERIAL_EVERY-th row and column is a fast arterial road. */
const ARTERIAL_EVERY = 8;
const DIAGONAL_PROBABILITY = 0.15;

/**
 * A city road network around `center`: a regular grid of streets with seeded
 * random winding (edge length above the straight line), street speeds, fast arterials
 * and a few diagonal shortcuts. The same seed name always yields the same graph.
 */
export function generateRoadGraph(
  seedName: string,
  center: GeoPoint,
  shape: RoadGraphShape = DEFAULT_ROAD_GRAPH_SHAPE,
): RoadGraph {
  const { gridSize, spanKm } = shape;
  if (!Number.isInteger(gridSize) || gridSize < 2)
    throw new Error('gridSize must be an integer >= 2');
  const random = seededRandom(hashSeed(seedName));
  const stepKm = spanKm / (gridSize - 1);
  const latStep = stepKm / KM_PER_DEGREE_LAT;
  const lonStep = stepKm / (KM_PER_DEGREE_LAT * Math.cos((center.lat * Math.PI) / 180));
  const south = center.lat - (latStep * (gridSize - 1)) / 2;
  const west = center.lon - (lonStep * (gridSize - 1)) / 2;

  const nodes: RoadNodeInput[] = [];
  for (let row = 0; row < gridSize; row++) {
    for (let col = 0; col < gridSize; col++)
      nodes.push({ lat: south + row * latStep, lon: west + col * lonStep });
  }
  const id = (row: number, col: number) => row * gridSize + col;
  const streetSpeed = () => 30 + Math.floor(random() * 3) * 10;
  const winding = () => 1 + random() * 0.35;

  const edges: RoadEdgeInput[] = [];
  for (let row = 0; row < gridSize; row++) {
    for (let col = 0; col < gridSize; col++) {
      if (col + 1 < gridSize) {
        const arterial = row % ARTERIAL_EVERY === 0;
        edges.push({
          from: id(row, col),
          to: id(row, col + 1),
          lengthKm: stepKm * winding(),
          speedKmh: arterial ? 80 : streetSpeed(),
        });
      }
      if (row + 1 < gridSize) {
        const arterial = col % ARTERIAL_EVERY === 0;
        edges.push({
          from: id(row, col),
          to: id(row + 1, col),
          lengthKm: stepKm * winding(),
          speedKmh: arterial ? 80 : streetSpeed(),
        });
      }
      if (row + 1 < gridSize && col + 1 < gridSize && random() < DIAGONAL_PROBABILITY) {
        edges.push({
          from: id(row, col),
          to: id(row + 1, col + 1),
          lengthKm: stepKm * Math.SQRT2 * winding(),
          speedKmh: 40,
        });
      }
    }
  }
  return buildRoadGraph(nodes, edges);
}
