//! `scenebox-runtime`: executes compiled scenes server-side in sandboxed V8 isolates
//! (deno_core) with real React and Remotion, frame by frame, under either execution model,
//! and returns a deterministic element tree per frame.
//!
//! * [`render`] runs one scene job on the calling thread: a fresh isolate from the start-up
//!   snapshot, the scene evaluated as Phase 1 (`window` globals) or parameterized
//!   (`Remotion`, `Extras`), each frame committed, settled and read as a [`Node`] tree with a
//!   stable hash. Failures are typed [`RenderError`]s mapped to TSX line:column.
//! * [`IsolatePool`] runs jobs on worker threads with a bounded queue, either in this process
//!   or in restartable worker processes ([`serve_worker`]) so that a V8 fatal error costs one
//!   worker, not the service.

mod array_buffer;
mod config;
mod error;
mod frames;
mod isolate;
mod pool;
mod render;
mod snapshot;
mod stack;
mod tree;
mod watchdog;
mod worker_process;

pub use config::{
    HostData, InvalidVideoConfig, Limits, Model, RetryPolicy, RuntimeConfig, VideoConfig,
};
pub use error::{ErrorKind, RenderError};
pub use frames::{FrameSelection, NoFramesSelected};
pub use pool::{IsolatePool, PoolError, RenderJob};
pub use render::{
    render, Attempt, FrameResult, RenderOutcome, RenderRequest, RenderTimings, SceneRender,
};
pub use snapshot::{startup_snapshot, HOST_BUNDLE};
pub use tree::{write_canonical, Node};
pub use worker_process::{serve_worker, WorkerCommand};
