-- Phase 1: the production `scenes` table exactly as it is. IF NOT EXISTS makes this a no-op on a
-- database that already holds it, so the later (additive) migrations apply to real data.
-- Timestamps are RFC 3339 text in UTC with microseconds (text order is time order).
CREATE TABLE IF NOT EXISTS scenes (
    id TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL,
    name TEXT,
    "order" INTEGER,
    tsx_code TEXT NOT NULL,
    props TEXT,
    duration INTEGER NOT NULL DEFAULT 150,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
    js_code TEXT,
    js_compiled_at TEXT,
    compilation_error TEXT
);
