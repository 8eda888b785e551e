//! The storage part of the dashboard: totals, JS/TSX ratios and database size as a table, and
//! TSX/JS bytes per day of creation as charts.

use scenebox_store::StorageReport;

use super::{bar_chart, escape};

/// The storage section: a figures table and one chart per byte series.
pub fn storage_html(storage: &StorageReport) -> String {
    let ratio = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "–".into());
    let mib = |bytes: u64| format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0));
    let figures = [
        ("scenes", storage.scenes.to_string()),
        (
            "Phase 1 artifacts (version 1)",
            storage.phase1_artifacts.to_string(),
        ),
        (
            "parameterized artifacts (version 2)",
            storage.param_artifacts.to_string(),
        ),
        ("events", storage.events.to_string()),
        ("TSX", mib(storage.tsx_bytes)),
        ("Phase 1 JS", mib(storage.phase1_js_bytes)),
        ("parameterized JS", mib(storage.param_js_bytes)),
        (
            "Phase 1 JS / TSX (p50 · p95)",
            format!(
                "{} · {}",
                ratio(storage.phase1_ratio_p50),
                ratio(storage.phase1_ratio_p95)
            ),
        ),
        (
            "parameterized JS / TSX (p50 · p95)",
            format!(
                "{} · {}",
                ratio(storage.param_ratio_p50),
                ratio(storage.param_ratio_p95)
            ),
        ),
        ("database size", mib(storage.database_bytes)),
    ];
    let rows: String = figures
        .iter()
        .map(|(name, value)| {
            format!(
                "<tr><th style=\"text-align:left\">{}</th><td>{}</td></tr>",
                escape(name),
                escape(value)
            )
        })
        .collect();
    let labels: Vec<String> = storage.days.iter().map(|d| d.day.clone()).collect();
    let kib = |f: &dyn Fn(&scenebox_store::StorageDay) -> u64| {
        storage
            .days
            .iter()
            .map(|d| f(d) as f64 / 1024.0)
            .collect::<Vec<f64>>()
    };
    let charts = [
        bar_chart(
            "TSX KiB by day of creation",
            &labels,
            &kib(&|d| d.tsx_bytes),
        ),
        bar_chart(
            "Phase 1 JS KiB by day of creation",
            &labels,
            &kib(&|d| d.phase1_js_bytes),
        ),
        bar_chart(
            "parameterized JS KiB by day of creation",
            &labels,
            &kib(&|d| d.param_js_bytes),
        ),
    ];
    format!("<h2>Storage</h2><table>{rows}</table>{}", charts.join("\n"))
}
