//! The router (every route, collected together with its OpenAPI description so the two cannot
//! drift), the layers around it (body limit, request time limit, request metrics) and
//! [`serve`] with graceful shutdown.

use std::future::Future;
use std::time::Instant;

use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tokio::net::TcpListener;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::exports::ExportWorkers;
use crate::routes::{backfill, exports, flags, ops, render, scenes};
use crate::state::AppState;

/// The OpenAPI document's fixed parts; the paths and schemas come from the routes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "scenebox",
        description = "Compile, store and execute LLM-written Remotion scenes server-side in V8. \
Every error answers `{\"error\": {kind, message, scene_id, line, column}}`."
    ),
    tags(
        (name = "scenes", description = "Scenes compiled on write"),
        (name = "render", description = "Executing scenes frame by frame"),
        (name = "exports", description = "Scenes exported to video files by any instance"),
        (name = "backfill", description = "Compiling stored scenes in batches"),
        (name = "rollout", description = "Rollout switches stored in the database"),
        (name = "ops", description = "Probes, metrics and the dashboard"),
    )
)]
struct ApiDoc;

/// The API's routes and their OpenAPI document.
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(scenes::create_scene))
        .routes(routes!(scenes::get_scene, scenes::edit_scene))
        .routes(routes!(render::render_scene))
        .routes(routes!(render::render_adhoc))
        .routes(routes!(exports::create_export))
        .routes(routes!(exports::get_export))
        .routes(routes!(exports::export_file))
        .routes(routes!(
            backfill::start_backfill,
            backfill::backfill_overview
        ))
        .routes(routes!(backfill::backfill_run))
        .routes(routes!(flags::get_flags))
        .routes(routes!(flags::set_flag))
        .routes(routes!(ops::healthz))
        .routes(routes!(ops::readyz))
        .routes(routes!(ops::metrics))
        .routes(routes!(ops::report))
        .split_for_parts()
}

/// The OpenAPI document of the API (what `GET /openapi.json` serves).
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes().1
}

/// The complete application: routes, `/openapi.json`, JSON 404/405s and the layers.
pub fn app(state: AppState) -> Router {
    let (router, api) = routes();
    let document = api.to_pretty_json().unwrap_or_default();
    let body_limit = state.config().body_limit_bytes;
    router
        .route(
            "/openapi.json",
            axum::routing::get(move || async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    document,
                )
            }),
        )
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "NotFound", "no such endpoint") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "MethodNotAllowed",
                "this endpoint does not take that method",
            )
        })
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            limit_and_measure,
        ))
        .with_state(state)
}

/// Applies the per-request time limit and counts requests and their latency by route.
async fn limit_and_measure(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let method = request.method().to_string();
    let started = Instant::now();
    let _in_flight = state.track_request();
    let limit = state.config().request_timeout;
    let response = match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "RequestTimeout",
            format!("the request took longer than {} ms", limit.as_millis()),
        )
        .into_response(),
    };
    let status = response.status().as_u16().to_string();
    metrics::counter!("scenebox_http_requests_total", "route" => route.clone(), "method" => method, "status" => status)
        .increment(1);
    metrics::histogram!("scenebox_http_request_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// Serves `state` on `listener` (and runs its export workers) until `shutdown` resolves; then
/// stops accepting connections, answers `/readyz` with 503, waits for in-flight requests
/// (renders included) to finish and puts the export jobs in hand back in the queue.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let draining = state.clone();
    let workers = ExportWorkers::start(&state);
    let served = axum::serve(listener, app(state))
        .with_graceful_shutdown(async move {
            shutdown.await;
            draining.start_draining();
        })
        .await;
    workers.stop().await;
    served
}
