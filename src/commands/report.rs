//! `scenebox report`: the daily series computed from the events table by SQL — compiles and
//! failures, p50/p95 compile ms, executions and execution errors per model, retries — as a
//! table, JSON, or a self-contained HTML page of charts.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use scenebox_store::DailyReport;

use crate::charts::bar_chart;
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
        std::fs::write(path, html(&rows, args.days))
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

/// The self-contained page: one chart per daily series.
fn html(rows: &[DailyReport], days: u32) -> String {
    let labels: Vec<String> = rows.iter().map(|r| r.day.clone()).collect();
    let series = |f: &dyn Fn(&DailyReport) -> f64| rows.iter().map(f).collect::<Vec<f64>>();
    let mut models: Vec<String> = rows
        .iter()
        .flat_map(|r| {
            r.executions
                .keys()
                .chain(r.execution_errors.keys())
                .cloned()
        })
        .collect();
    models.sort();
    models.dedup();
    let mut charts = vec![
        bar_chart("compiles per day", &labels, &series(&|r| r.compiles as f64)),
        bar_chart(
            "compile failures per day",
            &labels,
            &series(&|r| r.compile_failures as f64),
        ),
        bar_chart(
            "p50 compile ms",
            &labels,
            &series(&|r| r.compile_ms_p50.unwrap_or(0.0)),
        ),
        bar_chart(
            "p95 compile ms",
            &labels,
            &series(&|r| r.compile_ms_p95.unwrap_or(0.0)),
        ),
    ];
    for model in &models {
        charts.push(bar_chart(
            &format!("execution errors per day ({model})"),
            &labels,
            &series(&|r| r.execution_errors.get(model).copied().unwrap_or(0) as f64),
        ));
    }
    charts.push(bar_chart(
        "retries per day",
        &labels,
        &series(&|r| r.retries as f64),
    ));
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>scenebox report</title>\
<style>body{{font:14px system-ui,sans-serif;margin:2em}}svg{{display:block;margin:1em 0}}</style></head><body>\
<h1>scenebox: the last {days} day(s)</h1><p>{} day(s) with events.</p>{}</body></html>",
        rows.len(),
        charts.join("\n")
    )
}
