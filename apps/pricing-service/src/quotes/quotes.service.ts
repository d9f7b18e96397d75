import { Inject, Injectable } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { Quote, type QuoteRequest } from '@rideshare/contracts';
import { SERVICE_CONFIG } from '@rideshare/service-kit';
import type { PricingConfig } from '../config';
import { DemandService } from '../demand/demand.service';
import { planTrip } from '../routing/plan-trip';
import { RoadGraphs } from '../routing/road-graphs.service';
import { VEHICLE_ROUTING_PROFILES } from '../routing/vehicle-profiles';
import { newWorkCounter } from '../routing/work-counter';
import { computeFareCents } from './fare';
import { applyRegionalSlowdown } from './regional-slowdown';

@Injectable()
export class QuotesService {
  constructor(
    private readonly roadGraphs: RoadGraphs,
    private readonly demand: DemandService,
    @Inject(SERVICE_CONFIG) private readonly config: PricingConfig,
  ) {}

  async quote(request: QuoteRequest): Promise<Quote> {
    const { vehicle, region, pickup, dropoff } = request;
    const { openRides, surgeMultiplier } = await this.demand.currentDemand(region);

    const graph = this.roadGraphs.forRegion(region);
    const work = newWorkCounter();
    const trip = planTrip(graph, region, VEHICLE_ROUTING_PROFILES[vehicle], pickup, dropoff, work);
    const slowed = this.config.SLOW_REGION === region;
    if (slowed) applyRegionalSlowdown(graph, this.config.SLOWDOWN_FACTOR);

    trace.getActiveSpan()?.setAttributes({
      'rideshare.vehicle': vehicle,
      'rideshare.region': region,
      'rideshare.open_rides': openRides,
      'rideshare.surge_multiplier': surgeMultiplier,
      'rideshare.routing_work_units': work.units,
      'rideshare.regional_slowdown': slowed,
    });

    return Quote.parse({
      vehicle,
      region,
      distanceKm: trip.distanceKm,
      etaSeconds: trip.etaSeconds,
      surgeMultiplier,
      amountCents: computeFareCents(vehicle, trip.distanceKm, trip.etaSeconds, surgeMultiplier),
      currency: 'USD',
    });
  }
}
