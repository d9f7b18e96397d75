import { ExitCode, JumpError, type ExitCodeValue } from './exit-codes';

/** One backend the CLI talks to, named in error messages. */
export interface Backend {
  /** Human name used in messages, e.g. "Tempo". */
  name: string;
  baseUrl: string;
  /** Exit code for "unreachable or failing". */
  exitCode: ExitCodeValue;
}

/** How long one HTTP request may take before the backend counts as unreachable. */
const REQUEST_TIMEOUT_MS = 15_000;

/** Joins a base URL (which may carry a path prefix) and an API path. */
export function endpoint(baseUrl: string, path: string, query?: URLSearchParams): URL {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const url = new URL(path.replace(/^\/+/, ''), base);
  if (query) url.search = query.toString();
  return url;
}

function describeCause(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${REQUEST_TIMEOUT_MS / 1000}s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** fetch() that turns network failures into a one-line JumpError naming the backend. */
export async function request(
  backend: Backend,
  url: URL,
  init: RequestInit = {},
): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new JumpError(
      backend.exitCode,
      `${backend.name} unreachable at ${backend.baseUrl} (${describeCause(error)})`,
    );
  }
}

/** Reads a JSON body or throws a JumpError naming the backend. */
export async function readJson(backend: Backend, response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new JumpError(
      backend.exitCode,
      `${backend.name} answered ${response.url} with a body that is not JSON`,
    );
  }
}

/** A JumpError for a non-success HTTP status, with the start of the body for context. */
export async function statusError(backend: Backend, response: Response): Promise<JumpError> {
  const body = (await response.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 200);
  const path = new URL(response.url).pathname;
  return new JumpError(
    backend.exitCode,
    `${backend.name} answered ${path} with HTTP ${response.status}${body ? `: ${body}` : ''}`,
  );
}

export const backends = {
  tempo: (baseUrl: string): Backend => ({
    name: 'Tempo',
    baseUrl,
    exitCode: ExitCode.tempoUnavailable,
  }),
  pyroscope: (baseUrl: string): Backend => ({
    name: 'Pyroscope',
    baseUrl,
    exitCode: ExitCode.pyroscopeUnavailable,
  }),
};
