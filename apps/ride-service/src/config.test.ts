import { ConfigError } from '@rideshare/service-kit';
import { describe, expect, it } from 'vitest';
import { service } from './service';

describe('ride-service config', () => {
  it('defaults to the local ports', () => {
    expect(service.loadConfig({})).toMatchObject({
      PORT: 8081,
      PRICING_URL: 'http://127.0.0.1:8082',
      PRICING_TIMEOUT_MS: 8000,
      KAFKA_GROUP_ID: 'ride-service',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
    });
  });

  it('names a bad pricing URL', () => {
    expect(() => service.loadConfig({ PRICING_URL: 'pricing' })).toThrow(ConfigError);
    expect(() => service.loadConfig({ PRICING_URL: 'pricing' })).toThrow(
      /PRICING_URL: .*\(got "pricing"\)/,
    );
  });
});
