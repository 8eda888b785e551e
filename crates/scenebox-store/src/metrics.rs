//! Live metrics of compiles through the `metrics` facade (whatever recorder the binary installs,
//! e.g. the Prometheus exporter, receives them): duration, input and output bytes, outcomes.

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
