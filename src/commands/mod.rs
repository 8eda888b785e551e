//! One module per `scenebox` subcommand.

pub mod backfill;
pub mod bench;
pub mod bench_export;
pub mod bench_sucrase;
pub mod compile;
pub mod diff;
pub mod export;
pub mod export_video;
pub mod fidelity;
pub mod flags;
pub mod import;
pub mod migrate;
pub mod render;
pub mod report;
pub mod serve;
pub mod smoke;
pub mod worker;
