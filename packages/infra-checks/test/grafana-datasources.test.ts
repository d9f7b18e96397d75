import { readFileSync } from 'node:fs';
import { PROFILE_TYPE_ID } from '@rideshare/otel-profiling';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { infraPath, loadCompose, loadDatasources, readEnvFile } from '../src';

const env = readEnvFile();
const services = loadCompose('docker-compose.yml', env).services;
const datasources = loadDatasources();
const pyroscope = datasources.find(
  (datasource) => datasource.type === 'grafana-pyroscope-datasource',
);
const tempo = datasources.find((datasource) => datasource.type === 'tempo');

describe('Grafana datasource provisioning', () => {
  it('provisions exactly one Pyroscope (uid pyroscope) and one Tempo (uid tempo) datasource', () => {
    expect(
      datasources
        .map(({ type, uid }) => ({ type, uid }))
        .sort((a, b) => a.uid.localeCompare(b.uid)),
    ).toEqual([
      { type: 'grafana-pyroscope-datasource', uid: 'pyroscope' },
      { type: 'tempo', uid: 'tempo' },
    ]);
    expect(new Set(datasources.map((datasource) => datasource.name)).size).toBe(datasources.length);
  });

  it('uses provisioning format version 1 in every file', () => {
    for (const file of new Set(datasources.map((datasource) => datasource.file))) {
      const document = parse(
        readFileSync(infraPath('grafana', 'provisioning', 'datasources', file), 'utf8'),
      ) as {
        apiVersion: number;
      };
      expect(document.apiVersion, file).toBe(1);
    }
  });

  it('links Tempo spans to profiles in the Pyroscope datasource, by uid', () => {
    const tracesToProfiles = tempo?.jsonData?.tracesToProfiles as Record<string, unknown>;
    expect(tracesToProfiles.datasourceUid).toBe(pyroscope?.uid);
  });

  it('asks Pyroscope for the profile type otel-profiling uploads (PROFILE_TYPE_ID)', () => {
    const tracesToProfiles = tempo?.jsonData?.tracesToProfiles as Record<string, unknown>;
    expect(PROFILE_TYPE_ID).toBe('process_cpu:cpu:nanoseconds:cpu:nanoseconds');
    expect(tracesToProfiles.profileTypeId).toBe(PROFILE_TYPE_ID);
  });

  it('maps the span resource attribute service.name to the Pyroscope label service_name, without a custom query', () => {
    expect(tempo?.jsonData?.tracesToProfiles).toEqual({
      datasourceUid: 'pyroscope',
      tags: [{ key: 'service.name', value: 'service_name' }],
      profileTypeId: PROFILE_TYPE_ID,
      customQuery: false,
    });
  });

  it('reaches Tempo and Pyroscope by compose service name at the ports they listen on', () => {
    const tempoConfig = parse(readFileSync(infraPath('tempo', 'tempo.yaml'), 'utf8')) as {
      server: { http_listen_port: number };
    };
    expect(tempo?.url).toBe(`http://tempo:${tempoConfig.server.http_listen_port}`);
    expect(pyroscope?.url).toBe(`http://pyroscope:${env.PYROSCOPE_PORT}`);
    expect(services.tempo).toBeDefined();
    expect(services.pyroscope).toBeDefined();
    for (const datasource of datasources) expect(datasource.access, datasource.name).toBe('proxy');
  });
});
