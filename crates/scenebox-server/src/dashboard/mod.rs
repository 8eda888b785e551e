//! The HTML dashboard: the daily series of the events table and the storage figures as
//! self-contained SVG bar charts and tables (inline CSS, no scripts, no external assets).
//! `scenebox report --out` writes it and `GET /report` serves it.

mod charts;
mod storage;

pub use charts::bar_chart;
pub use storage::storage_html;

use scenebox_store::{DailyReport, StorageReport};

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The self-contained page: one chart per daily series of the events, then the storage
/// figures and their charts when given.
pub fn report_html(rows: &[DailyReport], storage: Option<&StorageReport>, days: u32) -> String {
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
            &format!("executions per day ({model})"),
            &labels,
            &series(&|r| r.executions.get(model).copied().unwrap_or(0) as f64),
        ));
        charts.push(bar_chart(
            &format!("execution errors per day ({model})"),
            &labels,
            &series(&|r| r.execution_errors.get(model).copied().unwrap_or(0) as f64),
        ));
    }
    charts.push(bar_chart(
        "fallbacks per day",
        &labels,
        &series(&|r| r.fallbacks as f64),
    ));
    charts.push(bar_chart(
        "retries per day",
        &labels,
        &series(&|r| r.retries as f64),
    ));
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>scenebox report</title>\
<style>body{{font:14px system-ui,sans-serif;margin:2em}}svg{{display:block;margin:1em 0}}\
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:3px 8px;text-align:right}}</style></head><body>\
<h1>scenebox: the last {days} day(s)</h1><p>{} day(s) with events.</p>{}{}</body></html>",
        rows.len(),
        charts.join("\n"),
        storage.map(storage_html).unwrap_or_default()
    )
}
