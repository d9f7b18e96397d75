import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { argDefaults, finalStage, infraPath, parseDockerfile, repoPath } from '../src';

const appDockerfile = parseDockerfile(readFileSync(infraPath('docker', 'app.Dockerfile'), 'utf8'));
const runs = appDockerfile
  .filter((instruction) => instruction.keyword === 'RUN')
  .map((instruction) => instruction.value);

describe('infra/docker/app.Dockerfile', () => {
  it('is multi-stage on the Node 24 slim image', () => {
    const froms = appDockerfile
      .filter((instruction) => instruction.keyword === 'FROM')
      .map((instruction) => instruction.value);
    expect(froms).toEqual([
      '${NODE_IMAGE} AS base',
      'base AS pruner',
      'base AS builder',
      '${NODE_IMAGE} AS runner',
    ]);
    expect(argDefaults(appDockerfile).NODE_IMAGE).toBe('node:24-bookworm-slim');
  });

  it('prunes the workspace to the app, installs from the frozen lockfile, builds and deploys production deps', () => {
    expect(runs).toContain('turbo prune "@rideshare/${APP}" --docker');
    expect(runs.some((run) => /pnpm install --frozen-lockfile\b/.test(run))).toBe(true);
    expect(
      runs.some((run) => run.includes('turbo run build --filter="@rideshare/${APP}..."')),
    ).toBe(true);
    expect(
      runs.some((run) => /pnpm --filter "@rideshare\/\$\{APP\}" deploy --prod\b/.test(run)),
    ).toBe(true);
  });

  it('installs the turbo version the workspace catalog pins', () => {
    const workspace = parse(readFileSync(repoPath('pnpm-workspace.yaml'), 'utf8')) as {
      catalog: Record<string, string>;
    };
    expect(argDefaults(appDockerfile).TURBO_VERSION).toBe(workspace.catalog.turbo);
  });

  it('runs as the non-root node user, from the app directory, with telemetry preloaded', () => {
    const runner = finalStage(appDockerfile);
    expect(runner.find((instruction) => instruction.keyword === 'USER')?.value).toBe('node');
    expect(runner.find((instruction) => instruction.keyword === 'WORKDIR')?.value).toBe('/app');
    expect(runner.filter((instruction) => instruction.keyword === 'RUN')).toEqual([]);
    const cmd = runner.find((instruction) => instruction.keyword === 'CMD')?.value ?? '';
    expect(JSON.parse(cmd)).toEqual([
      'node',
      '--require',
      '@rideshare/otel-profiling/register',
      'dist/main.js',
    ]);
  });

  it('has a build-context filter that keeps node_modules, build output and git out', () => {
    const ignored = readFileSync(infraPath('docker', 'app.Dockerfile.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
    // What turbo prune reads must stay in the context.
    for (const needed of [
      'package.json',
      'pnpm-lock.yaml',
      'pnpm-workspace.yaml',
      'turbo.json',
      'apps',
      'packages',
      'tools',
    ]) {
      expect(ignored, needed).not.toContain(needed);
    }
  });
});

describe('infra/tempo/Dockerfile', () => {
  it('adds only a static busybox (for the health check) to the pinned Tempo image', () => {
    const tempo = parseDockerfile(readFileSync(infraPath('tempo', 'Dockerfile'), 'utf8'));
    expect(tempo.map(({ keyword, value }) => `${keyword} ${value}`)).toEqual([
      'ARG TEMPO_IMAGE',
      'ARG BUSYBOX_IMAGE',
      'FROM ${BUSYBOX_IMAGE} AS busybox',
      'FROM ${TEMPO_IMAGE}',
      'COPY --from=busybox /bin/busybox /usr/local/bin/busybox',
    ]);
  });
});
