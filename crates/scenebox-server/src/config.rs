//! How a server runs: limits, queue behaviour and the default execution model.

use std::path::PathBuf;
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
    /// Export jobs (`POST /scenes/{id}/export`).
    pub exports: ExportSettings,
}

/// How this instance runs export jobs. Instances that share a database share the queue; the
/// video files go to `dir`, which instances serving the same clients share too (a mounted
/// volume), so any of them can answer `GET /exports/{id}/file`.
#[derive(Debug, Clone)]
pub struct ExportSettings {
    /// Where finished videos are written.
    pub dir: PathBuf,
    /// Jobs this instance runs at once (0: it queues and serves files but draws nothing).
    pub workers: usize,
    /// Raster threads per job.
    pub raster_threads: usize,
    /// A claim not renewed for this long is taken over by another instance (its worker died).
    pub lease: Duration,
    /// How often an idle worker looks for queued jobs.
    pub poll: Duration,
    /// Claims per job before it is given up as failed.
    pub max_attempts: u32,
    /// The name this instance's workers claim jobs under (default: host name and process id).
    pub instance: String,
    /// Local asset directory (`staticFile`, relative `<Img src>`).
    pub assets_dir: Option<PathBuf>,
    /// Avatar image directory (`scenebox://avatar/<name>`).
    pub avatars_dir: Option<PathBuf>,
}

impl Default for ExportSettings {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("exports"),
            workers: 1,
            raster_threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
            lease: Duration::from_secs(30),
            poll: Duration::from_millis(500),
            max_attempts: 3,
            instance: format!(
                "{}-{}",
                std::env::var("HOSTNAME").unwrap_or_else(|_| "scenebox".into()),
                std::process::id()
            ),
            assets_dir: None,
            avatars_dir: None,
        }
    }
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
            exports: ExportSettings::default(),
        }
    }
}
