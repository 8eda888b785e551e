//! The API's one error shape, `{"error": {kind, message, scene_id, line, column}}`, and how each
//! library error maps onto it and onto an HTTP status.

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use scenebox_compile::CompileError;
use scenebox_runtime::{ErrorKind, PoolError, RenderError};
use scenebox_store::StoreError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ErrorResponse {
    /// What went wrong.
    pub error: ErrorBody,
}

/// What went wrong, where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// A stable class: `BadRequest`, `NotFound`, `PayloadTooLarge`, `QueueFull`,
    /// `RequestTimeout`, `Unavailable`, `Database`, `Internal`, a compile error kind (`Syntax`,
    /// `UnknownImport`, …) or a render error kind (`Evaluate`, `Render`, `Timeout`, …).
    pub kind: String,
    /// A sentence for people.
    pub message: String,
    /// The scene concerned, when there is one.
    pub scene_id: Option<Uuid>,
    /// 1-based TSX line, when the error has a place.
    pub line: Option<u32>,
    /// 1-based TSX column, when the error has a place.
    pub column: Option<u32>,
    /// The frame being rendered, for render errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frame: Option<u32>,
}

/// An error response: a status and an [`ErrorBody`] (plus `Retry-After` for a full queue).
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The body.
    pub body: ErrorBody,
    /// Seconds for `Retry-After`.
    pub retry_after: Option<u32>,
}

impl ApiError {
    /// An error without a place.
    pub fn new(status: StatusCode, kind: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorBody {
                kind: kind.to_string(),
                message: message.into(),
                scene_id: None,
                line: None,
                column: None,
                frame: None,
            },
            retry_after: None,
        }
    }

    /// 400 `BadRequest`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "BadRequest", message)
    }

    /// 404 `NotFound` for a scene id.
    pub fn scene_not_found(id: Uuid) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("scene {id} not found"),
        )
        .for_scene(Some(id))
    }

    /// This error, about `scene_id`.
    pub fn for_scene(mut self, scene_id: Option<Uuid>) -> Self {
        self.body.scene_id = scene_id;
        self
    }

    /// 422 with the compile error's kind and TSX place.
    pub fn compile(error: &CompileError, scene_id: Option<Uuid>) -> Self {
        let mut api = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("{:?}", error.kind),
            error.message.clone(),
        )
        .for_scene(scene_id);
        api.body.line = Some(error.line);
        api.body.column = Some(error.column);
        api
    }

    /// A failed render: 422 for what the scene did (its code threw, ran too long, used too
    /// much memory), 500 when the isolate crashed.
    pub fn render(error: &RenderError, scene_id: Option<Uuid>) -> Self {
        let status = match error.kind {
            ErrorKind::Crashed => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        let mut api =
            Self::new(status, error.kind.as_str(), error.message.clone()).for_scene(scene_id);
        api.body.line = error.line;
        api.body.column = error.column;
        api.body.frame = error.frame;
        api
    }

    /// 429 with `Retry-After` when the render queue is full; 503 when the pool is shutting down.
    pub fn pool(error: &PoolError) -> Self {
        match error {
            PoolError::QueueFull(_) => Self {
                retry_after: Some(1),
                ..Self::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "QueueFull",
                    error.to_string(),
                )
            },
            PoolError::ShutDown => Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "Unavailable",
                error.to_string(),
            ),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound(id) => Self::scene_not_found(id),
            StoreError::Flag(message) => Self::new(StatusCode::BAD_REQUEST, "BadRequest", message),
            StoreError::FlagOrder(message) => Self::new(StatusCode::CONFLICT, "FlagOrder", message),
            StoreError::Database(_) | StoreError::Migrate(_) => Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "Database",
                error.to_string(),
            ),
            other => Self::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Internal",
                other.to_string(),
            ),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let status = rejection.status();
        let kind = match status {
            StatusCode::PAYLOAD_TOO_LARGE => "PayloadTooLarge",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "UnsupportedMediaType",
            _ => "BadRequest",
        };
        // 422 for well-formed JSON of the wrong shape is axum's; this API says 400 for any
        // body it cannot read, and keeps 422 for scenes that do not compile or render.
        let status = if status == StatusCode::UNPROCESSABLE_ENTITY {
            StatusCode::BAD_REQUEST
        } else {
            status
        };
        Self::new(status, kind, rejection.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        Self::bad_request(rejection.body_text())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        metrics::counter!("scenebox_http_errors_total", "kind" => self.body.kind.clone())
            .increment(1);
        let mut response = (self.status, Json(ErrorResponse { error: self.body })).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
