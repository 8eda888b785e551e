-- Backfill claims: a worker stamps the rows it is compiling; a stamp older than the lease is
-- reclaimable. The partial index serves the claim query; the project index serves listings.
ALTER TABLE scenes ADD COLUMN backfill_claimed_by TEXT;
ALTER TABLE scenes ADD COLUMN backfill_claimed_at TEXT;
CREATE INDEX IF NOT EXISTS scenes_backfill_pending_idx ON scenes (id)
    WHERE js_code IS NULL AND compilation_error IS NULL;
CREATE INDEX IF NOT EXISTS scenes_project_id_idx ON scenes (project_id);
