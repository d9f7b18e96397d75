import { randomUUID } from 'node:crypto';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { CreateRideRequest, ErrorBody, Ride } from '@rideshare/contracts';
import { RideServiceClient } from '../downstream/ride-service.client';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-key-header';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { requestFingerprint } from './request-fingerprint';

/**
 * Ride requests. Every create reaches ride-service with an idempotency key (the client's, or one
 * of the gateway's own), so the gateway may retry it: a ride is never created twice.
 * Idempotency is split: ride-service owns "same key -> same ride" (it stores
 * the key with the ride, atomically), and the gateway refuses a key reused with a different
 * body (422) before anything is forwarded.
 */
@Injectable()
export class RidesService {
  constructor(
    private readonly rideService: RideServiceClient,
    private readonly idempotencyKeys: IdempotencyKeysRepository,
  ) {}

  async create(request: CreateRideRequest, idempotencyKey: string | undefined): Promise<Ride> {
    // Without a client key, a key of the gateway's own still lets it retry the call safely.
    if (idempotencyKey === undefined)
      return this.rideService.create({ ...request, idempotencyKey: `gateway-${randomUUID()}` });

    const fingerprint = requestFingerprint(request);
    const boundFingerprint = await this.idempotencyKeys.bind(idempotencyKey, fingerprint);
    if (boundFingerprint !== fingerprint) {
      const message = `${IDEMPOTENCY_KEY_HEADER} was already used with a different request body`;
      const body: ErrorBody = {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message,
        issues: [{ path: IDEMPOTENCY_KEY_HEADER, message }],
      };
      throw new UnprocessableEntityException(body);
    }
    return this.rideService.create({ ...request, idempotencyKey });
  }

  get(id: string): Promise<Ride> {
    return this.rideService.get(id);
  }

  complete(id: string): Promise<Ride> {
    return this.rideService.complete(id);
  }
}
