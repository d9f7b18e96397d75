import { ConfigError } from '@rideshare/service-kit';
import { describe, expect, it } from 'vitest';
import { loadRideConfig } from './config';

describe('loadRideConfig', () => {
  it('defaults to the local ports', () => {
    expect(loadRideConfig({})).toMatchObject({
      PORT: 8081,
      PRICING_URL: 'http://127.0.0.1:8082',
      PRICING_TIMEOUT_MS: 8000,
      KAFKA_GROUP_ID: 'ride-service',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
    });
  });

  it('names a bad pricing URL', () => {
    expect(() => loadRideConfig({ PRICING_URL: 'pricing' })).toThrow(ConfigError);
    expect(() => loadRideConfig({ PRICING_URL: 'pricing' })).toThrow(
      /PRICING_URL: .*\(got "pricing"\)/,
    );
  });
});
