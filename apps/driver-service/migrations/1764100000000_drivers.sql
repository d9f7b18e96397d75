-- Up Migration
CREATE TABLE drivers (
  id         uuid             PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Stable identity of a driver created by start-up seeding (`region:vehicle:n`); null for others.
  seed_key   text             UNIQUE,
  name       text             NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  vehicle    text             NOT NULL CHECK (vehicle IN ('bike', 'scooter', 'car')),
  region     text             NOT NULL CHECK (region IN ('us-east', 'eu-north', 'ap-south')),
  lat        double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon        double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  rating     double precision NOT NULL DEFAULT 5 CHECK (rating BETWEEN 1 AND 5),
  status     text             NOT NULL DEFAULT 'AVAILABLE' CHECK (status IN ('AVAILABLE', 'ON_RIDE')),
  ride_id    uuid,
  created_at timestamptz      NOT NULL DEFAULT now(),
  updated_at timestamptz      NOT NULL DEFAULT now(),
  -- A driver on a ride has exactly that one ride; an available driver has none.
  CONSTRAINT drivers_status_matches_ride CHECK ((status = 'ON_RIDE') = (ride_id IS NOT NULL))
);
-- A ride is held by at most one driver.
CREATE UNIQUE INDEX drivers_ride_id_key ON drivers (ride_id) WHERE ride_id IS NOT NULL;
CREATE INDEX drivers_available_idx ON drivers (region, vehicle) WHERE status = 'AVAILABLE';

-- Every reservation ever made; the active one (released_at IS NULL) mirrors drivers.ride_id.
CREATE TABLE assignments (
  ride_id     uuid             PRIMARY KEY,
  driver_id   uuid             NOT NULL REFERENCES drivers (id),
  eta_seconds integer          NOT NULL CHECK (eta_seconds >= 0),
  dropoff_lat double precision NOT NULL,
  dropoff_lon double precision NOT NULL,
  assigned_at timestamptz      NOT NULL DEFAULT now(),
  released_at timestamptz
);
-- The schema itself refuses a second active ride for a driver.
CREATE UNIQUE INDEX assignments_one_active_ride_per_driver ON assignments (driver_id) WHERE released_at IS NULL;

-- Down Migration
DROP TABLE assignments;
DROP TABLE drivers;
