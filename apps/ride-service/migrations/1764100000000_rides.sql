-- Up Migration
CREATE TABLE rides (
  id                uuid PRIMARY KEY,
  rider_id          text             NOT NULL,
  vehicle           text             NOT NULL CHECK (vehicle IN ('bike', 'scooter', 'car')),
  region            text             NOT NULL CHECK (region IN ('us-east', 'eu-north', 'ap-south')),
  pickup_lat        double precision NOT NULL,
  pickup_lon        double precision NOT NULL,
  dropoff_lat       double precision NOT NULL,
  dropoff_lon       double precision NOT NULL,
  status            text             NOT NULL CHECK (status IN ('REQUESTED', 'ASSIGNED', 'NO_DRIVER', 'COMPLETED')),
  driver_id         text,
  fare_cents        integer          NOT NULL CHECK (fare_cents >= 0),
  currency          text             NOT NULL DEFAULT 'USD',
  unassigned_reason text,
  -- The gateway's Idempotency-Key: a repeated POST returns the ride created by the first one.
  idempotency_key   text UNIQUE,
  created_at        timestamptz      NOT NULL DEFAULT now(),
  updated_at        timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX rides_rider_idx ON rides (rider_id);

-- Down Migration
DROP TABLE rides;
