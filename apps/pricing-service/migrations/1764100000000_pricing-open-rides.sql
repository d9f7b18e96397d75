-- Up Migration
-- Rides requested and not yet finished, per region: the demand that drives the surge.
-- Filled from ride.requested, emptied by ride.completed / ride.unassigned (by ride id, so
-- applying an event twice changes nothing even without the processed_events check).
CREATE TABLE open_rides (
  ride_id      uuid        PRIMARY KEY,
  region       text        NOT NULL CHECK (region IN ('us-east', 'eu-north', 'ap-south')),
  requested_at timestamptz NOT NULL
);
CREATE INDEX open_rides_region_requested_at_idx ON open_rides (region, requested_at);

-- Down Migration
DROP TABLE open_rides;
