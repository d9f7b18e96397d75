import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DriverId, GeoPoint, Region, RiderId, Timestamp, Vehicle } from './domain';
import { describeZodError } from './errors';

/** Kafka topic names; every event type is published on the topic of the same name. */
export const TOPICS = {
  rideRequested: 'ride.requested',
  driverAssigned: 'driver.assigned',
  rideUnassigned: 'ride.unassigned',
  rideCompleted: 'ride.completed',
} as const;
export type EventType = (typeof TOPICS)[keyof typeof TOPICS];
export const EVENT_TYPES = Object.values(TOPICS) as EventType[];

/** Messages that fail validation are forwarded here, with the reason in the headers. */
export const DEAD_LETTER_TOPIC = 'rideshare.dlq';

/** Every topic a service may need to create (events + dead letters). */
export const ALL_TOPICS: string[] = [...EVENT_TYPES, DEAD_LETTER_TOPIC];

export const EVENT_VERSION = 1;

export const RideRequestedData = z.object({
  rideId: z.uuid(),
  riderId: RiderId,
  vehicle: Vehicle,
  region: Region,
  pickup: GeoPoint,
  dropoff: GeoPoint,
  fareCents: z.number().int().nonnegative(),
});
export type RideRequestedData = z.infer<typeof RideRequestedData>;

export const DriverAssignedData = z.object({
  rideId: z.uuid(),
  driverId: DriverId,
  region: Region,
  vehicle: Vehicle,
  etaSeconds: z.number().int().nonnegative(),
});
export type DriverAssignedData = z.infer<typeof DriverAssignedData>;

export const RideUnassignedData = z.object({
  rideId: z.uuid(),
  reason: z.string().min(1).max(200),
});
export type RideUnassignedData = z.infer<typeof RideUnassignedData>;

export const RideCompletedData = z.object({
  rideId: z.uuid(),
  driverId: DriverId,
  region: Region,
  vehicle: Vehicle,
});
export type RideCompletedData = z.infer<typeof RideCompletedData>;

function envelope<T extends EventType, D extends z.ZodType>(type: T, data: D) {
  return z.object({
    id: z.uuid(),
    type: z.literal(type),
    version: z.literal(EVENT_VERSION),
    occurredAt: Timestamp,
    data,
  });
}

export const RideRequestedEvent = envelope(TOPICS.rideRequested, RideRequestedData);
export const DriverAssignedEvent = envelope(TOPICS.driverAssigned, DriverAssignedData);
export const RideUnassignedEvent = envelope(TOPICS.rideUnassigned, RideUnassignedData);
export const RideCompletedEvent = envelope(TOPICS.rideCompleted, RideCompletedData);
export type RideRequestedEvent = z.infer<typeof RideRequestedEvent>;
export type DriverAssignedEvent = z.infer<typeof DriverAssignedEvent>;
export type RideUnassignedEvent = z.infer<typeof RideUnassignedEvent>;
export type RideCompletedEvent = z.infer<typeof RideCompletedEvent>;

/** Envelope schema per event type. */
export const EVENT_SCHEMAS = {
  [TOPICS.rideRequested]: RideRequestedEvent,
  [TOPICS.driverAssigned]: DriverAssignedEvent,
  [TOPICS.rideUnassigned]: RideUnassignedEvent,
  [TOPICS.rideCompleted]: RideCompletedEvent,
} as const;

/** The full envelope type of event type `T`, e.g. `EventOf<'driver.assigned'>`. */
export type EventOf<T extends EventType> = z.infer<(typeof EVENT_SCHEMAS)[T]>;
/** The `data` payload type of event type `T`. */
export type EventDataOf<T extends EventType> = EventOf<T>['data'];
/** Any rideshare event. Narrow on `type`. */
export type RideshareEvent = { [T in EventType]: EventOf<T> }[EventType];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as string[]).includes(value);
}

/** Builds a validated envelope with a fresh id, `version: 1` and `occurredAt` = now. Throws on invalid data. */
export function createEvent<T extends EventType>(type: T, data: EventDataOf<T>): EventOf<T> {
  const event = {
    id: randomUUID(),
    type,
    version: EVENT_VERSION,
    occurredAt: new Date().toISOString(),
    data,
  };
  return EVENT_SCHEMAS[type].parse(event) as EventOf<T>;
}

export type ParseEventResult<E> = { ok: true; event: E } | { ok: false; reason: string };

/**
 * Decodes and validates one Kafka message value read from `topic`.
 * Never throws: a failure carries a precise, human-readable reason for the dead-letter headers.
 */
export function parseEvent<T extends EventType>(
  topic: T,
  value: Buffer | string | null | undefined,
): ParseEventResult<EventOf<T>>;
export function parseEvent(
  topic: string,
  value: Buffer | string | null | undefined,
): ParseEventResult<RideshareEvent>;
export function parseEvent(
  topic: string,
  value: Buffer | string | null | undefined,
): ParseEventResult<RideshareEvent> {
  if (!isEventType(topic)) return { ok: false, reason: `unknown topic '${topic}'` };
  if (value === null || value === undefined || value.length === 0)
    return { ok: false, reason: 'empty message value' };

  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${(error as Error).message}` };
  }

  if (typeof json === 'object' && json !== null && 'type' in json && json.type !== topic) {
    return {
      ok: false,
      reason: `event type '${String(json.type)}' does not belong on topic '${topic}'`,
    };
  }

  const result = EVENT_SCHEMAS[topic].safeParse(json);
  if (!result.success)
    return { ok: false, reason: `invalid ${topic} event: ${describeZodError(result.error)}` };
  return { ok: true, event: result.data as RideshareEvent };
}

/** Serializes an event as a Kafka message value. */
export function serializeEvent(event: RideshareEvent): string {
  return JSON.stringify(event);
}
