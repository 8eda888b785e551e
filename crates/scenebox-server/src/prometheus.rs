//! The process-wide Prometheus recorder behind `GET /metrics`: installed once, shared by every
//! server in the process (tests run several).

use std::sync::OnceLock;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// The recorder's handle, installing it on first use; `None` when another metrics recorder
/// was installed first (then `/metrics` answers 503).
pub fn prometheus_handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| PrometheusBuilder::new().install_recorder().ok())
        .as_ref()
}
