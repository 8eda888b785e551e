//! The backfill: compiling the `js_code` of old scenes that never had one.
//!
//! Workers *claim* a batch of pending scenes (stamping `backfill_claimed_by/_at`; PostgreSQL
//! skips rows another claimer holds locked, SQLite serialises claimers on its write lock),
//! compile it, then *complete* it in one transaction that writes each row only if the worker
//! still holds its claim and `js_code` is still NULL — so no scene is written twice. A claim
//! older than the store's lease belongs to a dead worker and is taken again.

mod claim;
mod result;
mod run;

pub use claim::{BackfillStatus, CompleteSummary};
pub use result::{BackfillOutcome, BackfillResult};
pub use run::{run_backfill, BackfillOptions, BackfillProgress, BackfillSummary};
