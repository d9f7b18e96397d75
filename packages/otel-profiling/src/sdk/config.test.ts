import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config';

describe('resolveConfig', () => {
  it('defaults: tracing on, profiling off without a Pyroscope address', () => {
    const config = resolveConfig({}, {}, null);
    expect(config.serviceInstanceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(config).toMatchObject({
      enabled: true,
      serviceName: 'unknown_service:node',
      serviceNamespace: 'rideshare',
      hostName: hostname(),
      region: undefined,
      otlp: { protocol: 'http/protobuf', tracesUrl: undefined },
      profiling: undefined,
      spanLabels: { labelScope: 'root', includeSpanName: true, includeTraceId: false },
      shutdownTimeoutMs: 5000,
    });
  });

  it('names the service after the package whose main script runs, when nothing else names it', () => {
    const script = path.join(__dirname, '..', '..', 'dist', 'register.js');
    expect(resolveConfig({}, {}, script).serviceName).toBe('otel-profiling');
    expect(resolveConfig({}, { OTEL_SERVICE_NAME: 'ride-service' }, script).serviceName).toBe(
      'ride-service',
    );
  });

  it('reads the standard variables', () => {
    const config = resolveConfig(
      {},
      {
        OTEL_SERVICE_NAME: 'ride-service',
        OTEL_RESOURCE_ATTRIBUTES:
          'service.namespace=demo,deployment.environment=dev,service.instance.id=ride-service-2',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        PYROSCOPE_SERVER_ADDRESS: 'http://127.0.0.1:4040/',
        PYROSCOPE_BASIC_AUTH_USER: 'u',
        PYROSCOPE_BASIC_AUTH_PASSWORD: 'p',
        PYROSCOPE_TENANT_ID: 't',
        PYROSCOPE_TAGS: 'team=rides, tier=backend',
        PYROSCOPE_UPLOAD_INTERVAL: '10s',
        PYROSCOPE_SAMPLING_INTERVAL: '5ms',
        PYROSCOPE_SPAN_LABEL_SCOPE: 'all',
        PYROSCOPE_SPAN_NAME_LABEL: 'false',
        PYROSCOPE_TRACE_ID_LABEL: 'true',
        REGION: 'eu-north',
      },
    );
    expect(config).toMatchObject({
      serviceName: 'ride-service',
      serviceInstanceId: 'ride-service-2',
      serviceNamespace: 'demo',
      region: 'eu-north',
      otlp: { protocol: 'http/json', tracesUrl: 'http://127.0.0.1:4318/v1/traces' },
      profiling: {
        serverAddress: 'http://127.0.0.1:4040',
        applicationName: 'ride-service',
        basicAuth: { user: 'u', password: 'p' },
        tenantId: 't',
        tags: {
          hostname: hostname(),
          service_instance_id: 'ride-service-2',
          region: 'eu-north',
          team: 'rides',
          tier: 'backend',
        },
        uploadIntervalMs: 10_000,
        samplingIntervalMs: 5,
      },
      spanLabels: { labelScope: 'all', includeSpanName: false, includeTraceId: true },
    });
  });

  it('lets options override the environment', () => {
    const config = resolveConfig(
      { serviceName: 'from-option', profiling: false, uploadIntervalMs: 1000 },
      { OTEL_SERVICE_NAME: 'from-env', PYROSCOPE_SERVER_ADDRESS: 'http://127.0.0.1:4040' },
    );
    expect(config.serviceName).toBe('from-option');
    expect(config.profiling).toBeUndefined();
  });

  it('takes service.name from OTEL_RESOURCE_ATTRIBUTES when OTEL_SERVICE_NAME is unset', () => {
    expect(
      resolveConfig({}, { OTEL_RESOURCE_ATTRIBUTES: 'service.name=pricing%2Dservice' }).serviceName,
    ).toBe('pricing-service');
  });

  it('is disabled by OTEL_SDK_DISABLED=true', () => {
    expect(resolveConfig({}, { OTEL_SDK_DISABLED: 'true' }).enabled).toBe(false);
  });

  it.each([
    [
      { PYROSCOPE_SERVER_ADDRESS: 'pyroscope:4040' },
      /PYROSCOPE_SERVER_ADDRESS must be an http\(s\) URL \(got "pyroscope:4040"\)/,
    ],
    [
      { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      /OTEL_EXPORTER_OTLP_PROTOCOL must be http\/protobuf or http\/json/,
    ],
    [{ PYROSCOPE_UPLOAD_INTERVAL: 'soon' }, /PYROSCOPE_UPLOAD_INTERVAL must be a duration/],
    [{ PYROSCOPE_SPAN_LABEL_SCOPE: 'some' }, /PYROSCOPE_SPAN_LABEL_SCOPE must be root or all/],
    [{ OTEL_SDK_DISABLED: 'yes please' }, /OTEL_SDK_DISABLED must be true or false/],
    [{ PYROSCOPE_TAGS: 'just-a-word' }, /PYROSCOPE_TAGS must look like key=value/],
    [{ PYROSCOPE_TAGS: 'team-name=rides' }, /PYROSCOPE_TAGS key "team-name" must match/],
    [{ PYROSCOPE_TAGS: '1st=rides' }, /PYROSCOPE_TAGS key "1st" must match/],
    [{ PYROSCOPE_TAGS: 'service_name=x' }, /PYROSCOPE_TAGS key "service_name" is set from/],
    [{ PYROSCOPE_TAGS: 'ok=1,__name__=x' }, /PYROSCOPE_TAGS key "__name__" must not start with __/],
  ])('rejects a bad value with a clear message: %o', (env, message) => {
    expect(() => resolveConfig({}, env)).toThrow(message);
  });

  it('accepts tag keys that follow the label-name rule', () => {
    const config = resolveConfig(
      {},
      { PYROSCOPE_SERVER_ADDRESS: 'http://127.0.0.1:4040', PYROSCOPE_TAGS: '_team=a, k8s.pod_1=b' },
    );
    expect(config.profiling?.tags).toMatchObject({ _team: 'a', 'k8s.pod_1': 'b' });
  });

  it('rejects a tags option whose key breaks the label-name rule', () => {
    expect(() => resolveConfig({ tags: { 'a-b': 'x' } }, {})).toThrow(/option tags key "a-b"/);
  });

  it('rejects profiling on without a server address', () => {
    expect(() => resolveConfig({ profiling: true }, {})).toThrow(/PYROSCOPE_SERVER_ADDRESS/);
  });

  it('rejects a bad option', () => {
    expect(() => resolveConfig({ samplingIntervalMs: 0 }, {})).toThrow(
      /option samplingIntervalMs must be a positive number/,
    );
  });
});
