import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { infraPath, readEnvFile } from '../src';

interface TempoConfig {
  server: { http_listen_port: number };
  distributor: { receivers: { otlp: { protocols: Record<string, { endpoint?: string }> } } };
  storage: { trace: { backend: string; wal: { path: string }; local: { path: string } } };
}

const env = readEnvFile();
const config = parse(readFileSync(infraPath('tempo', 'tempo.yaml'), 'utf8')) as TempoConfig;

describe('infra/tempo/tempo.yaml', () => {
  it('serves the query API on TEMPO_HTTP_PORT', () => {
    expect(String(config.server.http_listen_port)).toBe(env.TEMPO_HTTP_PORT);
  });

  it('receives OTLP over HTTP and gRPC on all interfaces of the container, at the .env ports', () => {
    const { http, grpc } = config.distributor.receivers.otlp.protocols;
    expect(http?.endpoint).toBe(`0.0.0.0:${env.TEMPO_OTLP_HTTP_PORT}`);
    expect(grpc?.endpoint).toBe(`0.0.0.0:${env.TEMPO_OTLP_GRPC_PORT}`);
  });

  it('stores traces locally, in a directory the non-root Tempo user can write', () => {
    expect(config.storage.trace.backend).toBe('local');
    expect(config.storage.trace.wal.path).toMatch(/^\/tmp\//);
    expect(config.storage.trace.local.path).toMatch(/^\/tmp\//);
  });
});
