import { Injectable } from '@nestjs/common';
import { REGION_CENTERS, REGIONS, type Region } from '@rideshare/contracts';
import { generateRoadGraph } from './generate-road-graph';
import type { RoadGraph } from './road-graph';

/** One road graph per region, generated once at start-up (deterministic per region name). */
@Injectable()
export class RoadGraphs {
  private readonly graphs = new Map<Region, RoadGraph>(
    REGIONS.map((region) => [region, generateRoadGraph(region, REGION_CENTERS[region])]),
  );

  forRegion(region: Region): RoadGraph {
    const graph = this.graphs.get(region);
    if (!graph) throw new Error(`no road graph for region '${region}'`);
    return graph;
  }
}
