-- Rollout switches read by every process (scope 'global' or a project id), and their audit trail.
CREATE TABLE IF NOT EXISTS flags (
    scope TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (scope, name)
);
CREATE TABLE IF NOT EXISTS flag_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    scope TEXT NOT NULL,
    name TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS flag_changes_at_idx ON flag_changes (at);
