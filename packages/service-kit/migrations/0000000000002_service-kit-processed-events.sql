-- Up Migration
-- Ids of consumed events: a consumer inserts the id in the handler's transaction, so a
-- redelivered event finds its id already there and changes nothing.
CREATE TABLE processed_events (
  event_id     uuid        PRIMARY KEY,
  topic        text        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE processed_events;
