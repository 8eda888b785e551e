//! Live metrics through the `metrics` facade (whatever recorder the binary installs, e.g. the
//! Prometheus exporter, receives them): compiles (duration, input and output bytes, outcomes)
//! and the storage gauges.

/// Records one compile. `source` is `write` (create/edit) or `backfill`; `failure` is the
/// compile error kind, if any.
pub(crate) fn record_compile(
    source: &'static str,
    duration_ms: f64,
    input_bytes: usize,
    output_bytes: Option<usize>,
    failure: Option<&str>,
) {
    metrics::counter!("scenebox_compiles_total", "source" => source).increment(1);
    metrics::histogram!("scenebox_compile_duration_ms", "source" => source).record(duration_ms);
    metrics::histogram!("scenebox_compile_input_bytes", "source" => source)
        .record(input_bytes as f64);
    if let Some(bytes) = output_bytes {
        metrics::histogram!("scenebox_compile_output_bytes", "source" => source)
            .record(bytes as f64);
    }
    if let Some(kind) = failure {
        metrics::counter!("scenebox_compile_failures_total", "source" => source, "kind" => kind.to_string()).increment(1);
    }
}

/// Sets the storage gauges from a [`StorageReport`](crate::StorageReport): bytes of TSX and of
/// JS per artifact version, row counts and the database's size.
pub(crate) fn record_storage(report: &crate::StorageReport) {
    metrics::gauge!("scenebox_storage_tsx_bytes").set(report.tsx_bytes as f64);
    metrics::gauge!("scenebox_storage_js_bytes", "compilation_version" => "1")
        .set(report.phase1_js_bytes as f64);
    metrics::gauge!("scenebox_storage_js_bytes", "compilation_version" => "2")
        .set(report.param_js_bytes as f64);
    metrics::gauge!("scenebox_storage_rows", "table" => "scenes").set(report.scenes as f64);
    metrics::gauge!("scenebox_storage_rows", "table" => "events").set(report.events as f64);
    metrics::gauge!("scenebox_storage_database_bytes").set(report.database_bytes as f64);
}
