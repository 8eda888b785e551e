//! Backfill runs started over HTTP on this instance. Each run is one backfill worker claiming
//! batches from the shared store, so runs on any number of instances split the work.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use scenebox_store::{run_backfill, BackfillOptions, Store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Where a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RunState {
    /// Claiming and compiling batches.
    Running,
    /// Nothing was left pending (or `max_batches` was reached).
    Done,
    /// The store failed; see `error`.
    Failed,
}

/// One backfill run and its progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct BackfillRun {
    /// The run's id.
    pub id: Uuid,
    /// The worker name in the store's claim columns.
    pub worker_id: String,
    /// Where it is.
    pub state: RunState,
    /// Whether it writes nothing.
    pub dry_run: bool,
    /// Batches done.
    pub batches: u64,
    /// Scenes compiled so far.
    pub compiled: u64,
    /// Scenes that failed to compile so far.
    pub failed: u64,
    /// Claimed scenes not written because another worker took them over.
    pub skipped: u64,
    /// Seconds since the start.
    pub elapsed_secs: f64,
    /// The store error that stopped the run.
    pub error: Option<String>,
}

/// The runs of this instance, by id.
#[derive(Default, Clone)]
pub struct BackfillRuns {
    runs: Arc<Mutex<BTreeMap<Uuid, BackfillRun>>>,
}

impl BackfillRuns {
    /// Starts a run on `store` in a background task and returns it as it starts.
    pub fn start(
        &self,
        store: Store,
        batch_size: u32,
        max_batches: Option<u64>,
        dry_run: bool,
    ) -> BackfillRun {
        let id = Uuid::new_v4();
        let options = BackfillOptions {
            batch_size: batch_size.max(1),
            worker_id: format!("serve-{}-{}", std::process::id(), id.simple()),
            dry_run,
            max_batches,
        };
        let run = BackfillRun {
            id,
            worker_id: options.worker_id.clone(),
            state: RunState::Running,
            dry_run,
            batches: 0,
            compiled: 0,
            failed: 0,
            skipped: 0,
            elapsed_secs: 0.0,
            error: None,
        };
        self.update(id, |slot| *slot = Some(run.clone()));
        let runs = self.clone();
        tokio::spawn(async move {
            let result = run_backfill(&store, &options, |progress| {
                runs.update(id, |slot| {
                    if let Some(run) = slot {
                        run.batches = progress.batches;
                        run.compiled = progress.compiled;
                        run.failed = progress.failed;
                        run.skipped = progress.skipped;
                        run.elapsed_secs = progress.elapsed.as_secs_f64();
                    }
                })
            })
            .await;
            runs.update(id, |slot| {
                if let Some(run) = slot {
                    match result {
                        Ok(summary) => {
                            run.state = RunState::Done;
                            run.batches = summary.batches;
                            run.compiled = summary.compiled;
                            run.failed = summary.failed;
                            run.skipped = summary.skipped;
                            run.elapsed_secs = summary.elapsed.as_secs_f64();
                        }
                        Err(error) => {
                            run.state = RunState::Failed;
                            run.error = Some(error.to_string());
                        }
                    }
                }
            });
        });
        run
    }

    /// One run.
    pub fn get(&self, id: Uuid) -> Option<BackfillRun> {
        self.lock().get(&id).cloned()
    }

    /// Every run of this instance, by id.
    pub fn list(&self) -> Vec<BackfillRun> {
        self.lock().values().cloned().collect()
    }

    fn update(&self, id: Uuid, change: impl FnOnce(&mut Option<BackfillRun>)) {
        let mut runs = self.lock();
        let mut slot = runs.remove(&id);
        change(&mut slot);
        if let Some(run) = slot {
            runs.insert(id, run);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<Uuid, BackfillRun>> {
        self.runs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
