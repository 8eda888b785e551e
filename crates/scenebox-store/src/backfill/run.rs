//! [`run_backfill`]: the claim → compile → complete loop one worker runs until nothing is
//! pending (or `max_batches` is reached), and its dry-run twin that writes nothing.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::result::BackfillResult;
use crate::error::Result;
use crate::model::SceneRow;
use crate::Store;

/// How [`run_backfill`] runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackfillOptions {
    /// Scenes claimed and compiled per batch.
    pub batch_size: u32,
    /// This worker's name in the claim columns (unique per running worker).
    pub worker_id: String,
    /// Count what would be compiled or fail, writing nothing (no claims, no artifacts, no events).
    pub dry_run: bool,
    /// Stop after this many batches (`None`: until nothing is pending).
    pub max_batches: Option<u64>,
}

impl Default for BackfillOptions {
    fn default() -> Self {
        Self {
            batch_size: 100,
            worker_id: format!(
                "backfill-{}-{}",
                std::process::id(),
                Uuid::new_v4().simple()
            ),
            dry_run: false,
            max_batches: None,
        }
    }
}

/// Progress after each batch.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BackfillProgress {
    /// Batches done so far.
    pub batches: u64,
    /// Scenes in the batch just done.
    pub batch_scenes: usize,
    /// Scenes compiled so far (would be, in a dry run).
    pub compiled: u64,
    /// Scenes that failed to compile so far.
    pub failed: u64,
    /// Claimed scenes not written because the claim was lost.
    pub skipped: u64,
    /// Time since the start.
    pub elapsed: Duration,
}

/// What a [`run_backfill`] did.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BackfillSummary {
    /// Batches processed.
    pub batches: u64,
    /// Scenes that got `js_code` (would have, in a dry run).
    pub compiled: u64,
    /// Claimed scenes not written because the claim was lost.
    pub skipped: u64,
    /// Scenes that got `compilation_error` (would have, in a dry run).
    pub failed: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Scenes compiled or failed per second.
    pub rate_per_sec: f64,
    /// Whether this was a dry run.
    pub dry_run: bool,
}

/// Runs the backfill loop on `store` as one worker: claim a batch, compile it on the blocking
/// pool with the store's compiler, complete it; `progress` is called after every batch.
pub async fn run_backfill<F>(
    store: &Store,
    options: &BackfillOptions,
    mut progress: F,
) -> Result<BackfillSummary>
where
    F: FnMut(&BackfillProgress),
{
    let start = Instant::now();
    let mut done = BackfillProgress {
        batches: 0,
        batch_scenes: 0,
        compiled: 0,
        failed: 0,
        skipped: 0,
        elapsed: Duration::ZERO,
    };
    let mut dry_run_after: Option<Uuid> = None;
    let batch_size = options.batch_size.max(1);
    while options.max_batches.is_none_or(|max| done.batches < max) {
        let rows = if options.dry_run {
            store.pending_scenes(dry_run_after, batch_size).await?
        } else {
            store
                .claim_backfill_batch(&options.worker_id, batch_size)
                .await?
        };
        if rows.is_empty() {
            break;
        }
        dry_run_after = rows.last().map(|row| row.id);
        let batch_scenes = rows.len();
        let results = compile_batch(store, rows).await?;
        if options.dry_run {
            let compiled = results.iter().filter(|r| r.is_compiled()).count() as u64;
            done.compiled += compiled;
            done.failed += results.len() as u64 - compiled;
        } else {
            let written = store
                .complete_backfill(&options.worker_id, &results)
                .await?;
            done.compiled += written.compiled;
            done.failed += written.failed;
            done.skipped += written.skipped;
        }
        done.batches += 1;
        done.batch_scenes = batch_scenes;
        done.elapsed = start.elapsed();
        progress(&done);
    }
    let elapsed = start.elapsed();
    Ok(BackfillSummary {
        batches: done.batches,
        compiled: done.compiled,
        skipped: done.skipped,
        failed: done.failed,
        elapsed,
        rate_per_sec: (done.compiled + done.failed) as f64 / elapsed.as_secs_f64().max(1e-9),
        dry_run: options.dry_run,
    })
}

/// Compiles `rows` on the blocking pool, split across the machine's cores (compiling is the
/// backfill's bottleneck; the database write of the batch is one transaction).
async fn compile_batch(store: &Store, rows: Vec<SceneRow>) -> Result<Vec<BackfillResult>> {
    let compiler = Arc::clone(store.compiler());
    Ok(tokio::task::spawn_blocking(move || {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        let chunk = rows.len().div_ceil(cores).max(1);
        std::thread::scope(|scope| {
            let workers: Vec<_> = rows
                .chunks(chunk)
                .map(|part| {
                    let compiler = &compiler;
                    scope.spawn(move || {
                        part.iter()
                            .map(|row| BackfillResult::compile(compiler, row))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|worker| worker.join().unwrap_or_default())
                .collect()
        })
    })
    .await?)
}
