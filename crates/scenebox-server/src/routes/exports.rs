//! `POST /scenes/{id}/export`, `GET /exports/{id}`, `GET /exports/{id}/file`: a stored scene
//! exported to a video file by whichever instance claims the job (see [`crate::exports`]).
//! Creating a job checks everything that can be checked up front (the scene exists and
//! compiles, the model, frames, codec and settings are valid), so a queued job fails later
//! only for what running the scene shows.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use scenebox_raster::Codec;
use scenebox_store::{ExportJob, ExportState, NewExport};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use super::render::{compile, plan, Frames, VideoOptions};
use super::rfc3339;
use crate::error::{ApiError, ErrorBody, ErrorResponse};
use crate::exports::ExportPlan;
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;

/// How to export a stored scene.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    /// `phase1`, `param`, `shadow`, `shadow:param` or `param_with_fallback`; when omitted, the
    /// project's `execution_model` switch, the global one, the server's `--model`,
    /// `SCENE_EXECUTION_MODEL`, then `phase1`.
    pub model: Option<String>,
    /// Frames to export (all when omitted).
    pub frames: Option<Frames>,
    /// Composition settings.
    pub video: Option<VideoOptions>,
    /// Component props (the stored scene's props when omitted).
    #[schema(value_type = Object)]
    pub props: Option<Value>,
    /// `h264` (MP4, default), `vp9` (WebM) or `prores` (MOV).
    pub codec: Option<String>,
    /// Constant rate factor, 0–63 (h264: 18, vp9: 32 by default).
    pub crf: Option<u32>,
    /// Random seed (default: the scene id).
    pub seed: Option<String>,
}

/// An export job and its progress.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExportView {
    /// The job's id.
    pub id: Uuid,
    /// The scene being exported.
    pub scene_id: Uuid,
    /// `queued`, `running`, `done` or `failed`.
    pub state: String,
    /// Frames in the video.
    pub frames_total: u32,
    /// Frames drawn and encoded so far by the current attempt.
    pub frames_done: u32,
    /// `frames_done / frames_total`, 0–1.
    pub progress: f64,
    /// Times an instance claimed the job (more than 1: a worker died and another took over).
    pub attempts: u32,
    /// The instance working on it (or that finished it).
    pub worker: Option<String>,
    /// `h264`, `vp9` or `prores`.
    pub codec: String,
    /// When it was queued (RFC 3339).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
    /// When it finished.
    pub finished_at: Option<String>,
    /// Where to download the video, once done.
    pub file: Option<String>,
    /// The video's size in bytes, once done.
    pub bytes: Option<u64>,
    /// Why it failed (kind, message, TSX line:column, frame).
    pub error: Option<ErrorBody>,
    /// What was drawn differently from what the scene asked for (property, value, element
    /// path) and audio that could not be mixed in.
    #[schema(value_type = Vec<Object>)]
    pub warnings: Vec<Value>,
}

/// Queues an export of a stored scene; any instance sharing the database may run it.
#[utoipa::path(post, path = "/scenes/{id}/export", tag = "exports", request_body = ExportRequest,
    params(("id" = Uuid, Path, description = "Scene id")),
    responses(
        (status = 202, description = "Queued; poll `GET /exports/{id}`", body = ExportView),
        (status = 400, description = "Unreadable body, model, frames, codec or settings", body = ErrorResponse),
        (status = 404, description = "No such scene", body = ErrorResponse),
        (status = 422, description = "The scene does not compile (kind, TSX line:column)", body = ErrorResponse),
        (status = 503, description = "Shutting down or database unavailable", body = ErrorResponse),
    ))]
pub async fn create_export(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<ExportRequest>,
) -> Result<Response, ApiError> {
    let record = state
        .store()
        .get_scene(id)
        .await?
        .ok_or_else(|| ApiError::scene_not_found(id))?;
    let codec: Codec = request
        .codec
        .as_deref()
        .unwrap_or("h264")
        .parse()
        .map_err(|e: String| ApiError::bad_request(e).for_scene(Some(id)))?;
    codec
        .check_crf(request.crf)
        .map_err(|e| ApiError::bad_request(format!("`crf`: {e}")).for_scene(Some(id)))?;
    // A scene that does not compile fails now, not in the queue.
    compile(&state, &id.to_string(), record.tsx_code, Some(id)).await?;
    let duration = u32::try_from(record.duration).unwrap_or(150);
    let plan = plan(
        &state,
        Some(record.project_id),
        request.model.as_deref(),
        request.video,
        request.frames,
        duration,
    )
    .await
    .map_err(|e| e.for_scene(Some(id)))?;
    let props = request
        .props
        .or(record.props)
        .unwrap_or_else(|| Value::Object(Default::default()));
    if !props.is_object() {
        return Err(ApiError::bad_request("`props` must be a JSON object").for_scene(Some(id)));
    }
    let export = ExportPlan {
        mode: plan.mode.as_str().to_string(),
        video: plan.video,
        frames: plan.frames,
        props,
        seed: request.seed,
        codec: codec.as_str().to_string(),
        crf: request.crf,
    };
    let job = state
        .store()
        .create_export(&NewExport {
            scene_id: id,
            frames_total: export.frames.len() as u32,
            options: serde_json::to_value(&export).map_err(|e| {
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal", e.to_string())
            })?,
        })
        .await?;
    state.exports_queued();
    let location = HeaderValue::from_str(&format!("/exports/{}", job.id)).ok();
    let mut response = (StatusCode::ACCEPTED, axum::Json(export_view(job))).into_response();
    if let Some(location) = location {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// An export job's state and progress.
#[utoipa::path(get, path = "/exports/{id}", tag = "exports",
    params(("id" = Uuid, Path, description = "Export job id")),
    responses(
        (status = 200, description = "The job", body = ExportView),
        (status = 404, description = "No such job", body = ErrorResponse),
    ))]
pub async fn get_export(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<axum::Json<ExportView>, ApiError> {
    let job = find(&state, id).await?;
    Ok(axum::Json(export_view(job)))
}

/// Downloads a finished export's video.
#[utoipa::path(get, path = "/exports/{id}/file", tag = "exports",
    params(("id" = Uuid, Path, description = "Export job id")),
    responses(
        (status = 200, description = "The video (video/mp4, video/webm or video/quicktime)", content_type = "application/octet-stream"),
        (status = 404, description = "No such job, or its file is not in this instance's exports directory", body = ErrorResponse),
        (status = 409, description = "Not finished yet (`NotReady`) or failed (`ExportFailed`)", body = ErrorResponse),
    ))]
pub async fn export_file(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let job = find(&state, id).await?;
    let scene = Some(job.scene_id);
    match job.state {
        ExportState::Done => {}
        ExportState::Failed => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "ExportFailed",
                format!("export {id} failed; `GET /exports/{id}` says why"),
            )
            .for_scene(scene))
        }
        ExportState::Queued | ExportState::Running => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "NotReady",
                format!(
                    "export {id} is {} ({} of {} frames)",
                    job.state.as_str(),
                    job.frames_done,
                    job.frames_total
                ),
            )
            .for_scene(scene))
        }
    }
    let name = job.output_file.unwrap_or_default();
    let path = state.config().exports.dir.join(&name);
    let bytes = tokio::fs::read(&path).await.map_err(|e| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("the video of export {id} is not in this instance's exports directory: {e}"),
        )
        .for_scene(scene)
    })?;
    let codec: Codec = job.options["codec"]
        .as_str()
        .unwrap_or("h264")
        .parse()
        .unwrap_or(Codec::H264);
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok((
        [
            (header::CONTENT_TYPE, codec.media_type().to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

async fn find(state: &AppState, id: Uuid) -> Result<ExportJob, ApiError> {
    state.store().get_export(id).await?.ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("export {id} not found"),
        )
    })
}

fn export_view(job: ExportJob) -> ExportView {
    let done = job.state == ExportState::Done;
    ExportView {
        id: job.id,
        scene_id: job.scene_id,
        state: job.state.as_str().to_string(),
        frames_total: job.frames_total,
        frames_done: job.frames_done,
        progress: if job.frames_total == 0 {
            0.0
        } else {
            f64::from(job.frames_done) / f64::from(job.frames_total)
        },
        attempts: job.attempts,
        worker: job.claimed_by,
        codec: job.options["codec"].as_str().unwrap_or("h264").to_string(),
        created_at: rfc3339(job.created_at),
        updated_at: rfc3339(job.updated_at),
        finished_at: job.finished_at.map(rfc3339),
        file: done.then(|| format!("/exports/{}/file", job.id)),
        bytes: job.output_bytes,
        error: job
            .error
            .and_then(|error| serde_json::from_value(error).ok()),
        warnings: match job.warnings {
            Some(Value::Array(list)) => list,
            _ => Vec::new(),
        },
    }
}
