import { ConfigError } from '@rideshare/service-kit';
import { describe, expect, it } from 'vitest';
import { loadDriverConfig } from './driver-config';

describe('loadDriverConfig', () => {
  it('defaults to port 8083 and 10 drivers per region and vehicle', () => {
    expect(loadDriverConfig({})).toMatchObject({
      PORT: 8083,
      KAFKA_GROUP_ID: 'driver-service',
      DRIVERS_PER_REGION_VEHICLE: 10,
      MATCHING_CANDIDATE_LIMIT: 50,
    });
  });

  it('names a bad driver count', () => {
    expect(() => loadDriverConfig({ DRIVERS_PER_REGION_VEHICLE: '-1' })).toThrow(ConfigError);
    expect(() => loadDriverConfig({ DRIVERS_PER_REGION_VEHICLE: 'many' })).toThrow(
      /DRIVERS_PER_REGION_VEHICLE/,
    );
  });
});
