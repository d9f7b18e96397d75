import { ConfigError } from '@rideshare/service-kit';
import { describe, expect, it } from 'vitest';
import { service } from './service';

describe('driver-service config', () => {
  it('defaults to port 8083 and 10 drivers per region and vehicle', () => {
    expect(service.loadConfig({})).toMatchObject({
      PORT: 8083,
      KAFKA_GROUP_ID: 'driver-service',
      DRIVERS_PER_REGION_VEHICLE: 10,
      MATCHING_CANDIDATE_LIMIT: 50,
    });
  });

  it('names a bad driver count', () => {
    expect(() => service.loadConfig({ DRIVERS_PER_REGION_VEHICLE: '-1' })).toThrow(ConfigError);
    expect(() => service.loadConfig({ DRIVERS_PER_REGION_VEHICLE: 'many' })).toThrow(
      /DRIVERS_PER_REGION_VEHICLE/,
    );
  });
});
