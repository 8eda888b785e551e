//! Operations endpoints: `GET /healthz` (the process answers), `GET /readyz` (the database
//! answers and the server is not draining), `GET /metrics` (Prometheus text) and `GET /report`
//! (the HTML dashboard).

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::dashboard::report_html;
use crate::error::{ApiError, ErrorResponse};
use crate::prometheus::prometheus_handle;
use crate::state::AppState;

/// A probe's answer.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// `ok` or `ready`.
    pub status: String,
    /// The scenebox version.
    pub version: String,
    /// `sqlite` or `postgres`.
    pub database: String,
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "ops",
    responses((status = 200, description = "Alive", body = Health)))]
pub async fn healthz(State(state): State<AppState>) -> axum::Json<Health> {
    axum::Json(health(&state, "ok"))
}

/// Readiness: the database answers and the server is not shutting down.
#[utoipa::path(get, path = "/readyz", tag = "ops",
    responses(
        (status = 200, description = "Ready for traffic", body = Health),
        (status = 503, description = "Draining or database unavailable", body = ErrorResponse),
    ))]
pub async fn readyz(State(state): State<AppState>) -> Result<axum::Json<Health>, ApiError> {
    if state.is_draining() {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "Unavailable",
            "the server is shutting down",
        ));
    }
    state.store().ping().await?;
    Ok(axum::Json(health(&state, "ready")))
}

fn health(state: &AppState, status: &str) -> Health {
    Health {
        status: status.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        database: state.store().backend().as_str().into(),
    }
}

/// The live metrics in Prometheus text format.
#[utoipa::path(get, path = "/metrics", tag = "ops",
    responses(
        (status = 200, description = "Prometheus text format", body = String, content_type = "text/plain"),
        (status = 503, description = "The metrics switch is off, or no Prometheus recorder in this process", body = ErrorResponse),
    ))]
pub async fn metrics(State(state): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    if !state.flags().get().await?.metrics {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "MetricsOff",
            "the metrics switch is off (`scenebox flags set metrics on`)",
        ));
    }
    let handle = prometheus_handle().ok_or_else(|| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "Unavailable",
            "another metrics recorder owns this process",
        )
    })?;
    // The storage gauges are measured at scrape time.
    state.store().storage_totals().await?;
    Ok((
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        handle.render(),
    ))
}

/// How many days the dashboard covers.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ReportQuery {
    /// Days back from today (UTC), today included; 30 when omitted.
    pub days: Option<u32>,
}

/// The HTML dashboard: the daily series (compiles, failures, compile ms, executions and errors
/// per model, fallbacks, retries) computed by SQL from the events table, and the storage
/// figures (TSX and JS bytes, JS/TSX ratios, rows, database size).
#[utoipa::path(get, path = "/report", tag = "ops", params(ReportQuery),
    responses((status = 200, description = "Self-contained HTML page", body = String, content_type = "text/html")))]
pub async fn report(
    State(state): State<AppState>,
    Query(query): Query<ReportQuery>,
) -> Result<Html<String>, ApiError> {
    let days = query.days.unwrap_or(30).clamp(1, 3660);
    let to = time::OffsetDateTime::now_utc();
    let from = (to - time::Duration::days(i64::from(days) - 1)).replace_time(time::Time::MIDNIGHT);
    let rows = state
        .store()
        .daily_report(from, to + time::Duration::seconds(1))
        .await?;
    let storage = state.store().storage_report().await?;
    Ok(Html(report_html(&rows, Some(&storage), days)))
}
