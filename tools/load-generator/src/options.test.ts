import { describe, expect, it } from 'vitest';
import { OptionsError, parseCommandLine, resolveLoadOptions } from './options';

describe('resolveLoadOptions (library)', () => {
  it('fills in the defaults, with a 60 s duration when no limit is given', () => {
    expect(resolveLoadOptions()).toEqual({
      gatewayUrl: 'http://127.0.0.1:8080',
      rate: 2,
      rides: undefined,
      durationMs: 60_000,
      drivers: 0,
      rideTimeoutMs: 30_000,
      requestTimeoutMs: 10_000,
      holdMinMs: 200,
      holdMaxMs: 1000,
      maxInFlight: 1000,
      progressIntervalMs: 5000,
      seed: undefined,
    });
  });

  it('drops the default duration when a ride count is given and trims the URL', () => {
    const options = resolveLoadOptions({ rides: 50, gatewayUrl: 'http://127.0.0.1:9999/' });
    expect(options.rides).toBe(50);
    expect(options.durationMs).toBeUndefined();
    expect(options.gatewayUrl).toBe('http://127.0.0.1:9999');
  });

  it('names every bad option and the value it got', () => {
    const attempt = () => resolveLoadOptions({ rate: 0, rides: 2.5, gatewayUrl: 'ftp://x' });
    expect(attempt).toThrow(OptionsError);
    expect(attempt).toThrow(/rate: must be greater than 0 \(got 0\)/);
    expect(attempt).toThrow(/rides: must be a whole number \(got 2.5\)/);
    expect(attempt).toThrow(/gatewayUrl: must be an http\(s\) URL/);
  });

  it('refuses a ride count together with a duration, and a hold range upside down', () => {
    expect(() => resolveLoadOptions({ rides: 5, durationMs: 1000 })).toThrow(
      /either a ride count or a duration/,
    );
    expect(() => resolveLoadOptions({ holdMinMs: 500, holdMaxMs: 100 })).toThrow(
      /holdMinMs: must not be greater than the maximum hold \(got 500\)/,
    );
  });

  it('shortens the default minimum hold to a shorter maximum', () => {
    expect(resolveLoadOptions({ holdMaxMs: 50 })).toMatchObject({ holdMinMs: 50, holdMaxMs: 50 });
    expect(resolveLoadOptions({ holdMaxMs: 5000 })).toMatchObject({
      holdMinMs: 200,
      holdMaxMs: 5000,
    });
  });
});

describe('parseCommandLine', () => {
  it('reads flags, with durations in any unit and bare numbers as seconds', () => {
    const { options, json, help } = parseCommandLine(
      [
        '--rate',
        '5',
        '--duration',
        '2m',
        '--gateway',
        'http://gw:8080',
        '--ride-timeout',
        '45',
        '--hold-min',
        '0ms',
        '--hold-max',
        '250ms',
        '--json',
      ],
      {},
    );
    expect(options).toMatchObject({
      rate: 5,
      durationMs: 120_000,
      gatewayUrl: 'http://gw:8080',
      rideTimeoutMs: 45_000,
      holdMinMs: 0,
      holdMaxMs: 250,
    });
    expect(json).toBe(true);
    expect(help).toBe(false);
  });

  it('reads the environment, and flags win over it', () => {
    const env = {
      GATEWAY_URL: 'http://env:8080',
      LOADGEN_RATE: '3',
      LOADGEN_DURATION: '1h',
      LOADGEN_SEED: '42',
    };
    expect(parseCommandLine([], env).options).toMatchObject({
      gatewayUrl: 'http://env:8080',
      rate: 3,
      durationMs: 3_600_000,
      seed: 42,
    });
    expect(parseCommandLine(['--rate', '7'], env).options.rate).toBe(7);
  });

  it('lets --rides on the command line replace a duration from the environment', () => {
    const { options } = parseCommandLine(['--rides', '20'], { LOADGEN_DURATION: '10m' });
    expect(options.rides).toBe(20);
    expect(options.durationMs).toBeUndefined();
  });

  it('treats empty environment variables as unset', () => {
    expect(parseCommandLine([], { LOADGEN_RATE: '', LOADGEN_HEARTBEAT_FILE: ' ' })).toMatchObject({
      options: { rate: 2 },
      heartbeatFile: undefined,
    });
  });

  it('names the flag and the variable of a bad value', () => {
    expect(() => parseCommandLine(['--rate', 'fast'], {})).toThrow(
      'Invalid options: --rate (LOADGEN_RATE): must be a number (got "fast")',
    );
    expect(() => parseCommandLine([], { LOADGEN_DURATION: 'soon' })).toThrow(
      /--duration \(LOADGEN_DURATION\): must be a duration such as 500ms, 30s, 5m or 1h \(got "soon"\)/,
    );
    expect(() => parseCommandLine(['--rate', '0'], {})).toThrow(
      /--rate \(LOADGEN_RATE\): must be greater than 0 \(got "0"\)/,
    );
    expect(() => parseCommandLine(['--rides', '3', '--duration', '10s'], {})).toThrow(
      /--rides \(LOADGEN_RIDES\): give either a ride count or a duration, not both/,
    );
  });

  it('accepts the `--` that `pnpm load -- --rate 5` passes through', () => {
    const { options } = parseCommandLine(['--', '--rate', '5', '--duration', '60s'], {});
    expect(options.rate).toBe(5);
    expect(options.durationMs).toBe(60_000);
  });

  it('rejects unknown flags and stray arguments', () => {
    expect(() => parseCommandLine(['--speed', '3'], {})).toThrow(/Unknown option '--speed'/);
    expect(() => parseCommandLine(['fast'], {})).toThrow(OptionsError);
  });

  it('reads the heartbeat file and help flags', () => {
    expect(parseCommandLine(['--heartbeat-file', '/tmp/hb'], {}).heartbeatFile).toBe('/tmp/hb');
    expect(parseCommandLine([], { LOADGEN_HEARTBEAT_FILE: '/tmp/env-hb' }).heartbeatFile).toBe(
      '/tmp/env-hb',
    );
    expect(parseCommandLine(['-h'], {}).help).toBe(true);
  });
});
