import { describe, expect, it } from 'vitest';
import {
  bytesByPackage,
  difference,
  NODE_INTERNALS,
  ownerOf,
  packageOf,
  type HeapProfileNode,
} from './allocation-by-package';

const STORE = 'file:///srv/rideshare/node_modules/.pnpm';

function node(url: string, selfSize: number, children: HeapProfileNode[] = []): HeapProfileNode {
  return { callFrame: { url }, selfSize, children };
}

describe('packageOf', () => {
  it('names the last node_modules package, scoped or not', () => {
    expect(
      packageOf(
        `${STORE}/@opentelemetry+core@3.1.1/node_modules/@opentelemetry/core/dist/common/attributes.cjs`,
      ),
    ).toBe('@opentelemetry/core');
    expect(packageOf(`${STORE}/pg@8.16.0/node_modules/pg/lib/result.js`)).toBe('pg');
  });

  it('names workspace folders', () => {
    expect(packageOf('file:///srv/rideshare/apps/api-gateway/dist/main.js')).toBe(
      'apps/api-gateway',
    );
    expect(
      packageOf('file:///srv/rideshare/packages/otel-profiling/dist/span-profiles/span-labels.js'),
    ).toBe('packages/otel-profiling');
  });

  it('has no package for Node.js internals or frames without a script', () => {
    expect(packageOf('node:internal/streams/readable')).toBeUndefined();
    expect(packageOf('')).toBeUndefined();
  });
});

describe('bytesByPackage', () => {
  it('charges each allocation to the innermost frame with a package', () => {
    const pgRow = `${STORE}/pg@8.16.0/node_modules/pg/lib/result.js`;
    const wrapper = `${STORE}/i@0.78.0/node_modules/@opentelemetry/instrumentation-pg/dist/index.cjs`;
    const encoder = `${STORE}/protobufjs@7.5.0/node_modules/protobufjs/src/writer.js`;
    const profile = node('', 0, [
      node('node:internal/timers', 100, [
        node(wrapper, 10, [node(pgRow, 500, [node('node:buffer', 40)])]),
        node(encoder, 0, [node('node:buffer', 2048)]),
      ]),
    ]);
    expect(bytesByPackage(profile)).toEqual(
      new Map([
        [NODE_INTERNALS, 100],
        ['@opentelemetry/instrumentation-pg', 10],
        ['pg', 540],
        ['protobufjs', 2048],
      ]),
    );
  });
});

describe('ownerOf', () => {
  it('groups packages by who the allocation is charged to', () => {
    expect(ownerOf('@opentelemetry/context-async-hooks')).toBe('OpenTelemetry');
    expect(ownerOf('protobufjs')).toBe('OpenTelemetry');
    expect(ownerOf('require-in-the-middle')).toBe('OpenTelemetry');
    expect(ownerOf('@datadog/pprof')).toBe('profiler');
    expect(ownerOf('pprof-format')).toBe('profiler');
    expect(ownerOf('packages/otel-profiling')).toBe('otel-profiling');
    expect(ownerOf('@nestjs/core')).toBe('application and Node.js');
    expect(ownerOf(NODE_INTERNALS)).toBe('application and Node.js');
  });
});

describe('difference', () => {
  it('subtracts the earlier cumulative bytes, counting packages new since then in full', () => {
    const before = new Map([['pg', 100]]);
    const after = new Map([
      ['pg', 350],
      ['kafkajs', 80],
    ]);
    expect(difference(after, before)).toEqual(
      new Map([
        ['pg', 250],
        ['kafkajs', 80],
      ]),
    );
  });
});
