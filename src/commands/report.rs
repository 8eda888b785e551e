//! `scenebox report`: the daily series computed from the events table by SQL — compiles and
//! failures, p50/p95 compile ms, executions and execution errors per model, fallbacks,
//! retries — and the storage figures (TSX and JS bytes per artifact version, JS/TSX ratios,
//! rows, database size), as tables, JSON, or a self-contained HTML page of charts.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use scenebox_server::dashboard::report_html;
use scenebox_store::{DailyReport, StorageReport};

use crate::database_args::{tokio_runtime, DatabaseArgs};

/// Arguments of `scenebox report`.
#[derive(Args)]
pub struct ReportArgs {
    /// Days back from today (UTC), today included.
    #[arg(long, default_value_t = 30)]
    days: u32,
    /// Print the daily rows as JSON.
    #[arg(long)]
    json: bool,
    /// Write an HTML page with the charts here.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// Runs the report.
pub fn run(args: ReportArgs) -> Result<ExitCode> {
    let to = time::OffsetDateTime::now_utc();
    let from = (to - time::Duration::days(i64::from(args.days.max(1)) - 1))
        .replace_time(time::Time::MIDNIGHT);
    let (rows, storage) = tokio_runtime()?.block_on(async {
        let store = args.database.connect().await?;
        let rows = store
            .daily_report(from, to + time::Duration::seconds(1))
            .await?;
        let storage = store.storage_report().await?;
        store.close().await;
        anyhow::Ok((rows, storage))
    })?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({"days": rows, "storage": storage}))?
        );
    } else {
        print_table(&rows);
        print_storage(&storage);
    }
    if let Some(path) = &args.out {
        std::fs::write(path, report_html(&rows, Some(&storage), args.days))
            .with_context(|| format!("writing {}", path.display()))?;
        if !args.json {
            println!("report: {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_table(rows: &[DailyReport]) {
    println!("| day | compiles | failures | p50 compile ms | p95 compile ms | executions | execution errors | retries |");
    println!("|---|---:|---:|---:|---:|---|---|---:|");
    for r in rows {
        let per_model = |m: &std::collections::BTreeMap<String, u64>| {
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            r.day,
            r.compiles,
            r.compile_failures,
            r.compile_ms_p50
                .map(|v| format!("{v:.3}"))
                .unwrap_or_default(),
            r.compile_ms_p95
                .map(|v| format!("{v:.3}"))
                .unwrap_or_default(),
            per_model(&r.executions),
            per_model(&r.execution_errors),
            r.retries
        );
    }
}

fn print_storage(storage: &StorageReport) {
    let ratio = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "-".into());
    println!();
    println!(
        "storage: {} scenes ({} with Phase 1 JS, {} with parameterized JS), {} events, database {} bytes",
        storage.scenes,
        storage.phase1_artifacts,
        storage.param_artifacts,
        storage.events,
        storage.database_bytes
    );
    println!(
        "  TSX {} bytes · Phase 1 JS {} bytes (JS/TSX p50 {}, p95 {}) · parameterized JS {} bytes (p50 {}, p95 {})",
        storage.tsx_bytes,
        storage.phase1_js_bytes,
        ratio(storage.phase1_ratio_p50),
        ratio(storage.phase1_ratio_p95),
        storage.param_js_bytes,
        ratio(storage.param_ratio_p50),
        ratio(storage.param_ratio_p95)
    );
    println!("| created | scenes | TSX bytes | Phase 1 JS bytes | parameterized JS bytes |");
    println!("|---|---:|---:|---:|---:|");
    for day in &storage.days {
        println!(
            "| {} | {} | {} | {} | {} |",
            day.day, day.scenes, day.tsx_bytes, day.phase1_js_bytes, day.param_js_bytes
        );
    }
}
