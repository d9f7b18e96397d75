import { z } from 'zod';
import { flameGraphJson, type StackSample } from './flamegraph-builder';
import { startServer, sendJson, type RunningServer } from './http-server';

const SERVICE_SELECTOR = /^\{service_name="([^"\\]+)"\}$/;
const int64 = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\d+$/).transform(Number),
]);

/** `querier.v1.SelectMergeSpanProfileRequest` in Connect's JSON mapping, strictly. */
const spanProfileRequest = z.strictObject({
  profileTypeID: z.string(),
  labelSelector: z.string().regex(SERVICE_SELECTOR),
  spanSelector: z.array(z.string().regex(/^[0-9a-f]{16}$/)).min(1),
  start: int64,
  end: int64,
  maxNodes: int64.optional(),
  format: z.string().optional(),
});

/** `querier.v1.SelectMergeStacktracesRequest`, the fields this CLI may send. */
const stacktracesRequest = z.strictObject({
  profileTypeID: z.string(),
  labelSelector: z.string().regex(SERVICE_SELECTOR),
  start: int64,
  end: int64,
  maxNodes: int64.optional(),
});

/** What Pyroscope answers when no sample matches. */
const EMPTY_FLAMEGRAPH = {
  names: ['total'],
  levels: [{ values: ['0', '0', '0', '0'] }],
  total: '0',
  maxSelf: '0',
};

interface SpanSamples {
  service: string;
  startMs: number;
  endMs: number;
  samples: StackSample[];
}

export interface RecordedQuery {
  path: string;
  body: unknown;
}

/**
 * Answers Pyroscope's Connect query API (`/querier.v1.QuerierService/...`,
 * JSON) from span samples the test registers. Requests that do not match the
 * documented message shape get Connect's `invalid_argument` and are kept in
 * `rejected`.
 */
export class FakePyroscope {
  readonly queries: RecordedQuery[] = [];
  readonly rejected: { path: string; reason: string }[] = [];
  private readonly spans = new Map<string, SpanSamples>();
  /** service -> time (ms) of its newest uploaded profile. */
  private readonly newestUpload = new Map<string, number>();
  private server: RunningServer | undefined;

  constructor(readonly profileTypeId: string) {}

  get url(): string {
    if (!this.server) throw new Error('FakePyroscope not started');
    return this.server.url;
  }

  /** Registers CPU samples labelled span_id=<spanId> for a span of `service`. */
  addSpanSamples(
    service: string,
    spanId: string,
    span: { startMs: number; endMs: number },
    samples: StackSample[],
  ): void {
    this.spans.set(spanId, { service, ...span, samples });
  }

  /** Records that `service` uploaded a profile stamped `atMs`. */
  addUpload(service: string, atMs: number): void {
    this.newestUpload.set(service, Math.max(atMs, this.newestUpload.get(service) ?? 0));
  }

  spanProfileQueries(): z.infer<typeof spanProfileRequest>[] {
    return this.queries
      .filter((query) => query.path.endsWith('/SelectMergeSpanProfile'))
      .map((query) => spanProfileRequest.parse(query.body));
  }

  async start(): Promise<this> {
    this.server = await startServer((request, rawBody, response) => {
      const path = new URL(request.url ?? '/', 'http://pyroscope').pathname;
      const reject = (status: number, reason: string) => {
        this.rejected.push({ path, reason });
        sendJson(response, status, { code: 'invalid_argument', message: reason });
      };
      if (request.method !== 'POST') return reject(405, 'method not allowed');
      if (!request.headers['content-type']?.startsWith('application/json'))
        return reject(415, 'content-type must be application/json');
      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        return reject(400, 'body is not JSON');
      }
      this.queries.push({ path, body });

      if (path === '/querier.v1.QuerierService/SelectMergeSpanProfile') {
        const parsed = spanProfileRequest.safeParse(body);
        if (!parsed.success) return reject(400, z.prettifyError(parsed.error));
        const query = parsed.data;
        if (query.profileTypeID !== this.profileTypeId)
          return reject(400, `unknown profile type ${query.profileTypeID}`);
        if (query.start >= query.end) return reject(400, 'start must be before end');
        const service = SERVICE_SELECTOR.exec(query.labelSelector)?.[1];
        const samples = query.spanSelector.flatMap((spanId) => {
          const span = this.spans.get(spanId);
          const inRange =
            span &&
            span.service === service &&
            span.startMs >= query.start &&
            span.endMs <= query.end;
          return inRange ? span.samples : [];
        });
        return sendJson(response, 200, {
          flamegraph: samples.length > 0 ? flameGraphJson(samples) : EMPTY_FLAMEGRAPH,
        });
      }

      if (path === '/querier.v1.QuerierService/SelectMergeStacktraces') {
        const parsed = stacktracesRequest.safeParse(body);
        if (!parsed.success) return reject(400, z.prettifyError(parsed.error));
        const query = parsed.data;
        if (query.profileTypeID !== this.profileTypeId)
          return reject(400, `unknown profile type ${query.profileTypeID}`);
        const service = SERVICE_SELECTOR.exec(query.labelSelector)?.[1] ?? '';
        const newest = this.newestUpload.get(service);
        const hasData = newest !== undefined && newest >= query.start && newest <= query.end;
        return sendJson(response, 200, {
          flamegraph: hasData
            ? flameGraphJson([{ stack: ['(program)'], selfNs: 10_000_000 }])
            : EMPTY_FLAMEGRAPH,
        });
      }

      sendJson(response, 404, { code: 'unimplemented', message: `${path} is not implemented` });
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }
}
