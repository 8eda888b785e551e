//! `POST /scenes`, `PUT /scenes/{id}`, `GET /scenes/{id}`: scenes compiled on write (the
//! parameterized artifact too while the `artifact_versioning` switch is on). A TSX that does
//! not compile is still stored (nothing is lost); the answer carries its error.

use axum::extract::State;
use axum::http::StatusCode;
use scenebox_store::{CompileOnWrite, NewScene, SceneRecord};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::{ApiError, ErrorBody, ErrorResponse};
use crate::extract::{ApiJson, ApiPath};
use crate::routes::rfc3339;
use crate::state::AppState;

/// A scene to create.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateScene {
    /// The owning project (the nil UUID when omitted).
    #[serde(default)]
    pub project_id: Uuid,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The TSX source.
    pub tsx: String,
    /// Component props (a JSON object; `{}` when omitted).
    #[serde(default)]
    #[schema(value_type = Object)]
    pub props: Option<Value>,
    /// Length in frames (150 when omitted).
    pub duration: Option<i32>,
    /// Position within the project.
    #[serde(default)]
    pub order: i32,
}

/// A new TSX for an existing scene.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditScene {
    /// The new TSX source.
    pub tsx: String,
}

/// One compiled artifact as stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArtifactView {
    /// 1 for Phase 1, 2 for the parameterized artifact.
    pub compilation_version: i32,
    /// The JS.
    pub code: String,
    /// `compile_meta`: tool, versions, sizes, timings, warnings.
    #[schema(value_type = Object)]
    pub meta: Option<Value>,
}

/// Both stored artifacts of a scene.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArtifactsView {
    /// `new Function(jsCode)()`.
    pub phase1: Option<ArtifactView>,
    /// `new Function('Remotion', 'Extras', code)`.
    pub param: Option<ArtifactView>,
}

/// A stored scene: TSX, artifacts, metadata and last error.
#[derive(Debug, Serialize, ToSchema)]
pub struct SceneView {
    /// The scene's id.
    pub id: Uuid,
    /// The owning project.
    pub project_id: Uuid,
    /// Display name.
    pub name: Option<String>,
    /// Position within the project.
    pub order: Option<i32>,
    /// Length in frames.
    pub duration: i32,
    /// Component props.
    #[schema(value_type = Object)]
    pub props: Option<Value>,
    /// `compiled`, `pending` (waiting for the backfill) or `failed`.
    pub status: String,
    /// The TSX source.
    pub tsx: String,
    /// `blake3:<hex>` of the TSX the artifacts came from.
    pub content_hash: Option<String>,
    /// The stored artifacts.
    pub artifacts: ArtifactsView,
    /// The compile error, when the TSX does not compile.
    pub compilation_error: Option<ErrorBody>,
    /// The most recent failed execution of the scene, from the events.
    pub last_execution_error: Option<ErrorBody>,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// Last edit time (RFC 3339).
    pub updated_at: String,
}

/// Creates a scene, compiled on write.
#[utoipa::path(post, path = "/scenes", tag = "scenes", request_body = CreateScene,
    responses(
        (status = 201, description = "Stored; `status` says whether it compiled", body = SceneView),
        (status = 400, description = "Unreadable body", body = ErrorResponse),
        (status = 413, description = "Body too large", body = ErrorResponse),
    ))]
pub async fn create_scene(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<CreateScene>,
) -> Result<(StatusCode, axum::Json<SceneView>), ApiError> {
    let mut scene = NewScene::new(body.project_id, body.name, body.tsx);
    scene.order = body.order;
    if let Some(props) = body.props {
        if !props.is_object() {
            return Err(ApiError::bad_request("`props` must be a JSON object"));
        }
        scene.props = props;
    }
    if let Some(duration) = body.duration {
        if duration <= 0 {
            return Err(ApiError::bad_request(
                "`duration` must be a positive number of frames",
            ));
        }
        scene.duration = duration;
    }
    let record = state
        .store()
        .create_scene_with(&scene, compile_on_write(&state).await?)
        .await?;
    Ok((StatusCode::CREATED, axum::Json(scene_view(record, None))))
}

/// Replaces a scene's TSX and recompiles it.
#[utoipa::path(put, path = "/scenes/{id}", tag = "scenes", request_body = EditScene,
    params(("id" = Uuid, Path, description = "Scene id")),
    responses(
        (status = 200, description = "Stored; `status` says whether it compiled", body = SceneView),
        (status = 400, description = "Unreadable body or id", body = ErrorResponse),
        (status = 404, description = "No such scene", body = ErrorResponse),
    ))]
pub async fn edit_scene(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<EditScene>,
) -> Result<axum::Json<SceneView>, ApiError> {
    let record = state
        .store()
        .edit_scene_with(id, &body.tsx, compile_on_write(&state).await?)
        .await?;
    let last = last_execution_error(&state, id).await?;
    Ok(axum::Json(scene_view(record, last)))
}

/// A scene with its TSX, artifacts, metadata and last error.
#[utoipa::path(get, path = "/scenes/{id}", tag = "scenes",
    params(("id" = Uuid, Path, description = "Scene id")),
    responses(
        (status = 200, description = "The scene", body = SceneView),
        (status = 400, description = "Malformed id", body = ErrorResponse),
        (status = 404, description = "No such scene", body = ErrorResponse),
    ))]
pub async fn get_scene(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<axum::Json<SceneView>, ApiError> {
    let record = state
        .store()
        .get_scene(id)
        .await?
        .ok_or_else(|| ApiError::scene_not_found(id))?;
    let last = last_execution_error(&state, id).await?;
    Ok(axum::Json(scene_view(record, last)))
}

/// What create/edit write: both artifacts while `artifact_versioning` is on, else Phase 1 only
/// (exactly the old behaviour).
async fn compile_on_write(state: &AppState) -> Result<CompileOnWrite, ApiError> {
    let flags = state.flags().get().await?;
    Ok(CompileOnWrite {
        write_param: flags.artifact_versioning,
    })
}

async fn last_execution_error(state: &AppState, id: Uuid) -> Result<Option<ErrorBody>, ApiError> {
    let event = state.store().last_execution_error(id).await?;
    Ok(event.map(|event| {
        let detail = event.detail.unwrap_or_default();
        let number = |key: &str| detail.get(key).and_then(Value::as_u64).map(|n| n as u32);
        ErrorBody {
            kind: event.error_class.unwrap_or_default(),
            message: detail
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            scene_id: Some(id),
            line: number("line"),
            column: number("column"),
            frame: number("frame"),
        }
    }))
}

fn scene_view(record: SceneRecord, last_execution_error: Option<ErrorBody>) -> SceneView {
    let compilation_error = record
        .compilation_error
        .as_deref()
        .map(|stored| parse_compile_error(stored, record.id));
    SceneView {
        id: record.id,
        project_id: record.project_id,
        name: record.name.clone(),
        order: record.order,
        duration: record.duration,
        props: record.props.clone(),
        status: format!("{:?}", record.status()).to_lowercase(),
        content_hash: record.content_hash.clone(),
        artifacts: ArtifactsView {
            phase1: record.js_code.clone().map(|code| ArtifactView {
                compilation_version: record.compilation_version,
                code,
                meta: record.compile_meta.clone(),
            }),
            param: record.param_js_code.clone().map(|code| ArtifactView {
                compilation_version: record.param_compilation_version.unwrap_or(2),
                code,
                meta: record.param_compile_meta.clone(),
            }),
        },
        compilation_error,
        last_execution_error,
        created_at: rfc3339(record.created_at),
        updated_at: rfc3339(record.updated_at),
        tsx: record.tsx_code,
    }
}

/// Reads back `line:column: message (Kind)`, the form the store keeps compile errors in.
fn parse_compile_error(stored: &str, scene_id: Uuid) -> ErrorBody {
    let mut parts = stored.splitn(3, ':');
    let line = parts.next().and_then(|s| s.trim().parse().ok());
    let column = parts.next().and_then(|s| s.trim().parse().ok());
    let (message, kind) = match (line, column, parts.next()) {
        (Some(_), Some(_), Some(rest)) => {
            let rest = rest.trim();
            match rest.rfind(" (").filter(|_| rest.ends_with(')')) {
                Some(open) => (&rest[..open], &rest[open + 2..rest.len() - 1]),
                None => (rest, "Compile"),
            }
        }
        _ => (stored, "Compile"),
    };
    ErrorBody {
        kind: kind.to_string(),
        message: message.to_string(),
        scene_id: Some(scene_id),
        line: line.filter(|_| column.is_some()),
        column: column.filter(|_| line.is_some()),
        frame: None,
    }
}
