//! `GET /flags` and `PUT /flags/{name}`: the rollout switches every process reads from the
//! database (`metrics`, `artifact_versioning`, `execution_model` globally or per project), with
//! their audit trail. Running servers pick a change up within `flags_refresh`.

use std::collections::BTreeMap;

use axum::extract::State;
use scenebox_store::{FlagChange, FlagName};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::{ApiError, ErrorResponse};
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;

/// The switches as stored now, and the latest changes.
#[derive(Debug, Serialize, ToSchema)]
pub struct FlagsView {
    /// Whether execution events are recorded and `/metrics` answers.
    pub metrics: bool,
    /// Whether create/edit write the parameterized artifact.
    pub artifact_versioning: bool,
    /// The global default execution model, if set.
    pub execution_model: Option<String>,
    /// Per-project execution models.
    pub project_execution_models: BTreeMap<Uuid, String>,
    /// The latest 50 changes, newest first.
    pub changes: Vec<FlagChangeView>,
}

/// One audited change.
#[derive(Debug, Serialize, ToSchema)]
pub struct FlagChangeView {
    /// When (RFC 3339).
    pub at: String,
    /// The project, for a per-project value.
    pub project_id: Option<Uuid>,
    /// Which flag.
    pub name: String,
    /// The value before (`null`: unset).
    pub old_value: Option<String>,
    /// The value after.
    pub new_value: String,
    /// Who changed it.
    pub actor: String,
}

impl From<FlagChange> for FlagChangeView {
    fn from(change: FlagChange) -> Self {
        Self {
            at: super::rfc3339(change.at),
            project_id: change.project_id,
            name: change.name,
            old_value: change.old_value,
            new_value: change.new_value,
            actor: change.actor,
        }
    }
}

/// A new value for a switch.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetFlag {
    /// `on`/`off`, or an execution model for `execution_model`.
    pub value: String,
    /// Set `execution_model` for this project only.
    pub project_id: Option<Uuid>,
    /// Who is changing it (recorded in the audit trail; `http` when omitted).
    pub actor: Option<String>,
}

/// The switches and their latest changes.
#[utoipa::path(get, path = "/flags", tag = "rollout",
    responses((status = 200, description = "The switches", body = FlagsView)))]
pub async fn get_flags(State(state): State<AppState>) -> Result<axum::Json<FlagsView>, ApiError> {
    let flags = state.store().flags().await?;
    let changes = state.store().flag_changes(50).await?;
    Ok(axum::Json(FlagsView {
        metrics: flags.metrics,
        artifact_versioning: flags.artifact_versioning,
        execution_model: flags.execution_model,
        project_execution_models: flags.project_execution_models,
        changes: changes.into_iter().map(FlagChangeView::from).collect(),
    }))
}

/// Changes a switch (audited). The rollout order is enforced: `artifact_versioning` goes on
/// only while `metrics` is on.
#[utoipa::path(put, path = "/flags/{name}", tag = "rollout", request_body = SetFlag,
    params(("name" = String, Path, description = "metrics, artifact_versioning or execution_model")),
    responses(
        (status = 200, description = "Changed", body = FlagChangeView),
        (status = 400, description = "Unknown flag or value", body = ErrorResponse),
        (status = 409, description = "Out of the rollout order", body = ErrorResponse),
    ))]
pub async fn set_flag(
    State(state): State<AppState>,
    ApiPath(name): ApiPath<String>,
    ApiJson(body): ApiJson<SetFlag>,
) -> Result<axum::Json<FlagChangeView>, ApiError> {
    let name: FlagName = name.parse()?;
    let actor = body.actor.unwrap_or_else(|| "http".to_string());
    let change = state
        .store()
        .set_flag(name, &body.value, body.project_id, &actor)
        .await?;
    Ok(axum::Json(change.into()))
}
