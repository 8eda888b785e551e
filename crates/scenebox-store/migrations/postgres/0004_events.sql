-- Events: one row per compile, execution, fallback, … for charts and daily reports.
CREATE TABLE IF NOT EXISTS events (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    scene_id uuid,
    kind text NOT NULL,
    model text,
    duration_ms double precision NOT NULL DEFAULT 0,
    input_bytes bigint,
    output_bytes bigint,
    error_class text,
    retries integer NOT NULL DEFAULT 0,
    detail jsonb
);
CREATE INDEX IF NOT EXISTS events_at_idx ON events (at);
CREATE INDEX IF NOT EXISTS events_scene_id_idx ON events (scene_id);
