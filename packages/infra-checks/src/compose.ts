import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { readEnvFile } from './env-file';
import { interpolate } from './interpolate';
import { infraPath } from './paths';

type Scalar = string | number | boolean | null;

export interface ComposeBuild {
  context: string;
  dockerfile?: string;
  args?: Record<string, Scalar> | string[];
}

export interface ComposeHealthcheck {
  test?: string | string[];
  disable?: boolean;
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}

export interface ComposeService {
  image?: string;
  build?: string | ComposeBuild;
  command?: string | string[];
  environment?: Record<string, Scalar> | string[];
  ports?: (
    | string
    | number
    | { target: number | string; published?: number | string; host_ip?: string; protocol?: string }
  )[];
  volumes?: (string | { type?: string; source?: string; target: string; read_only?: boolean })[];
  healthcheck?: ComposeHealthcheck;
  mem_limit?: string | number;
  deploy?: { resources?: { limits?: { memory?: string | number } } };
  depends_on?: string[] | Record<string, { condition?: string }>;
  profiles?: string[];
  restart?: string;
  hostname?: string;
  container_name?: string;
  entrypoint?: string | string[];
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** Reads the YAML of a file under infra/, with merge keys (`<<:`) resolved. Not interpolated. */
export function readComposeYaml(fileName: string): Record<string, unknown> {
  return parse(readFileSync(infraPath(fileName), 'utf8'), { merge: true }) as Record<
    string,
    unknown
  >;
}

/**
 * A compose file as Compose sees it: merge keys resolved, `x-` extension
 * fields dropped, `${...}` interpolated from infra/.env. Throws when a
 * variable the file uses is not set.
 */
export function loadCompose(
  fileName: string,
  env: Record<string, string> = readEnvFile(),
): ComposeFile {
  const raw = readComposeYaml(fileName);
  const withoutExtensions = Object.fromEntries(
    Object.entries(raw).filter(([key]) => !key.startsWith('x-')),
  );
  return interpolate(withoutExtensions, env) as unknown as ComposeFile;
}

function keyValues(value: Record<string, Scalar> | string[] | undefined): Record<string, string> {
  if (value === undefined) return {};
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((entry) => {
        const separator = entry.indexOf('=');
        return separator < 0
          ? [entry, '']
          : [entry.slice(0, separator), entry.slice(separator + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, inner === null ? '' : String(inner)]),
  );
}

/** The service's environment as strings, from either the map or the list form. */
export function environmentOf(service: ComposeService): Record<string, string> {
  return keyValues(service.environment);
}

export function buildOf(service: ComposeService): ComposeBuild | undefined {
  if (service.build === undefined) return undefined;
  return typeof service.build === 'string' ? { context: service.build } : service.build;
}

export function buildArgsOf(service: ComposeService): Record<string, string> {
  return keyValues(buildOf(service)?.args);
}

export interface PublishedPort {
  hostIp: string | undefined;
  published: string | undefined;
  target: string;
  protocol: string;
}

/** Parses `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` and the long form. */
export function parsePort(entry: NonNullable<ComposeService['ports']>[number]): PublishedPort {
  if (typeof entry === 'object') {
    return {
      hostIp: entry.host_ip,
      published: entry.published === undefined ? undefined : String(entry.published),
      target: String(entry.target),
      protocol: entry.protocol ?? 'tcp',
    };
  }
  const [mapping = '', protocol = 'tcp'] = String(entry).split('/');
  const parts = mapping.split(':');
  const target = parts.pop() ?? '';
  const published = parts.pop();
  const hostIp = parts.length > 0 ? parts.join(':') : undefined;
  return { hostIp, published, target, protocol };
}

export function publishedPorts(service: ComposeService): PublishedPort[] {
  return (service.ports ?? []).map(parsePort);
}

const MEMORY = /^(\d+(?:\.\d+)?)\s*([bkmg])?b?$/i;
const MEMORY_UNIT = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as const;

/** Compose byte values: `384M`, `1g`, `512mb`, `1024` (bytes). */
export function parseMemory(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = MEMORY.exec(value.trim());
  if (!match) throw new Error(`not a memory size: ${JSON.stringify(value)}`);
  const unit = (match[2]?.toLowerCase() ?? 'b') as keyof typeof MEMORY_UNIT;
  return Number(match[1]) * MEMORY_UNIT[unit];
}

/** The memory limit in bytes from `deploy.resources.limits.memory` or `mem_limit`, if any. */
export function memoryLimitBytes(service: ComposeService): number | undefined {
  const limit = service.deploy?.resources?.limits?.memory ?? service.mem_limit;
  return limit === undefined ? undefined : parseMemory(limit);
}

/** Dependencies with their start condition (`service_started` when the short form is used). */
export function dependsOn(service: ComposeService): Record<string, string> {
  const dependencies = service.depends_on;
  if (dependencies === undefined) return {};
  if (Array.isArray(dependencies))
    return Object.fromEntries(dependencies.map((name) => [name, 'service_started']));
  return Object.fromEntries(
    Object.entries(dependencies).map(([name, options]) => [
      name,
      options?.condition ?? 'service_started',
    ]),
  );
}

/** The health check's command as an argument list (`CMD`/`CMD-SHELL` first), or undefined. */
export function healthcheckTest(service: ComposeService): string[] | undefined {
  const test = service.healthcheck?.test;
  if (service.healthcheck?.disable || test === undefined) return undefined;
  return typeof test === 'string' ? ['CMD-SHELL', test] : test;
}
