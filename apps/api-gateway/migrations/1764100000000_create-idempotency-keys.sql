-- Up Migration
-- One row per Idempotency-Key seen on POST /v1/rides: the key is bound to the
-- fingerprint of the first body sent with it, so a replay with another body is refused (422).
-- ride-service owns the ride itself and returns the same ride for the same key.
CREATE TABLE idempotency_keys (
  key text PRIMARY KEY,
  request_fingerprint char(64) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE idempotency_keys;
