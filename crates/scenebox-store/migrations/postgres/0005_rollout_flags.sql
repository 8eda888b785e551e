-- Rollout switches read by every process (scope 'global' or a project id), and their audit trail.
CREATE TABLE IF NOT EXISTS flags (
    scope text NOT NULL,
    name text NOT NULL,
    value text NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL,
    PRIMARY KEY (scope, name)
);
CREATE TABLE IF NOT EXISTS flag_changes (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    scope text NOT NULL,
    name text NOT NULL,
    old_value text,
    new_value text NOT NULL,
    actor text NOT NULL
);
CREATE INDEX IF NOT EXISTS flag_changes_at_idx ON flag_changes (at);
