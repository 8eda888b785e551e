-- Events: one row per compile, execution, fallback, … for charts and daily reports.
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
    scene_id TEXT,
    kind TEXT NOT NULL,
    model TEXT,
    duration_ms REAL NOT NULL DEFAULT 0,
    input_bytes INTEGER,
    output_bytes INTEGER,
    error_class TEXT,
    retries INTEGER NOT NULL DEFAULT 0,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS events_at_idx ON events (at);
CREATE INDEX IF NOT EXISTS events_scene_id_idx ON events (scene_id);
