import { Injectable } from '@nestjs/common';
import type { Region } from '@rideshare/contracts';
import { DemandRepository } from './demand.repository';
import { surgeMultiplier } from './surge';

export interface RegionalDemand {
  openRides: number;
  surgeMultiplier: number;
}

@Injectable()
export class DemandService {
  constructor(private readonly repository: DemandRepository) {}

  async currentDemand(region: Region): Promise<RegionalDemand> {
    const openRides = await this.repository.countOpenRides(region);
    return { openRides, surgeMultiplier: surgeMultiplier(openRides) };
  }
}
