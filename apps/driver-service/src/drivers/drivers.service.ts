import { Injectable, NotFoundException } from '@nestjs/common';
import type { CreateDriverRequest, Driver, GeoPoint } from '@rideshare/contracts';
import { DriversRepository } from './drivers.repository';

@Injectable()
export class DriversService {
  constructor(private readonly repository: DriversRepository) {}

  create(input: CreateDriverRequest): Promise<Driver> {
    return this.repository.create(input);
  }

  async get(id: string): Promise<Driver> {
    return (await this.repository.findById(id)) ?? notFound(id);
  }

  async updateLocation(id: string, location: GeoPoint): Promise<Driver> {
    return (await this.repository.updateLocation(id, location)) ?? notFound(id);
  }
}

function notFound(id: string): never {
  throw new NotFoundException(`driver ${id} not found`);
}
