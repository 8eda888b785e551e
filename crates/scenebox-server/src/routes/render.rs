//! `POST /scenes/{id}/render` and `POST /render`: execute a stored or an ad-hoc scene on the
//! isolate pool under `phase1 | param | shadow`, and answer with per-frame element trees (or
//! only their hashes).

use std::sync::Arc;

use axum::extract::State;
use scenebox_compare::{Execution, ExecutionMode};
use scenebox_compile::CompiledScene;
use scenebox_runtime::{ErrorKind, FrameSelection, Node, RenderError, RenderJob, VideoConfig};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::{ApiError, ErrorBody, ErrorResponse};
use crate::events::request_events;
use crate::extract::{ApiJson, ApiPath};
use crate::state::AppState;

/// Which frames to render: a selection (`"all"`, `"a..b"` end exclusive, `"every:N"`, `"N"`,
/// `"a,b,c"`) or a list of frame numbers.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum Frames {
    /// A selection string.
    Selection(String),
    /// Exactly these frames.
    List(Vec<u32>),
}

/// Composition settings; each one omitted takes its default (1920×1080, 30 fps, the scene's
/// duration or 150 frames).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VideoOptions {
    /// Width in pixels.
    pub width: Option<u32>,
    /// Height in pixels.
    pub height: Option<u32>,
    /// Frames per second.
    pub fps: Option<f64>,
    /// Length in frames.
    pub duration_in_frames: Option<u32>,
}

/// What the answer carries per frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Output {
    /// The element tree and its hash.
    #[default]
    Trees,
    /// Only the hash.
    Hashes,
}

/// How to render.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RenderOptions {
    /// `phase1`, `param`, `shadow` (Phase 1 answers, param runs beside it), `shadow:param` or
    /// `param_with_fallback`; when omitted, the project's `execution_model` flag, the global
    /// one, the server's `--model`, `SCENE_EXECUTION_MODEL`, then `phase1`.
    pub model: Option<String>,
    /// Frames to render (all when omitted).
    pub frames: Option<Frames>,
    /// Composition settings.
    pub video: Option<VideoOptions>,
    /// Component props (the stored scene's props when omitted).
    #[schema(value_type = Object)]
    pub props: Option<Value>,
    /// `trees` (default) or `hashes`.
    #[serde(default)]
    pub output: Output,
    /// Random seed (default: the scene id or name).
    pub seed: Option<String>,
}

/// An ad-hoc scene to render; nothing is stored.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdHocRender {
    /// The TSX source.
    pub tsx: String,
    /// A name used in errors and as the default seed.
    pub name: Option<String>,
    /// `phase1`, `param`, `shadow`, `shadow:param` or `param_with_fallback`.
    pub model: Option<String>,
    /// Frames to render (all when omitted).
    pub frames: Option<Frames>,
    /// Composition settings.
    pub video: Option<VideoOptions>,
    /// Component props.
    #[schema(value_type = Object)]
    pub props: Option<Value>,
    /// `trees` (default) or `hashes`.
    #[serde(default)]
    pub output: Output,
    /// Random seed.
    pub seed: Option<String>,
}

/// One rendered frame.
#[derive(Debug, Serialize, ToSchema)]
pub struct FrameView {
    /// The frame number.
    pub frame: u32,
    /// `blake3:<hex>` of the frame's canonical JSON tree.
    pub hash: String,
    /// The element tree `{type, props, children}` (omitted for `output: hashes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Object)]
    pub tree: Option<Node>,
}

/// A successful render.
#[derive(Debug, Serialize, ToSchema)]
pub struct RenderResponse {
    /// The stored scene, for `POST /scenes/{id}/render`.
    pub scene_id: Option<Uuid>,
    /// The execution mode used (`phase1`, `param`, `shadow`, `shadow:param`).
    pub mode: String,
    /// The model whose frames these are (`phase1` after a fallback).
    pub model: String,
    /// Whether Phase 1 answered because the parameterized model failed
    /// (`param_with_fallback`).
    pub fallback: bool,
    /// The parameterized model's error, when it fell back.
    pub param_error: Option<ErrorBody>,
    /// The frames, in request order.
    pub frames: Vec<FrameView>,
    /// Warnings recorded while running (missing icons, degraded components, …).
    #[schema(value_type = Vec<Object>)]
    pub warnings: Vec<Value>,
    /// Media assets (`<Audio>`, `<Video>`) with their timing.
    #[schema(value_type = Vec<Object>)]
    pub media: Vec<Value>,
    /// Fonts requested with `loadFont`.
    #[schema(value_type = Vec<Object>)]
    pub fonts: Vec<Value>,
    /// Every attempt (number, error class, ms).
    #[schema(value_type = Vec<Object>)]
    pub attempts: Vec<scenebox_runtime::Attempt>,
    /// Attempts beyond the first.
    pub retries: u32,
    /// Isolate, evaluate, first-frame and per-frame timings (ms).
    #[schema(value_type = Object)]
    pub timings: scenebox_runtime::RenderTimings,
}

/// Renders a stored scene.
#[utoipa::path(post, path = "/scenes/{id}/render", tag = "render", request_body = RenderOptions,
    params(("id" = Uuid, Path, description = "Scene id")),
    responses(
        (status = 200, description = "The frames of the primary model", body = RenderResponse),
        (status = 400, description = "Unreadable body, id, model or frames", body = ErrorResponse),
        (status = 404, description = "No such scene", body = ErrorResponse),
        (status = 422, description = "The scene does not compile or its render failed (kind, TSX line:column)", body = ErrorResponse),
        (status = 429, description = "The render queue is full; retry after `Retry-After` seconds", body = ErrorResponse),
        (status = 503, description = "Shutting down, database unavailable or request timed out", body = ErrorResponse),
    ))]
pub async fn render_scene(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(options): ApiJson<RenderOptions>,
) -> Result<axum::Json<RenderResponse>, ApiError> {
    let record = state
        .store()
        .get_scene(id)
        .await?
        .ok_or_else(|| ApiError::scene_not_found(id))?;
    let scene = id.to_string();
    let compiled = compile(&state, &scene, record.tsx_code, Some(id)).await?;
    let duration = u32::try_from(record.duration).unwrap_or(150);
    let props = options
        .props
        .clone()
        .or(record.props)
        .unwrap_or_else(|| Value::Object(Default::default()));
    let target = Target {
        scene_id: Some(id),
        project_id: Some(record.project_id),
        param_stored: record.param_js_code.is_some(),
    };
    run(&state, target, scene, compiled, duration, props, options).await
}

/// Renders an ad-hoc TSX scene; nothing is stored (execution events are still recorded).
#[utoipa::path(post, path = "/render", tag = "render", request_body = AdHocRender,
    responses(
        (status = 200, description = "The frames of the primary model", body = RenderResponse),
        (status = 400, description = "Unreadable body, model or frames", body = ErrorResponse),
        (status = 413, description = "Body too large", body = ErrorResponse),
        (status = 422, description = "The TSX does not compile or its render failed (kind, TSX line:column)", body = ErrorResponse),
        (status = 429, description = "The render queue is full; retry after `Retry-After` seconds", body = ErrorResponse),
        (status = 503, description = "Shutting down or request timed out", body = ErrorResponse),
    ))]
pub async fn render_adhoc(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<AdHocRender>,
) -> Result<axum::Json<RenderResponse>, ApiError> {
    let scene = body.name.clone().unwrap_or_else(|| "adhoc".to_string());
    let compiled = compile(&state, &scene, body.tsx, None).await?;
    let props = body
        .props
        .clone()
        .unwrap_or_else(|| Value::Object(Default::default()));
    let options = RenderOptions {
        model: body.model,
        frames: body.frames,
        video: body.video,
        props: body.props,
        output: body.output,
        seed: body.seed,
    };
    let target = Target {
        scene_id: None,
        project_id: None,
        param_stored: true,
    };
    run(&state, target, scene, compiled, 150, props, options).await
}

/// What is being rendered, as far as mode resolution and fallback care.
pub(crate) struct Target {
    /// The stored scene, if it is one.
    pub scene_id: Option<Uuid>,
    /// Its project.
    pub project_id: Option<Uuid>,
    /// Whether the parameterized artifact exists (stored scenes written while
    /// `artifact_versioning` was off have none).
    pub param_stored: bool,
}

/// Compiles through the store's content-hash-cached compiler, off the async threads.
pub(crate) async fn compile(
    state: &AppState,
    scene: &str,
    tsx: String,
    scene_id: Option<Uuid>,
) -> Result<Arc<CompiledScene>, ApiError> {
    let compiler = Arc::clone(state.store().compiler());
    let name = scene.to_string();
    tokio::task::spawn_blocking(move || compiler.compile(&name, &tsx))
        .await
        .map_err(|e| {
            ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "Internal",
                e.to_string(),
            )
        })?
        .map_err(|error| ApiError::compile(&error, scene_id))
}

async fn run(
    state: &AppState,
    target: Target,
    scene: String,
    compiled: Arc<CompiledScene>,
    default_duration: u32,
    props: Value,
    options: RenderOptions,
) -> Result<axum::Json<RenderResponse>, ApiError> {
    let scene_id = target.scene_id;
    let plan = plan(
        state,
        target.project_id,
        options.model.as_deref(),
        options.video.clone(),
        options.frames.clone(),
        default_duration,
    )
    .await?;
    if !props.is_object() {
        return Err(ApiError::bad_request("`props` must be a JSON object"));
    }
    if plan.frames.len() > state.config().max_frames_per_request {
        return Err(ApiError::bad_request(format!(
            "{} frames requested; at most {} per request",
            plan.frames.len(),
            state.config().max_frames_per_request
        )));
    }
    let mode = plan.mode;
    let job = RenderJob {
        seed: options.seed.or_else(|| Some(scene.clone())),
        scene: scene.clone(),
        compiled,
        model: mode.primary(),
        video: plan.video,
        props,
        frames: plan.frames,
    };
    let execution = execute(state, &target, job, mode).await?;
    let retries = execution.outcome.retries();
    let rendered = execution
        .outcome
        .result
        .map_err(|error| ApiError::render(&error, scene_id))?;
    let trees = options.output == Output::Trees;
    Ok(axum::Json(RenderResponse {
        scene_id,
        mode: mode.as_str().to_string(),
        model: execution.model.as_str().to_string(),
        fallback: execution.fallback.is_some(),
        param_error: execution
            .fallback
            .map(|fallback| ApiError::render(&fallback.param_error, scene_id).body),
        frames: rendered
            .frames
            .into_iter()
            .map(|frame| FrameView {
                frame: frame.frame,
                hash: frame.hash,
                tree: trees.then_some(frame.tree),
            })
            .collect(),
        warnings: rendered.warnings,
        media: rendered.media,
        fonts: rendered.fonts,
        attempts: execution.outcome.attempts,
        retries,
        timings: rendered.timings,
    }))
}

/// A request resolved against the switches and defaults: the execution mode, the composition
/// and the frames.
pub(crate) struct Plan {
    /// The execution mode.
    pub mode: ExecutionMode,
    /// The composition.
    pub video: VideoConfig,
    /// The frames, in request order (never empty).
    pub frames: Vec<u32>,
}

/// Resolves the execution mode (request, then the project's and the global `execution_model`
/// switch, the server's default, `SCENE_EXECUTION_MODEL`, Phase 1), the composition and the
/// frames of a request.
pub(crate) async fn plan(
    state: &AppState,
    project_id: Option<Uuid>,
    model: Option<&str>,
    video: Option<VideoOptions>,
    frames: Option<Frames>,
    default_duration: u32,
) -> Result<Plan, ApiError> {
    let flags = state.flags().get().await?;
    let parse = |name: &str, source: &str| {
        name.parse::<ExecutionMode>()
            .map_err(|e| ApiError::bad_request(format!("{source}: {e}")))
    };
    let requested = model.map(|m| parse(m, "model")).transpose()?;
    let flagged = flags
        .execution_model_for(project_id)
        .map(|m| parse(m, "the execution_model flag"))
        .transpose()?;
    let mode = ExecutionMode::resolve(requested.or(flagged).or(state.config().default_mode), None)
        .map_err(|e| ApiError::bad_request(format!("{}: {e}", ExecutionMode::ENV)))?;
    let video = video_config(video.unwrap_or_default(), default_duration)?;
    let frames = match frames {
        None => FrameSelection::All,
        Some(Frames::Selection(text)) => text.parse().map_err(ApiError::bad_request)?,
        Some(Frames::List(list)) => FrameSelection::List(list),
    }
    .resolve_some(video.duration_in_frames)
    .map_err(|e| ApiError::bad_request(e.to_string()))?;
    Ok(Plan {
        mode,
        video,
        frames,
    })
}

/// Runs `job` under `mode` on the pool (falling back to Phase 1 at once when the parameterized
/// artifact is missing and the mode allows it) and records the request's events when the
/// `metrics` switch is on. The render's own failure is in the returned outcome.
pub(crate) async fn execute(
    state: &AppState,
    target: &Target,
    job: RenderJob,
    mode: ExecutionMode,
) -> Result<Execution, ApiError> {
    let scene_id = target.scene_id;
    let pool_error = |e: scenebox_runtime::PoolError| ApiError::pool(&e).for_scene(scene_id);
    let execution = match mode {
        ExecutionMode::Param | ExecutionMode::ParamWithFallback if !target.param_stored => {
            let missing = RenderError::new(
                &job.scene,
                ErrorKind::Compile,
                "the scene has no parameterized artifact (compilation_version 2): it was written \
                 while artifact_versioning was off; edit it or backfill it with the switch on",
            );
            if mode == ExecutionMode::Param {
                return Err(ApiError::render(&missing, scene_id));
            }
            state
                .runner()
                .fall_back(job, missing, Vec::new())
                .await
                .map_err(pool_error)?
        }
        _ => state.runner().run(job, mode).await.map_err(pool_error)?,
    };
    if state.flags().get().await?.metrics {
        for event in request_events(scene_id, &execution) {
            state.store().record_event(&event).await?;
        }
    }
    Ok(execution)
}

fn video_config(options: VideoOptions, default_duration: u32) -> Result<VideoConfig, ApiError> {
    let defaults = VideoConfig::default();
    let video = VideoConfig {
        width: options.width.unwrap_or(defaults.width),
        height: options.height.unwrap_or(defaults.height),
        fps: options.fps.unwrap_or(defaults.fps),
        duration_in_frames: options.duration_in_frames.unwrap_or(default_duration),
    };
    video
        .check()
        .map_err(|e| ApiError::bad_request(format!("video settings out of range: {e}")))?;
    Ok(video)
}
