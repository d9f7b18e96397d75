/**
 * Attribution of a V8 sampling heap profile (`HeapProfiler.getSamplingProfile`) to the packages
 * that allocated: each sampled allocation goes to the innermost frame that belongs to a package
 * (a dependency in node_modules or a workspace folder), so that a Buffer created by Node for
 * protobufjs counts for protobufjs, and a row read by pg counts for pg even when an
 * instrumentation's wrapper is further up the stack.
 */

/** The part of a sampling heap profile node this needs. */
export interface HeapProfileNode {
  callFrame: { url: string };
  selfSize: number;
  children: HeapProfileNode[];
}

/** Where allocations with no package frame on their stack (Node.js internals only) are counted. */
export const NODE_INTERNALS = 'node:internal';

const WORKSPACE_FOLDER = /\/(apps|packages|tools)\/([^/]+)\//;

/**
 * The package a script belongs to: `@scope/name` or `name` for the last node_modules segment,
 * `apps/x`, `packages/x` or `tools/x` for the workspace; undefined for Node.js's own code and
 * frames without a script.
 */
export function packageOf(url: string): string | undefined {
  if (url === '' || url.startsWith('node:')) return undefined;
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first = '', second = ''] = url.slice(modules + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const workspace = WORKSPACE_FOLDER.exec(url);
  return workspace ? `${workspace[1]}/${workspace[2]}` : url;
}

/** Bytes allocated per package (V8 scales each sample to the bytes it stands for). */
export function bytesByPackage(head: HeapProfileNode): Map<string, number> {
  const totals = new Map<string, number>();
  const visit = (node: HeapProfileNode, owner: string | undefined) => {
    const own = packageOf(node.callFrame.url) ?? owner;
    if (node.selfSize > 0) {
      const key = own ?? NODE_INTERNALS;
      totals.set(key, (totals.get(key) ?? 0) + node.selfSize);
    }
    for (const child of node.children) visit(child, own);
  };
  visit(head, undefined);
  return totals;
}

export type Owner = 'OpenTelemetry' | 'profiler' | 'otel-profiling' | 'application and Node.js';

/** Who a package's allocations are charged to in the summary. */
export function ownerOf(pkg: string): Owner {
  if (pkg.startsWith('@opentelemetry/') || pkg === 'protobufjs') return 'OpenTelemetry';
  if (pkg === 'require-in-the-middle' || pkg === 'import-in-the-middle') return 'OpenTelemetry';
  if (pkg === '@datadog/pprof' || pkg === 'pprof-format' || pkg.startsWith('@pyroscope/')) {
    return 'profiler';
  }
  if (pkg === 'packages/otel-profiling') return 'otel-profiling';
  return 'application and Node.js';
}

/** `after - before` per package, for a window between two cumulative profiles. */
export function difference(
  after: Map<string, number>,
  before: Map<string, number>,
): Map<string, number> {
  const result = new Map<string, number>();
  for (const [pkg, bytes] of after) result.set(pkg, bytes - (before.get(pkg) ?? 0));
  return result;
}
