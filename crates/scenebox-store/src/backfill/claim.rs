//! The backfill primitives on [`Store`]: claim a batch, complete it, release claims, status.

use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::result::{BackfillOutcome, BackfillResult};
use crate::db::{Param, Sql};
use crate::error::Result;
use crate::events::{insert_events, Event, EventKind};
use crate::model::SceneRow;
use crate::scenes::{format_compile_error, scene_row_from_row, SCENE_ROW_COLUMNS};
use crate::timefmt;
use crate::Store;

/// How many scenes are in each backfill state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackfillStatus {
    /// All scenes.
    pub total: u64,
    /// Scenes with `js_code`.
    pub compiled: u64,
    /// Scenes with neither `js_code` nor `compilation_error`.
    pub pending: u64,
    /// Scenes with `compilation_error`.
    pub failed: u64,
    /// Pending scenes a worker currently holds a claim on (live or stale).
    pub claimed: u64,
}

/// What [`Store::complete_backfill`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompleteSummary {
    /// Rows that got `js_code`.
    pub compiled: u64,
    /// Rows that got `compilation_error`.
    pub failed: u64,
    /// Rows left alone: the claim was lost (lease expired, scene edited) or already written.
    pub skipped: u64,
}

const CLAIM_SQLITE: &str = "UPDATE scenes SET backfill_claimed_by = $1, backfill_claimed_at = $2 \
     WHERE id IN (SELECT id FROM scenes WHERE js_code IS NULL AND compilation_error IS NULL \
     AND (backfill_claimed_at IS NULL OR backfill_claimed_at < $3) ORDER BY id LIMIT $4) \
     RETURNING id, name, tsx_code";

const CLAIM_POSTGRES: &str =
    "UPDATE scenes SET backfill_claimed_by = $1, backfill_claimed_at = $2 \
     WHERE id IN (SELECT id FROM scenes WHERE js_code IS NULL AND compilation_error IS NULL \
     AND (backfill_claimed_at IS NULL OR backfill_claimed_at < $3) ORDER BY id LIMIT $4 \
     FOR UPDATE SKIP LOCKED) \
     RETURNING id, name, tsx_code";

/// The guard every completion write carries: still ours, still not compiled.
const STILL_CLAIMED: &str =
    "backfill_claimed_by = $2 AND js_code IS NULL AND compilation_error IS NULL";

impl Store {
    /// Claims up to `batch_size` pending scenes (no `js_code`, no `compilation_error`, no claim
    /// younger than the lease) for `worker_id`, in id order.
    pub async fn claim_backfill_batch(
        &self,
        worker_id: &str,
        batch_size: u32,
    ) -> Result<Vec<SceneRow>> {
        let now = timefmt::now();
        let stale_before = now - self.options.claim_lease;
        let params: [Param; 4] = [
            worker_id.into(),
            now.into(),
            stale_before.into(),
            i64::from(batch_size).into(),
        ];
        let mut tx = self.pool.begin_write().await?;
        let rows = tx
            .fetch_all(Sql::each(CLAIM_SQLITE, CLAIM_POSTGRES), &params)
            .await?;
        tx.commit().await?;
        let mut rows = rows
            .iter()
            .map(scene_row_from_row)
            .collect::<Result<Vec<_>>>()?;
        rows.sort_by_key(|row| row.id);
        Ok(rows)
    }

    /// Writes a claimed batch's results in one transaction: `js_code`, `js_compiled_at`,
    /// `compilation_version = 1`, `compile_meta` (`backfilled: true`) and `content_hash` — or
    /// `compilation_error` — and clears the claim, for each row that `worker_id` still holds and
    /// that has no `js_code` yet; records a `compile` event for each row written.
    pub async fn complete_backfill(
        &self,
        worker_id: &str,
        results: &[BackfillResult],
    ) -> Result<CompleteSummary> {
        let compiled_sql = format!(
            "UPDATE scenes SET js_code = $3, js_compiled_at = $4, compilation_version = 1, \
             compile_meta = $5, content_hash = $6, backfill_claimed_by = NULL, \
             backfill_claimed_at = NULL WHERE id = $1 AND {STILL_CLAIMED}"
        );
        let failed_sql = format!(
            "UPDATE scenes SET compilation_error = $3, content_hash = $4, \
             backfill_claimed_by = NULL, backfill_claimed_at = NULL \
             WHERE id = $1 AND {STILL_CLAIMED}"
        );
        let now = timefmt::now();
        let mut summary = CompleteSummary::default();
        let mut events = Vec::with_capacity(results.len());
        let mut tx = self.pool.begin_write().await?;
        for result in results {
            let written = match &result.outcome {
                BackfillOutcome::Compiled { js_code, meta } => {
                    let params: [Param; 6] = [
                        result.id.into(),
                        worker_id.into(),
                        js_code.clone().into(),
                        now.into(),
                        Some(serde_json::to_value(meta)?).into(),
                        result.content_hash.clone().into(),
                    ];
                    tx.execute(Sql::both(&compiled_sql), &params).await? == 1
                }
                BackfillOutcome::Failed { error } => {
                    let params: [Param; 4] = [
                        result.id.into(),
                        worker_id.into(),
                        format_compile_error(error).into(),
                        result.content_hash.clone().into(),
                    ];
                    tx.execute(Sql::both(&failed_sql), &params).await? == 1
                }
            };
            if !written {
                summary.skipped += 1;
                continue;
            }
            if result.is_compiled() {
                summary.compiled += 1;
            } else {
                summary.failed += 1;
            }
            events.push(backfill_event(worker_id, result, now));
        }
        insert_events(&mut tx, &events).await?;
        tx.commit().await?;
        Ok(summary)
    }

    /// Drops every claim `worker_id` holds (a worker shutting down cleanly); returns how many.
    pub async fn release_backfill_claims(&self, worker_id: &str) -> Result<u64> {
        self.pool
            .execute(
                Sql::both(
                    "UPDATE scenes SET backfill_claimed_by = NULL, backfill_claimed_at = NULL \
                     WHERE backfill_claimed_by = $1",
                ),
                &[worker_id.into()],
            )
            .await
    }

    /// Counts of total, compiled, pending, failed and claimed scenes.
    pub async fn backfill_status(&self) -> Result<BackfillStatus> {
        let sql = "SELECT COUNT(*) AS total, \
             COALESCE(SUM(CASE WHEN js_code IS NOT NULL THEN 1 ELSE 0 END), 0) AS compiled, \
             COALESCE(SUM(CASE WHEN js_code IS NULL AND compilation_error IS NULL THEN 1 ELSE 0 END), 0) AS pending, \
             COALESCE(SUM(CASE WHEN compilation_error IS NOT NULL THEN 1 ELSE 0 END), 0) AS failed, \
             COALESCE(SUM(CASE WHEN js_code IS NULL AND compilation_error IS NULL \
                 AND backfill_claimed_by IS NOT NULL THEN 1 ELSE 0 END), 0) AS claimed \
             FROM scenes";
        let row = self.pool.fetch_one(Sql::both(sql), &[]).await?;
        let count = |column: &str| row.int(column).map(|n| n.max(0) as u64);
        Ok(BackfillStatus {
            total: count("total")?,
            compiled: count("compiled")?,
            pending: count("pending")?,
            failed: count("failed")?,
            claimed: count("claimed")?,
        })
    }

    /// Up to `limit` pending scenes with ids after `after`, in id order, claims ignored and
    /// nothing written (what a dry run looks at).
    pub async fn pending_scenes(&self, after: Option<Uuid>, limit: u32) -> Result<Vec<SceneRow>> {
        let pending = "js_code IS NULL AND compilation_error IS NULL";
        let rows = match after {
            None => {
                let sql = format!(
                    "SELECT {SCENE_ROW_COLUMNS} FROM scenes WHERE {pending} ORDER BY id LIMIT $1"
                );
                self.pool
                    .fetch_all(Sql::both(&sql), &[i64::from(limit).into()])
                    .await?
            }
            Some(id) => {
                let sql = format!(
                    "SELECT {SCENE_ROW_COLUMNS} FROM scenes WHERE {pending} AND id > $2 ORDER BY id LIMIT $1"
                );
                self.pool
                    .fetch_all(Sql::both(&sql), &[i64::from(limit).into(), id.into()])
                    .await?
            }
        };
        rows.iter().map(scene_row_from_row).collect()
    }
}

/// The `compile` event of one backfilled row.
fn backfill_event(worker_id: &str, result: &BackfillResult, at: time::OffsetDateTime) -> Event {
    let mut event = Event::new(EventKind::Compile, result.duration_ms);
    event.at = at;
    event.scene_id = Some(result.id);
    event.model = Some("phase1".into());
    event.input_bytes = Some(result.input_bytes as i64);
    match &result.outcome {
        BackfillOutcome::Compiled { js_code, .. } => {
            event.output_bytes = Some(js_code.len() as i64);
        }
        BackfillOutcome::Failed { error } => {
            event.error_class = Some(error.kind.as_str().to_string());
        }
    }
    event.detail = Some(json!({
        "trigger": "backfill",
        "worker": worker_id,
        "content_hash": result.content_hash,
    }));
    event
}
