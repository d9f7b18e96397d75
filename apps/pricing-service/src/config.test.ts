import { ConfigError } from '@rideshare/service-kit';
import { describe, expect, it } from 'vitest';
import { service } from './service';

describe('pricing-service config', () => {
  it('defaults to port 8082, the local infrastructure and no slowdown', () => {
    const config = service.loadConfig({});
    expect(config.SLOW_REGION).toBeUndefined();
    expect(config).toMatchObject({
      PORT: 8082,
      DATABASE_URL: 'postgres://rideshare:rideshare@127.0.0.1:5432/rideshare',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_GROUP_ID: 'pricing-service',
      SLOWDOWN_FACTOR: 8,
      DEMAND_WINDOW_MINUTES: 30,
    });
  });

  it('reads the regional slowdown switch', () => {
    expect(service.loadConfig({ SLOW_REGION: 'eu-north', SLOWDOWN_FACTOR: '7' })).toMatchObject({
      SLOW_REGION: 'eu-north',
      SLOWDOWN_FACTOR: 7,
    });
  });

  it('names every bad variable', () => {
    expect(() => service.loadConfig({ SLOW_REGION: 'mars', SLOWDOWN_FACTOR: '0' })).toThrow(
      ConfigError,
    );
    expect(() => service.loadConfig({ SLOW_REGION: 'mars', SLOWDOWN_FACTOR: '0' })).toThrow(
      /SLOW_REGION.*SLOWDOWN_FACTOR/,
    );
  });
});
