-- Export jobs: a scene rendered to a video file. Any server instance claims a queued job (or one
-- whose claim went stale: its worker died) and renews the claim as frames are drawn.
CREATE TABLE IF NOT EXISTS export_jobs (
    id TEXT PRIMARY KEY,
    scene_id TEXT NOT NULL,
    state TEXT NOT NULL,
    options TEXT NOT NULL,
    frames_total INTEGER NOT NULL,
    frames_done INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT,
    claimed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT,
    output_file TEXT,
    output_bytes INTEGER,
    error TEXT,
    warnings TEXT
);
CREATE INDEX IF NOT EXISTS export_jobs_open_idx ON export_jobs (created_at)
    WHERE state IN ('queued', 'running');
CREATE INDEX IF NOT EXISTS export_jobs_scene_id_idx ON export_jobs (scene_id);
