//! `scenebox-store`: scenes in a database, compiled on write.
//!
//! One API over two backends — an embedded SQLite file (the default, created and migrated on
//! connect) and PostgreSQL — via sqlx with runtime-checked SQL per backend and migrations
//! embedded in the binary. The schema starts from the production Phase 1 `scenes` table and
//! only ever adds to it.
//!
//! * [`Store::create_scene`] / [`Store::edit_scene`] compile the TSX with
//!   [`scenebox_compile::Compiler`] and store it with both artifacts and their metadata (or the
//!   compile error, clearing stale artifacts) and a `compile` event, in one transaction.
//! * [`Store::import_scenes`] bulk-loads old, uncompiled scenes; [`Store::export_jsonl`] dumps
//!   every column.
//! * The backfill ([`Store::claim_backfill_batch`], [`Store::complete_backfill`],
//!   [`run_backfill`]) compiles old scenes exactly once, resumably, with any number of workers.
//! * [`Store::record_event`], [`Store::events_between`] and [`Store::daily_report`] keep and
//!   summarise compile/execution events.
//! * [`Store::storage_report`] measures storage growth (TSX and JS bytes per artifact version,
//!   JS/TSX ratios, row counts, database size); [`Store::storage_totals`] only the totals, for the
//!   gauges a metrics scrape reads.
//! * [`Store::flags`] / [`Store::set_flag`] keep the rollout switches every process reads, with
//!   an audit trail and the rollout order enforced.
//! * Export jobs ([`Store::create_export`], [`Store::claim_export`], [`Store::export_progress`],
//!   [`Store::finish_export`]) are claimed like the backfill's rows, so any number of server
//!   instances share them and a dead instance's job is taken over.
//!
//! This crate knows the database and the compiler; it knows neither HTTP nor the V8 runtime.

#![warn(missing_docs)]

mod backend;
mod backfill;
mod db;
mod error;
mod events;
mod exports;
mod flags;
mod import;
mod metrics;
mod migrate;
mod model;
mod report;
mod scenes;
mod storage;
mod store;
mod timefmt;

pub use backend::Backend;
pub use backfill::{
    run_backfill, BackfillOptions, BackfillOutcome, BackfillProgress, BackfillResult,
    BackfillStatus, BackfillSummary, CompleteSummary,
};
pub use error::{Result, StoreError};
pub use events::{Event, EventKind};
pub use exports::{ExportJob, ExportOutcome, ExportState, NewExport};
pub use flags::{FlagChange, FlagName, Flags, EXECUTION_MODELS};
pub use import::ImportSummary;
pub use migrate::{migrator, Migrations};
pub use model::{CompileStatus, ImportScene, NewScene, SceneFilter, SceneRecord, SceneRow};
pub use report::{percentile, DailyReport};
pub use scenes::{format_compile_error, CompileOnWrite};
pub use storage::{StorageDay, StorageReport};
pub use store::{Store, StoreOptions};
pub use timefmt::{now, truncate_to_micros};
