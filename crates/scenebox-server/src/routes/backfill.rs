//! `POST /backfill` starts a backfill run on this instance; `GET /backfill` and
//! `GET /backfill/{run_id}` inspect it. Runs claim rows in the shared store, so runs started
//! through different instances split the pending scenes between them.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::backfill_runs::BackfillRun;
use crate::error::{ApiError, ErrorResponse};
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;

/// A backfill run to start.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartBackfill {
    /// Scenes claimed and compiled per batch (100 when omitted).
    pub batch_size: Option<u32>,
    /// Stop after this many batches (until nothing is pending when omitted).
    pub max_batches: Option<u64>,
    /// Count what would compile, writing nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// The store's scene counts.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoreCounts {
    /// Every scene.
    pub total: u64,
    /// Scenes with a Phase 1 artifact.
    pub compiled: u64,
    /// Scenes waiting for the backfill.
    pub pending: u64,
    /// Scenes whose TSX does not compile.
    pub failed: u64,
    /// Pending scenes claimed by a worker right now.
    pub claimed: u64,
}

/// The store's counts and this instance's runs.
#[derive(Debug, Serialize, ToSchema)]
pub struct BackfillOverview {
    /// Counts over the whole store (every instance's work).
    pub store: StoreCounts,
    /// Runs started on this instance.
    pub runs: Vec<BackfillRun>,
}

/// Starts a backfill run.
#[utoipa::path(post, path = "/backfill", tag = "backfill", request_body = StartBackfill,
    responses(
        (status = 202, description = "Started", body = BackfillRun),
        (status = 400, description = "Unreadable body", body = ErrorResponse),
    ))]
pub async fn start_backfill(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<StartBackfill>,
) -> Result<(StatusCode, axum::Json<BackfillRun>), ApiError> {
    if body.batch_size == Some(0) {
        return Err(ApiError::bad_request("`batch_size` must be at least 1"));
    }
    let run = state.backfills().start(
        state.store().clone(),
        body.batch_size.unwrap_or(100),
        body.max_batches,
        body.dry_run,
    );
    Ok((StatusCode::ACCEPTED, axum::Json(run)))
}

/// The store's counts and this instance's runs.
#[utoipa::path(get, path = "/backfill", tag = "backfill",
    responses((status = 200, description = "Counts and runs", body = BackfillOverview)))]
pub async fn backfill_overview(
    State(state): State<AppState>,
) -> Result<axum::Json<BackfillOverview>, ApiError> {
    let status = state.store().backfill_status().await?;
    Ok(axum::Json(BackfillOverview {
        store: StoreCounts {
            total: status.total,
            compiled: status.compiled,
            pending: status.pending,
            failed: status.failed,
            claimed: status.claimed,
        },
        runs: state.backfills().list(),
    }))
}

/// One run of this instance.
#[utoipa::path(get, path = "/backfill/{run_id}", tag = "backfill",
    params(("run_id" = Uuid, Path, description = "Run id")),
    responses(
        (status = 200, description = "The run", body = BackfillRun),
        (status = 404, description = "No such run on this instance", body = ErrorResponse),
    ))]
pub async fn backfill_run(
    State(state): State<AppState>,
    ApiPath(run_id): ApiPath<Uuid>,
) -> Result<axum::Json<BackfillRun>, ApiError> {
    state
        .backfills()
        .get(run_id)
        .map(axum::Json)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "NotFound",
                format!("backfill run {run_id} not found on this instance"),
            )
        })
}
