//! `scenebox report`: the daily series computed from the events table by SQL — compiles and
//! failures, p50/p95 compile ms, executions and execution errors per model, retries — as a
//! table, JSON, or a self-contained HTML page of charts.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use scenebox_server::dashboard::daily_report_html;
use scenebox_store::DailyReport;

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
    let rows = tokio_runtime()?.block_on(async {
        let store = args.database.connect().await?;
        let rows = store
            .daily_report(from, to + time::Duration::seconds(1))
            .await?;
        store.close().await;
        anyhow::Ok(rows)
    })?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        print_table(&rows);
    }
    if let Some(path) = &args.out {
        std::fs::write(path, daily_report_html(&rows, args.days))
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
