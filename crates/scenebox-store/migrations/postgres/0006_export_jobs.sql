-- Export jobs: a scene rendered to a video file. Any server instance claims a queued job (or one
-- whose claim went stale: its worker died) and renews the claim as frames are drawn.
CREATE TABLE IF NOT EXISTS export_jobs (
    id uuid PRIMARY KEY,
    scene_id uuid NOT NULL,
    state text NOT NULL,
    options jsonb NOT NULL,
    frames_total integer NOT NULL,
    frames_done integer NOT NULL DEFAULT 0,
    attempts integer NOT NULL DEFAULT 0,
    claimed_by text,
    claimed_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    finished_at timestamptz,
    output_file text,
    output_bytes bigint,
    error jsonb,
    warnings jsonb
);
CREATE INDEX IF NOT EXISTS export_jobs_open_idx ON export_jobs (created_at)
    WHERE state IN ('queued', 'running');
CREATE INDEX IF NOT EXISTS export_jobs_scene_id_idx ON export_jobs (scene_id);
