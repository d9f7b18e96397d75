import { PROFILE_TYPE_ID } from '@rideshare/otel-profiling/constants';
import { z } from 'zod';
import { JumpError } from '../exit-codes';
import { backends, endpoint, readJson, request, statusError, type Backend } from '../http';
import { flameGraphSchema, type FlameGraph } from './flamegraph';

export const SELECT_MERGE_SPAN_PROFILE_PATH = '/querier.v1.QuerierService/SelectMergeSpanProfile';
export const SELECT_MERGE_STACKTRACES_PATH = '/querier.v1.QuerierService/SelectMergeStacktraces';
const MAX_NODES = 1024;

/** Both `SelectMergeSpanProfileResponse` and `SelectMergeStacktracesResponse` carry `flamegraph`. */
const flameGraphResponse = z.object({ flamegraph: flameGraphSchema.nullish() });

/** Pyroscope label selector for one service (the series label mirrors `service.name`). */
export function serviceSelector(service: string): string {
  return `{service_name=${JSON.stringify(service)}}`;
}

export interface SpanProfileQuery {
  service: string;
  spanIds: string[];
  startMs: number;
  endMs: number;
}

export class PyroscopeClient {
  private readonly backend: Backend;

  constructor(
    baseUrl: string,
    readonly profileTypeId: string = PROFILE_TYPE_ID,
  ) {
    this.backend = backends.pyroscope(baseUrl);
  }

  /** The merged CPU flame graph of the samples labelled with the given span ids; null when there are none. */
  async selectMergeSpanProfile(query: SpanProfileQuery): Promise<FlameGraph | null> {
    return this.call(SELECT_MERGE_SPAN_PROFILE_PATH, {
      profileTypeID: this.profileTypeId,
      labelSelector: serviceSelector(query.service),
      spanSelector: query.spanIds,
      start: Math.floor(query.startMs),
      end: Math.ceil(query.endMs),
      maxNodes: MAX_NODES,
    });
  }

  /**
   * Whether the service has uploaded any CPU profile stamped inside
   * [startMs, endMs]. Used to tell "not ingested yet" from "no samples".
   */
  async hasProfiles(service: string, startMs: number, endMs: number): Promise<boolean> {
    const graph = await this.call(SELECT_MERGE_STACKTRACES_PATH, {
      profileTypeID: this.profileTypeId,
      labelSelector: serviceSelector(service),
      start: Math.floor(startMs),
      end: Math.max(Math.ceil(endMs), Math.floor(startMs) + 1),
      maxNodes: 1,
    });
    return graph !== null;
  }

  private async call(path: string, body: object): Promise<FlameGraph | null> {
    const response = await request(this.backend, endpoint(this.backend.baseUrl, path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'connect-protocol-version': '1' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await statusError(this.backend, response);
    const parsed = flameGraphResponse.safeParse(await readJson(this.backend, response));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new JumpError(
        this.backend.exitCode,
        `Pyroscope returned an unexpected flame graph at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    const graph = parsed.data.flamegraph;
    return graph && graph.total > 0 ? graph : null;
  }
}
