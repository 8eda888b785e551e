//! The state every handler shares: the store, the isolate pool and its shadow runner, the
//! configuration, this instance's backfill runs and whether the server is draining.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::sync::Notify;

use scenebox_compare::ShadowRunner;
use scenebox_runtime::IsolatePool;
use scenebox_store::Store;

use crate::backfill_runs::BackfillRuns;
use crate::config::ServerConfig;
use crate::events::StoreShadowSink;
use crate::flag_cache::FlagCache;

/// Shared server state; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    runner: ShadowRunner,
    config: ServerConfig,
    backfills: BackfillRuns,
    flags: Arc<FlagCache>,
    draining: AtomicBool,
    in_flight: AtomicUsize,
    export_wake: Arc<Notify>,
}

impl AppState {
    /// State over `store` and `pool`; installs the process's Prometheus recorder if none is
    /// installed yet. Must be called inside a tokio runtime (shadow results are
    /// recorded by tasks spawned on it).
    pub fn new(store: Store, pool: Arc<IsolatePool>, config: ServerConfig) -> Self {
        // Metrics recorded from now on are served by `GET /metrics`.
        let _ = crate::prometheus::prometheus_handle();
        let flags = Arc::new(FlagCache::new(store.clone(), config.flags_refresh));
        let sink = Arc::new(StoreShadowSink::new(
            store.clone(),
            flags.clone(),
            tokio::runtime::Handle::current(),
        ));
        let runner = ShadowRunner::new(pool, sink, config.shadow_timeout);
        Self {
            inner: Arc::new(Inner {
                store,
                runner,
                config,
                backfills: BackfillRuns::default(),
                flags,
                draining: AtomicBool::new(false),
                in_flight: AtomicUsize::new(0),
                export_wake: Arc::new(Notify::new()),
            }),
        }
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The runner executing renders on the isolate pool under an execution mode.
    pub fn runner(&self) -> &ShadowRunner {
        &self.inner.runner
    }

    /// The configuration.
    pub fn config(&self) -> &ServerConfig {
        &self.inner.config
    }

    /// The rollout switches, re-read from the store every `flags_refresh`.
    pub fn flags(&self) -> &FlagCache {
        &self.inner.flags
    }

    /// The backfill runs started on this instance.
    pub fn backfills(&self) -> &BackfillRuns {
        &self.inner.backfills
    }

    /// Wakes an idle export worker of this instance (a job was just queued here).
    pub(crate) fn exports_queued(&self) {
        self.inner.export_wake.notify_one();
    }

    /// What idle export workers wait on besides their poll interval.
    pub(crate) fn export_wake(&self) -> Arc<Notify> {
        self.inner.export_wake.clone()
    }

    /// Marks the server as shutting down: `/readyz` answers 503 from now on.
    pub fn start_draining(&self) {
        self.inner.draining.store(true, Ordering::SeqCst);
    }

    /// Requests being handled right now.
    pub fn in_flight(&self) -> usize {
        self.inner.in_flight.load(Ordering::SeqCst)
    }

    /// Counts a request in until the guard is dropped.
    pub(crate) fn track_request(&self) -> InFlight {
        let now = self.inner.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        metrics::gauge!("scenebox_http_in_flight").set(now as f64);
        InFlight(self.clone())
    }

    /// Whether the server is shutting down.
    pub fn is_draining(&self) -> bool {
        self.inner.draining.load(Ordering::SeqCst)
    }
}

/// One request being handled; counted out when dropped.
pub(crate) struct InFlight(AppState);

impl Drop for InFlight {
    fn drop(&mut self) {
        let now = self.0.inner.in_flight.fetch_sub(1, Ordering::SeqCst) - 1;
        metrics::gauge!("scenebox_http_in_flight").set(now as f64);
    }
}
