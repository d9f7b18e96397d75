import { Inject, Injectable } from '@nestjs/common';
import type { RideRequestedData } from '@rideshare/contracts';
import { SERVICE_CONFIG, type PoolClient } from '@rideshare/service-kit';
import type { DriverConfig } from '../config';
import { MatchingRepository } from './matching.repository';
import { scoreCandidates } from './score-candidates';

export type MatchOutcome =
  | { kind: 'assigned'; driverId: string; etaSeconds: number }
  | { kind: 'unassigned'; reason: string }
  | { kind: 'already-assigned' };

@Injectable()
export class MatchingService {
  constructor(
    private readonly repository: MatchingRepository,
    @Inject(SERVICE_CONFIG) private readonly config: DriverConfig,
  ) {}

  /**
   * Reserves the best-scored available driver for the ride on the caller's transaction,
   * falling through to the next candidate when another transaction took one first.
   */
  async matchRide(client: PoolClient, ride: RideRequestedData): Promise<MatchOutcome> {
    if (await this.repository.hasAssignment(client, ride.rideId))
      return { kind: 'already-assigned' };
    const candidates = await this.repository.findCandidates(
      client,
      ride.region,
      ride.vehicle,
      ride.pickup,
      this.config.MATCHING_CANDIDATE_LIMIT,
    );
    const ranked = scoreCandidates(candidates, ride.pickup, ride.vehicle, ride.rideId);
    for (const candidate of ranked) {
      if (await this.repository.reserveDriver(client, candidate.id, ride.rideId)) {
        await this.repository.recordAssignment(
          client,
          ride.rideId,
          candidate.id,
          candidate.etaSeconds,
          ride.dropoff,
        );
        return { kind: 'assigned', driverId: candidate.id, etaSeconds: candidate.etaSeconds };
      }
    }
    const reason =
      candidates.length === 0
        ? `no available ${ride.vehicle} driver in ${ride.region}`
        : `all ${candidates.length} nearby ${ride.vehicle} drivers in ${ride.region} were taken`;
    return { kind: 'unassigned', reason };
  }

  /** Frees the ride's driver; a second call for the same ride changes nothing. */
  async releaseRide(client: PoolClient, rideId: string): Promise<boolean> {
    const assignment = await this.repository.releaseAssignment(client, rideId);
    if (!assignment) return false;
    await this.repository.freeDriver(client, assignment.driverId, rideId, assignment.dropoff);
    return true;
  }
}
