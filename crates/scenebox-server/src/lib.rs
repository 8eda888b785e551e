//! `scenebox-server`: the export service. An axum application over the store (compile on
//! write), the isolate pool (renders under `phase1 | param | shadow`) and the backfill, with
//! one JSON error shape, an OpenAPI document generated from the handlers, limits (body size,
//! request time, a bounded render queue answering 429) and graceful shutdown.
//!
//! Instances share nothing but the database: any number of them can serve one PostgreSQL, and
//! backfill runs started through any of them claim rows from the same table; export jobs
//! (`POST /scenes/{id}/export`) are queued in the database and drawn by whichever instance's
//! export worker claims them, a dead instance's job taken over by another.

mod app;
mod backfill_runs;
mod config;
pub mod dashboard;
mod error;
mod events;
mod exports;
mod extract;
mod flag_cache;
mod prometheus;
pub mod routes;
mod state;

pub use app::{app, openapi, routes, serve};
pub use backfill_runs::{BackfillRun, BackfillRuns, RunState};
pub use config::{ExportSettings, ServerConfig};
pub use error::{ApiError, ErrorBody, ErrorResponse};
pub use events::{execution_events, fallback_event, request_events, shadow_event, StoreShadowSink};
pub use exports::ExportWorkers;
pub use flag_cache::FlagCache;
pub use prometheus::prometheus_handle;
pub use state::AppState;
