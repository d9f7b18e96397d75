import { Ride } from '@rideshare/contracts';
import { describe, expect, it } from 'vitest';
import { sameRequest, toRide, type RideRow } from './ride.row';

const row: RideRow = {
  id: '7d1f7a8e-6a53-4f7e-9d67-2a0b8f1c3e55',
  rider_id: 'rider-1',
  vehicle: 'scooter',
  region: 'ap-south',
  pickup_lat: 19.07,
  pickup_lon: 72.87,
  dropoff_lat: 19.1,
  dropoff_lon: 72.9,
  status: 'ASSIGNED',
  driver_id: 'driver-3',
  fare_cents: 830,
  currency: 'USD',
  unassigned_reason: null,
  idempotency_key: 'k1',
  created_at: new Date('2025-01-02T03:04:05.006Z'),
  updated_at: new Date('2025-01-02T03:05:00.000Z'),
};

describe('toRide', () => {
  it('maps a row to the API shape, which validates against the contract', () => {
    const ride = toRide(row);
    expect(ride).toEqual({
      id: row.id,
      riderId: 'rider-1',
      vehicle: 'scooter',
      region: 'ap-south',
      pickup: { lat: 19.07, lon: 72.87 },
      dropoff: { lat: 19.1, lon: 72.9 },
      status: 'ASSIGNED',
      driverId: 'driver-3',
      fare: { amountCents: 830, currency: 'USD' },
      createdAt: '2025-01-02T03:04:05.006Z',
      updatedAt: '2025-01-02T03:05:00.000Z',
    });
    expect(Ride.parse(ride)).toEqual(ride);
  });
});

describe('sameRequest', () => {
  const request = {
    riderId: 'rider-1',
    vehicle: 'scooter' as const,
    region: 'ap-south' as const,
    pickup: { lat: 19.07, lon: 72.87 },
    dropoff: { lat: 19.1, lon: 72.9 },
  };

  it('matches the request the row was created from', () => {
    expect(sameRequest(row, request)).toBe(true);
  });

  it('tells a different request apart', () => {
    expect(sameRequest(row, { ...request, vehicle: 'car' })).toBe(false);
    expect(sameRequest(row, { ...request, riderId: 'rider-2' })).toBe(false);
    expect(sameRequest(row, { ...request, dropoff: { lat: 19.1, lon: 72.91 } })).toBe(false);
  });
});
