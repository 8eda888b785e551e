//! How a server runs: limits, queue behaviour and the default execution model.

use std::time::Duration;

use scenebox_compare::ExecutionMode;

/// Server settings (the isolate pool and the store are passed in ready-made).
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Largest request body accepted, in bytes (413 above it).
    pub body_limit_bytes: usize,
    /// Time limit of one request; past it the answer is 503 `RequestTimeout`.
    pub request_timeout: Duration,
    /// The execution model of requests that name none and have no `execution_model` flag (the
    /// request, the project's flag and the global flag win over it); `None` reads
    /// `SCENE_EXECUTION_MODEL`, then Phase 1.
    pub default_mode: Option<ExecutionMode>,
    /// How long a shadow run may take before it is recorded as timed out.
    pub shadow_timeout: Duration,
    /// Most frames one render request may ask for.
    pub max_frames_per_request: usize,
    /// How often the rollout switches are re-read from the database.
    pub flags_refresh: Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            body_limit_bytes: 1024 * 1024,
            request_timeout: Duration::from_secs(60),
            default_mode: None,
            shadow_timeout: Duration::from_secs(60),
            max_frames_per_request: 10_000,
            flags_refresh: Duration::from_secs(1),
        }
    }
}
