import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, DEFAULT_DATABASE_URL, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the localhost defaults', () => {
    const config = loadConfig({ defaultPort: 8081, serviceName: 'ride-service', env: {} });
    expect(config).toEqual({
      PORT: 8081,
      KAFKA_GROUP_ID: 'ride-service',
      KAFKA_TOPIC_PARTITIONS: 6,
      DATABASE_URL: DEFAULT_DATABASE_URL,
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      LOG_LEVEL: 'info',
      MAX_IN_FLIGHT_REQUESTS: 32,
      MAX_QUEUED_REQUESTS: 64,
      REQUEST_BUDGET_MS: 15_000,
    });
  });

  it('rejects overload limits that cannot work, naming the variable', () => {
    expect(() => loadConfig({ env: { MAX_IN_FLIGHT_REQUESTS: '0' } })).toThrow(
      /MAX_IN_FLIGHT_REQUESTS/,
    );
    expect(() => loadConfig({ env: { REQUEST_BUDGET_MS: 'soon' } })).toThrow(/REQUEST_BUDGET_MS/);
  });

  it('parses the environment and treats empty strings as unset', () => {
    const config = loadConfig({
      env: {
        PORT: '9000',
        REGION: 'eu-north',
        DATABASE_URL: 'postgresql://u:p@db:5432/x',
        KAFKA_BROKERS: 'a:9092, b:9093',
        LOG_LEVEL: '',
      },
    });
    expect(config.PORT).toBe(9000);
    expect(config.REGION).toBe('eu-north');
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('validates service-specific keys', () => {
    const extra = { PRICING_URL: z.url().default('http://127.0.0.1:8082') };
    expect(loadConfig({ extra, env: {} }).PRICING_URL).toBe('http://127.0.0.1:8082');
    expect(() => loadConfig({ extra, env: { PRICING_URL: 'not a url' } })).toThrow(
      /PRICING_URL: .*\(got "not a url"\)/,
    );
  });

  it('names every bad variable with the reason and the value', () => {
    let error: unknown;
    try {
      loadConfig({
        env: {
          PORT: '70000',
          REGION: 'mars',
          KAFKA_BROKERS: 'nohostport',
          LOG_LEVEL: 'loud',
          DATABASE_URL: 'mysql://x',
        },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).toContain('PORT: ');
    expect(message).toContain('(got "70000")');
    expect(message).toContain('REGION: ');
    expect(message).toContain('KAFKA_BROKERS.0: each broker must be host:port (got "nohostport")');
    expect(message).toContain('LOG_LEVEL: ');
    expect(message).toContain('DATABASE_URL: must be a postgres:// URL');
  });

  it('rejects a non-numeric port', () => {
    expect(() => loadConfig({ env: { PORT: 'eighty' } })).toThrow(/PORT: .*expected number/);
  });
});
