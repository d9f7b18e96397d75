import {
  REGIONS,
  RIDE_STATUSES,
  VEHICLES,
  type Region,
  type RideStatus,
  type Vehicle,
} from '@rideshare/contracts';
import type { GatewayAnswer } from '@rideshare/gateway-client';
import { ENDPOINTS, EXPECTED_STATUS, type Endpoint } from './endpoints';
import { latencyStats, percentile, type LatencyStats } from './percentiles';

/** Named error kinds besides `http_<status>`, `network` and `timeout`. */
export type ErrorKind =
  | `http_${number}`
  | 'network'
  | 'timeout'
  /** A 2xx body that is not what the contract says. */
  | 'invalid_response'
  /** An accepted ride still REQUESTED when its deadline passed. */
  | 'ride_deadline'
  /** An arrival not sent because --max-in-flight rides were still open. */
  | 'skipped_overload'
  /** POST /v1/rides still answered 503/429 (after retries) when the ride's deadline passed. */
  | 'shed_until_deadline'
  /** A bug in the generator itself (reported, never swallowed silently). */
  | 'internal';

export interface EndpointCounts {
  count: number;
  /** HTTP status code, or `network` / `timeout` when no response came. */
  statuses: Record<string, number>;
}

export interface Summary {
  gatewayUrl: string;
  startedAt: string;
  elapsedMs: number;
  rate: number;
  /** True when the run was stopped (signal) before its schedule ended. */
  stoppedEarly: boolean;
  drivers: { requested: number; registered: number };
  rides: {
    planned: number;
    sent: number;
    accepted: number;
    rejected: number;
    skipped: number;
    /** 503/429 answers to POST /v1/rides ("not now"); each is retried after `Retry-After` while the ride's deadline allows. */
    shed: number;
    /** POST /v1/rides that got no answer (timeout, connection reset) and were sent again with the same key. */
    unansweredRetried: number;
    /** Rides accepted only after one or more retries. */
    acceptedAfterRetry: number;
    byVehicle: Record<Vehicle, number>;
    byRegion: Record<Region, number>;
  };
  /** Last known status of every accepted ride: REQUESTED = stuck past its deadline, ASSIGNED = completion failed. */
  finalStatus: Record<RideStatus, number>;
  requests: { total: number; byEndpoint: Record<Endpoint, EndpointCounts> };
  /** `firstMessage`: what the first error of each kind said (socket error, error body message). */
  errors: { total: number; byKind: Record<string, number>; firstMessage: Record<string, string> };
  latencyMs: {
    /** POST /v1/rides answered 202. */
    createRide: LatencyStats;
    /** From sending POST /v1/rides until a poll first saw ASSIGNED (includes the polling delay). */
    requestToAssigned: LatencyStats;
  };
}

export interface Progress {
  elapsedMs: number;
  planned: number;
  sent: number;
  accepted: number;
  inFlight: number;
  completed: number;
  noDriver: number;
  errors: number;
  createRideP50: number | null;
  createRideP99: number | null;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Counters and latency samples of one run. Single-threaded: plain fields suffice. */
export class LoadStats {
  planned = 0;
  private sent = 0;
  private accepted = 0;
  private skipped = 0;
  private shed = 0;
  private unansweredRetried = 0;
  private acceptedAfterRetry = 0;
  private driversRequested = 0;
  private driversRegistered = 0;
  private readonly byVehicle = zeros(VEHICLES);
  private readonly byRegion = zeros(REGIONS);
  private readonly finalStatus = zeros(RIDE_STATUSES);
  private readonly endpoints = Object.fromEntries(
    ENDPOINTS.map((endpoint) => [endpoint, { count: 0, statuses: {} }]),
  ) as Record<Endpoint, EndpointCounts>;
  private readonly errors: Record<string, number> = {};
  private readonly firstMessage: Record<string, string> = {};
  private readonly createRideLatencies: number[] = [];
  private readonly assignLatencies: number[] = [];

  /** Counts the call; a missing response or an unexpected status also counts as an error. */
  recordRequest(endpoint: Endpoint, outcome: GatewayAnswer<unknown>): void {
    const counts = this.endpoints[endpoint];
    counts.count += 1;
    const key = outcome.kind === 'response' ? String(outcome.status) : outcome.kind;
    increment(counts.statuses, key);
    if (outcome.kind !== 'response')
      this.recordError(outcome.kind, `${endpoint}: ${outcome.message}`);
    else if (outcome.status !== EXPECTED_STATUS[endpoint]) {
      this.recordError(`http_${outcome.status}`, `${endpoint}: ${errorMessage(outcome.body)}`);
    }
  }

  /**
   * Counts a 503/429 answer (or, for POST /v1/rides, no answer) that the generator retries: a
   * documented "not now", not an error (it becomes one only if no retry succeeds in time).
   */
  recordRetryableAnswer(endpoint: Endpoint, outcome: GatewayAnswer<unknown>): void {
    const counts = this.endpoints[endpoint];
    counts.count += 1;
    increment(counts.statuses, outcome.kind === 'response' ? String(outcome.status) : outcome.kind);
    if (endpoint !== 'POST /v1/rides') return;
    if (outcome.kind === 'response') this.shed += 1;
    else this.unansweredRetried += 1;
  }

  recordError(kind: ErrorKind, message?: string): void {
    increment(this.errors, kind);
    if (message !== undefined) this.firstMessage[kind] ??= message;
  }

  driverRequested(registered: boolean): void {
    this.driversRequested += 1;
    if (registered) this.driversRegistered += 1;
  }

  rideSent(vehicle: Vehicle, region: Region): void {
    this.sent += 1;
    this.byVehicle[vehicle] += 1;
    this.byRegion[region] += 1;
  }

  rideAccepted(createLatencyMs: number, afterRetry = false): void {
    this.accepted += 1;
    if (afterRetry) this.acceptedAfterRetry += 1;
    this.createRideLatencies.push(createLatencyMs);
  }

  rideAssigned(sinceRequestMs: number): void {
    this.assignLatencies.push(sinceRequestMs);
  }

  rideFinished(status: RideStatus): void {
    this.finalStatus[status] += 1;
  }

  rideSkipped(): void {
    this.skipped += 1;
    this.recordError('skipped_overload');
  }

  progress(elapsedMs: number, inFlight: number): Progress {
    const sorted = [...this.createRideLatencies].sort((a, b) => a - b);
    return {
      elapsedMs,
      planned: this.planned,
      sent: this.sent,
      accepted: this.accepted,
      inFlight,
      completed: this.finalStatus.COMPLETED,
      noDriver: this.finalStatus.NO_DRIVER,
      errors: this.errorTotal(),
      createRideP50: percentile(sorted, 50),
      createRideP99: percentile(sorted, 99),
    };
  }

  summary(run: {
    gatewayUrl: string;
    startedAt: Date;
    elapsedMs: number;
    rate: number;
    stoppedEarly: boolean;
  }): Summary {
    const byEndpoint = structuredClone(this.endpoints);
    return {
      gatewayUrl: run.gatewayUrl,
      startedAt: run.startedAt.toISOString(),
      elapsedMs: Math.round(run.elapsedMs),
      rate: run.rate,
      stoppedEarly: run.stoppedEarly,
      drivers: { requested: this.driversRequested, registered: this.driversRegistered },
      rides: {
        planned: this.planned,
        sent: this.sent,
        accepted: this.accepted,
        rejected: this.sent - this.accepted,
        skipped: this.skipped,
        shed: this.shed,
        unansweredRetried: this.unansweredRetried,
        acceptedAfterRetry: this.acceptedAfterRetry,
        byVehicle: { ...this.byVehicle },
        byRegion: { ...this.byRegion },
      },
      finalStatus: { ...this.finalStatus },
      requests: {
        total: Object.values(byEndpoint).reduce((sum, counts) => sum + counts.count, 0),
        byEndpoint,
      },
      errors: {
        total: this.errorTotal(),
        byKind: { ...this.errors },
        firstMessage: { ...this.firstMessage },
      },
      latencyMs: {
        createRide: latencyStats(this.createRideLatencies),
        requestToAssigned: latencyStats(this.assignLatencies),
      },
    };
  }

  private errorTotal(): number {
    return Object.values(this.errors).reduce((sum, count) => sum + count, 0);
  }
}

/** The `message` of the gateway's JSON error body, else the body itself, shortened. */
function errorMessage(body: unknown): string {
  const message =
    body !== null && typeof body === 'object' && 'message' in body
      ? String(body.message)
      : (JSON.stringify(body) ?? '');
  return message.length > 200 ? `${message.slice(0, 200)}...` : message;
}
