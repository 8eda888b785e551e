//! `scenebox backfill`: compile every stored scene whose Phase 1 `js_code` is missing, in
//! batches, as one of any number of workers (rows are claimed; a killed worker's claims expire
//! and are picked up again), with a progress bar and a final summary.

use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use scenebox_store::{run_backfill, BackfillOptions};

use crate::database_args::{tokio_runtime, DatabaseArgs};

/// Arguments of `scenebox backfill`.
#[derive(Args)]
pub struct BackfillArgs {
    /// Scenes claimed and compiled per batch.
    #[arg(long, default_value_t = 100)]
    batch_size: u32,
    /// Count what would be compiled; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// This worker's name (default: host name and process id).
    #[arg(long)]
    worker_id: Option<String>,
    /// Stop after this many batches.
    #[arg(long)]
    max_batches: Option<u64>,
    /// Seconds after which another worker may take over a claimed batch (a killed worker's
    /// scenes are compiled again by the next worker after this long).
    #[arg(long, default_value_t = 300)]
    lease_seconds: u64,
    /// No progress bar (for logs).
    #[arg(long)]
    quiet: bool,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// Runs the backfill; exit code 0 even when some scenes fail to compile (they are recorded).
pub fn run(args: BackfillArgs) -> Result<ExitCode> {
    let worker_id = args.worker_id.clone().unwrap_or_else(|| {
        let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
        format!("{}-{}", host.trim(), std::process::id())
    });
    let summary = tokio_runtime()?.block_on(async {
        let options = scenebox_store::StoreOptions {
            claim_lease: std::time::Duration::from_secs(args.lease_seconds),
            ..Default::default()
        };
        let store = args.database.connect_with(options).await?;
        let status = store.backfill_status().await?;
        let bar = indicatif::ProgressBar::new(status.pending);
        if args.quiet {
            bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
        }
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} scenes · {per_sec} · ETA {eta} · {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let options = BackfillOptions {
            batch_size: args.batch_size,
            worker_id,
            dry_run: args.dry_run,
            max_batches: args.max_batches,
        };
        let summary = run_backfill(&store, &options, |progress| {
            bar.set_position(progress.compiled + progress.failed + progress.skipped);
            bar.set_message(format!("{} failed", progress.failed));
        })
        .await?;
        bar.finish_and_clear();
        store.close().await;
        anyhow::Ok(summary)
    })?;
    println!(
        "{}compiled {}, skipped {}, failed {} in {} batch(es), {:.2} s ({:.0} scenes/s)",
        if summary.dry_run {
            "dry run: would have "
        } else {
            ""
        },
        summary.compiled,
        summary.skipped,
        summary.failed,
        summary.batches,
        summary.elapsed.as_secs_f64(),
        summary.rate_per_sec
    );
    Ok(ExitCode::SUCCESS)
}
