import { describe, expect, it } from 'vitest';
import { parseConfigs, systemOptions, withNodeOptions } from './bench-configs';
import { BENCH_SERVICE_ENV } from './ride-load';

describe('parseConfigs', () => {
  it('reads base configurations', () => {
    expect(parseConfigs('bare,tracing only, full telemetry')).toEqual([
      { name: 'bare', base: 'bare', env: {} },
      { name: 'tracing only', base: 'tracing only', env: {} },
      { name: 'full telemetry', base: 'full telemetry', env: {} },
    ]);
  });

  it('reads KEY=VALUE overrides after a base (a value may hold "=" or be empty)', () => {
    expect(
      parseConfigs(
        'bare,full telemetry+PYROSCOPE_SAMPLING_INTERVAL=20ms + OTEL_TRACES_SAMPLER_ARG=0.1+X=a=b+EMPTY=',
      ),
    ).toEqual([
      { name: 'bare', base: 'bare', env: {} },
      {
        name: 'full telemetry+PYROSCOPE_SAMPLING_INTERVAL=20ms+OTEL_TRACES_SAMPLER_ARG=0.1+X=a=b+EMPTY=',
        base: 'full telemetry',
        env: {
          PYROSCOPE_SAMPLING_INTERVAL: '20ms',
          OTEL_TRACES_SAMPLER_ARG: '0.1',
          X: 'a=b',
          EMPTY: '',
        },
      },
    ]);
  });

  it('names an unknown base', () => {
    expect(() => parseConfigs('bare,full telemtry+A=1')).toThrow(
      'BENCH_CONFIGS: unknown configuration "full telemtry" (known: bare, tracing only, full telemetry)',
    );
    expect(() => parseConfigs('')).toThrow('unknown configuration ""');
  });

  it('names a part that is not KEY=VALUE', () => {
    expect(() => parseConfigs('full telemetry+PYROSCOPE_SAMPLING_INTERVAL')).toThrow(
      'BENCH_CONFIGS: "PYROSCOPE_SAMPLING_INTERVAL" in "full telemetry+PYROSCOPE_SAMPLING_INTERVAL" is not KEY=VALUE',
    );
    expect(() => parseConfigs('bare+=1')).toThrow('"=1" in "bare+=1" is not KEY=VALUE');
    expect(() => parseConfigs('bare+A B=1')).toThrow('"A B=1" in "bare+A B=1" is not KEY=VALUE');
    expect(() => parseConfigs('bare+')).toThrow('"" in "bare+" is not KEY=VALUE');
  });

  it('refuses a configuration listed twice', () => {
    expect(() => parseConfigs('bare, bare')).toThrow('BENCH_CONFIGS: "bare" is listed twice');
  });
});

describe('systemOptions', () => {
  const sink = 'http://127.0.0.1:4000';
  const [bare, tracing, full] = parseConfigs('bare+A=1,tracing only,full telemetry+A=2');

  it('starts bare services without telemetry, with the overrides', () => {
    expect(systemOptions(bare!, sink)).toEqual({
      telemetry: false,
      sharedEnv: { A: '1' },
      env: BENCH_SERVICE_ENV,
    });
  });

  it('sends telemetry to the sink with production settings, profiling off for tracing only', () => {
    const production = {
      OTEL_EXPORTER_OTLP_ENDPOINT: sink,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_BSP_SCHEDULE_DELAY: '5000',
      PYROSCOPE_UPLOAD_INTERVAL: '15s',
    };
    expect(systemOptions(tracing!, sink)).toEqual({
      telemetry: true,
      sharedEnv: { ...production, PYROSCOPE_SERVER_ADDRESS: '' },
      env: BENCH_SERVICE_ENV,
    });
    expect(systemOptions(full!, sink)).toEqual({
      telemetry: true,
      sharedEnv: { ...production, PYROSCOPE_SERVER_ADDRESS: sink, A: '2' },
      env: BENCH_SERVICE_ENV,
    });
  });

  it('lets an override replace a production setting', () => {
    const [config] = parseConfigs('full telemetry+OTEL_BSP_SCHEDULE_DELAY=1000');
    expect(systemOptions(config!, sink).sharedEnv?.OTEL_BSP_SCHEDULE_DELAY).toBe('1000');
  });
});

describe('withNodeOptions', () => {
  it("appends to the configuration's NODE_OPTIONS and adds the variables, keeping the rest", () => {
    const [config] = parseConfigs('full telemetry+NODE_OPTIONS=--max-semi-space-size=8+A=1');
    expect(withNodeOptions(config!, '--require=/x.js', { DIR: '/tmp/d' })).toEqual({
      name: 'full telemetry+NODE_OPTIONS=--max-semi-space-size=8+A=1',
      base: 'full telemetry',
      env: { NODE_OPTIONS: '--max-semi-space-size=8 --require=/x.js', A: '1', DIR: '/tmp/d' },
    });
  });

  it('sets NODE_OPTIONS when the configuration has none', () => {
    const [config] = parseConfigs('bare');
    expect(withNodeOptions(config!, '--report-on-signal').env).toEqual({
      NODE_OPTIONS: '--report-on-signal',
    });
  });
});
