import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SERVICE_CONFIG } from '@rideshare/service-kit';
import type { DriverConfig } from '../config';
import { DriversRepository } from '../drivers/drivers.repository';
import { generateSeedDrivers } from './seed-drivers';

/** Seeds the fleet when the app starts, before it listens; a restart adds nobody twice. */
@Injectable()
export class DriverSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DriverSeeder.name);

  constructor(
    private readonly drivers: DriversRepository,
    @Inject(SERVICE_CONFIG) private readonly config: DriverConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seedDrivers = generateSeedDrivers(this.config.DRIVERS_PER_REGION_VEHICLE);
    const added = await this.drivers.insertSeedDrivers(seedDrivers);
    this.logger.log(
      `seeded ${added} new drivers (${seedDrivers.length} wanted, ${this.config.DRIVERS_PER_REGION_VEHICLE} per region and vehicle)`,
    );
  }
}
