//! Export jobs: a stored scene rendered to a video file by whichever server instance claims the
//! job. The claim is the backfill's pattern on its own table: a worker stamps
//! `claimed_by`/`claimed_at` (PostgreSQL skips rows another claimer holds locked, SQLite
//! serialises claimers on its write lock), renews `claimed_at` with every progress write, and
//! a claim older than the lease is taken over — so a killed instance's job is picked up again.
//! Every write after the claim carries the guard "still mine, still running": a worker that
//! lost its job can never overwrite the new owner's progress or result.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::{DbRow, Param, Sql};
use crate::error::{Result, StoreError};
use crate::timefmt;
use crate::Store;

/// Where an export job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportState {
    /// Waiting for a worker.
    Queued,
    /// A worker holds it (its claim may have gone stale: then it is taken over).
    Running,
    /// The video file is written.
    Done,
    /// It failed; `error` says why.
    Failed,
}

impl ExportState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        [Self::Queued, Self::Running, Self::Done, Self::Failed]
            .into_iter()
            .find(|state| state.as_str() == text)
            .ok_or_else(|| StoreError::decode("state", format!("unknown export state `{text}`")))
    }
}

/// A job to queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewExport {
    /// The stored scene to export.
    pub scene_id: Uuid,
    /// How to export it (frames, model, video settings, codec, …), as the caller defines it;
    /// the worker reads it back.
    pub options: Value,
    /// How many frames the video will have.
    pub frames_total: u32,
}

/// An export job as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportJob {
    /// The job's id.
    pub id: Uuid,
    /// The scene being exported.
    pub scene_id: Uuid,
    /// Where it is.
    pub state: ExportState,
    /// The options it was queued with.
    pub options: Value,
    /// Frames in the video.
    pub frames_total: u32,
    /// Frames drawn and encoded by the current (or last) attempt.
    pub frames_done: u32,
    /// Times a worker claimed it.
    pub attempts: u32,
    /// The worker holding (or that last held) it.
    pub claimed_by: Option<String>,
    /// When that worker last renewed its claim.
    pub claimed_at: Option<OffsetDateTime>,
    /// When it was queued.
    pub created_at: OffsetDateTime,
    /// When it last changed.
    pub updated_at: OffsetDateTime,
    /// When it finished (done or failed).
    pub finished_at: Option<OffsetDateTime>,
    /// The video file's name in the exports directory, once done.
    pub output_file: Option<String>,
    /// Its size in bytes.
    pub output_bytes: Option<u64>,
    /// Why it failed (`{kind, message, …}`).
    pub error: Option<Value>,
    /// What was drawn differently from what the scene asked for.
    pub warnings: Option<Value>,
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportOutcome {
    /// The file `output_file` (`output_bytes` long) is in the exports directory.
    Done {
        /// The file's name.
        output_file: String,
        /// Its size.
        output_bytes: u64,
        /// Raster and audio warnings.
        warnings: Value,
    },
    /// The job failed for good (a render or encode error, not a lost worker).
    Failed {
        /// `{kind, message, …}`.
        error: Value,
        /// Warnings collected before the failure.
        warnings: Value,
    },
}

const EXPORT_COLUMNS: &str = "id, scene_id, state, options, frames_total, frames_done, attempts, \
     claimed_by, claimed_at, created_at, updated_at, finished_at, output_file, output_bytes, \
     error, warnings";

/// Jobs whose worker stopped renewing its claim more often than allowed: failed for good.
const GIVE_UP: &str = "UPDATE export_jobs SET state = 'failed', error = $1, finished_at = $2, \
     updated_at = $2 WHERE state = 'running' AND claimed_at < $3 AND attempts >= $4";

/// Whether any job is queued or held past its lease: idle polls stop here, reading, without
/// taking the write lock that claiming (and giving up on jobs) needs.
const ANYTHING_TO_CLAIM: &str = "SELECT 1 AS one FROM export_jobs \
     WHERE state = 'queued' OR (state = 'running' AND claimed_at < $1) LIMIT 1";

/// The guard every write after the claim carries.
const STILL_MINE: &str = "id = $1 AND claimed_by = $2 AND state = 'running'";

fn claim_sql(lock: &str) -> String {
    format!(
        "UPDATE export_jobs SET state = 'running', claimed_by = $1, claimed_at = $2, \
         updated_at = $2, attempts = attempts + 1, frames_done = 0 \
         WHERE id IN (SELECT id FROM export_jobs \
         WHERE (state = 'queued' OR (state = 'running' AND claimed_at < $3)) AND attempts < $4 \
         ORDER BY created_at, id LIMIT 1{lock}) RETURNING {EXPORT_COLUMNS}"
    )
}

impl Store {
    /// Queues an export job.
    pub async fn create_export(&self, new: &NewExport) -> Result<ExportJob> {
        let now = timefmt::now();
        let sql = format!(
            "INSERT INTO export_jobs (id, scene_id, state, options, frames_total, created_at, \
             updated_at) VALUES ($1, $2, 'queued', $3, $4, $5, $5) RETURNING {EXPORT_COLUMNS}"
        );
        let params: [Param; 5] = [
            Uuid::new_v4().into(),
            new.scene_id.into(),
            Some(new.options.clone()).into(),
            i64::from(new.frames_total).into(),
            now.into(),
        ];
        let row = self.pool.fetch_one(Sql::both(&sql), &params).await?;
        export_job_from_row(&row)
    }

    /// The job `id`, if there is one.
    pub async fn get_export(&self, id: Uuid) -> Result<Option<ExportJob>> {
        let sql = format!("SELECT {EXPORT_COLUMNS} FROM export_jobs WHERE id = $1");
        self.pool
            .fetch_optional(Sql::both(&sql), &[id.into()])
            .await?
            .map(|row| export_job_from_row(&row))
            .transpose()
    }

    /// Claims the oldest queued job — or a running one whose claim is older than `lease` (its
    /// worker died) — for `worker_id`, unless it was already claimed `max_attempts` times; such
    /// jobs are marked failed instead. `None` when there is nothing to do; finding that out is
    /// one read, so idle workers polling never take the write lock.
    pub async fn claim_export(
        &self,
        worker_id: &str,
        lease: Duration,
        max_attempts: u32,
    ) -> Result<Option<ExportJob>> {
        let now = timefmt::now();
        let stale_before = now - lease;
        let candidate = self
            .pool
            .fetch_optional(Sql::both(ANYTHING_TO_CLAIM), &[stale_before.into()])
            .await?;
        if candidate.is_none() {
            return Ok(None);
        }
        let abandoned = json!({
            "kind": "Abandoned",
            "message": format!(
                "the job's worker stopped without finishing {max_attempts} time(s); not retried again"
            ),
        });
        let mut tx = self.pool.begin_write().await?;
        tx.execute(
            Sql::both(GIVE_UP),
            &[
                Some(abandoned).into(),
                now.into(),
                stale_before.into(),
                i64::from(max_attempts).into(),
            ],
        )
        .await?;
        let params: [Param; 4] = [
            worker_id.into(),
            now.into(),
            stale_before.into(),
            i64::from(max_attempts).into(),
        ];
        let (sqlite, postgres) = (claim_sql(""), claim_sql(" FOR UPDATE SKIP LOCKED"));
        let row = tx
            .fetch_optional(Sql::each(&sqlite, &postgres), &params)
            .await?;
        tx.commit().await?;
        row.map(|row| export_job_from_row(&row)).transpose()
    }

    /// Records `frames_done` for a job `worker_id` holds and renews its claim; `false` when the
    /// claim was lost (taken over after the lease ran out), so the worker must stop.
    pub async fn export_progress(
        &self,
        id: Uuid,
        worker_id: &str,
        frames_done: u32,
    ) -> Result<bool> {
        let sql = format!(
            "UPDATE export_jobs SET frames_done = $3, claimed_at = $4, updated_at = $4 \
             WHERE {STILL_MINE}"
        );
        let params: [Param; 4] = [
            id.into(),
            worker_id.into(),
            i64::from(frames_done).into(),
            timefmt::now().into(),
        ];
        Ok(self.pool.execute(Sql::both(&sql), &params).await? == 1)
    }

    /// Writes how a job `worker_id` holds ended; `false` when the claim was lost (nothing is
    /// written: the new owner's result stands).
    pub async fn finish_export(
        &self,
        id: Uuid,
        worker_id: &str,
        outcome: &ExportOutcome,
    ) -> Result<bool> {
        let now = timefmt::now();
        let written = match outcome {
            ExportOutcome::Done {
                output_file,
                output_bytes,
                warnings,
            } => {
                let sql = format!(
                    "UPDATE export_jobs SET state = 'done', frames_done = frames_total, \
                     output_file = $3, output_bytes = $4, warnings = $5, finished_at = $6, \
                     updated_at = $6 WHERE {STILL_MINE}"
                );
                let params: [Param; 6] = [
                    id.into(),
                    worker_id.into(),
                    output_file.clone().into(),
                    i64::try_from(*output_bytes).unwrap_or(i64::MAX).into(),
                    Some(warnings.clone()).into(),
                    now.into(),
                ];
                self.pool.execute(Sql::both(&sql), &params).await?
            }
            ExportOutcome::Failed { error, warnings } => {
                let sql = format!(
                    "UPDATE export_jobs SET state = 'failed', error = $3, warnings = $4, \
                     finished_at = $5, updated_at = $5 WHERE {STILL_MINE}"
                );
                let params: [Param; 5] = [
                    id.into(),
                    worker_id.into(),
                    Some(error.clone()).into(),
                    Some(warnings.clone()).into(),
                    now.into(),
                ];
                self.pool.execute(Sql::both(&sql), &params).await?
            }
        };
        Ok(written == 1)
    }

    /// Puts a job `worker_id` holds back in the queue (a worker shutting down cleanly), without
    /// counting the attempt; `false` when the claim was already lost.
    pub async fn release_export(&self, id: Uuid, worker_id: &str) -> Result<bool> {
        let sql = format!(
            "UPDATE export_jobs SET state = 'queued', claimed_by = NULL, claimed_at = NULL, \
             frames_done = 0, attempts = attempts - 1, updated_at = $3 WHERE {STILL_MINE}"
        );
        let params: [Param; 3] = [id.into(), worker_id.into(), timefmt::now().into()];
        Ok(self.pool.execute(Sql::both(&sql), &params).await? == 1)
    }
}

fn export_job_from_row(row: &DbRow) -> Result<ExportJob> {
    let count = |column: &str| {
        row.int(column)
            .and_then(|n| u32::try_from(n).map_err(|e| StoreError::decode(column, e)))
    };
    Ok(ExportJob {
        id: row.uuid("id")?,
        scene_id: row.uuid("scene_id")?,
        state: ExportState::parse(&row.text("state")?)?,
        options: row.opt_json("options")?.unwrap_or(Value::Null),
        frames_total: count("frames_total")?,
        frames_done: count("frames_done")?,
        attempts: count("attempts")?,
        claimed_by: row.opt_text("claimed_by")?,
        claimed_at: row.opt_time("claimed_at")?,
        created_at: row.time("created_at")?,
        updated_at: row.time("updated_at")?,
        finished_at: row.opt_time("finished_at")?,
        output_file: row.opt_text("output_file")?,
        output_bytes: row.opt_int("output_bytes")?.map(|n| n.max(0) as u64),
        error: row.opt_json("error")?,
        warnings: row.opt_json("warnings")?,
    })
}
