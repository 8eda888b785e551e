//! A pool of isolate workers: `JsRuntime` is not `Send`, so each worker thread runs whole
//! scene jobs (a fresh isolate each) taken from one bounded queue. A full queue is reported,
//! never grown.

use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use scenebox_compile::CompiledScene;
use serde_json::Value;
use tokio::sync::oneshot;

use crate::config::{Model, RuntimeConfig, VideoConfig};
use crate::isolate::SceneIsolate;
use crate::render::{render_prepared, RenderOutcome, RenderRequest};

/// An owned render job for the pool.
#[derive(Debug, Clone)]
pub struct RenderJob {
    /// The scene's name or id.
    pub scene: String,
    /// Its compiled artifacts.
    pub compiled: Arc<CompiledScene>,
    /// Which artifact to run.
    pub model: Model,
    /// Composition settings.
    pub video: VideoConfig,
    /// Component props.
    pub props: Value,
    /// Frames to render.
    pub frames: Vec<u32>,
    /// Random seed (default: the scene name).
    pub seed: Option<String>,
}

/// Why the pool did not take a job.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PoolError {
    /// Every worker is busy and the queue is full: try again later.
    #[error("the render queue is full ({0} jobs waiting)")]
    QueueFull(usize),
    /// The pool is shutting down.
    #[error("the render pool has shut down")]
    ShutDown,
}

struct Task {
    job: RenderJob,
    reply: oneshot::Sender<RenderOutcome>,
}

/// Worker threads rendering jobs from a bounded queue.
pub struct IsolatePool {
    sender: Option<SyncSender<Task>>,
    workers: Vec<JoinHandle<()>>,
    capacity: usize,
}

impl IsolatePool {
    /// `workers` threads (at least one) and a queue of at most `queue` waiting jobs.
    pub fn new(config: RuntimeConfig, workers: usize, queue: usize) -> Self {
        let (sender, receiver) = mpsc::sync_channel::<Task>(queue);
        let receiver = Arc::new(Mutex::new(receiver));
        let config = Arc::new(config);
        let workers = (0..workers.max(1))
            .map(|index| {
                let receiver = receiver.clone();
                let config = config.clone();
                std::thread::Builder::new()
                    .name(format!("scenebox-isolate-{index}"))
                    .stack_size(16 * 1024 * 1024)
                    .spawn(move || work(&config, &receiver))
                    .expect("spawning an isolate worker")
            })
            .collect();
        Self {
            sender: Some(sender),
            workers,
            capacity: queue,
        }
    }

    /// A pool sized to the machine's cores with a queue of four jobs per worker.
    pub fn with_available_parallelism(config: RuntimeConfig) -> Self {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        Self::new(config, cores, cores * 4)
    }

    /// Queues `job`; the receiver yields its outcome. Fails at once when the queue is full.
    pub fn submit(&self, job: RenderJob) -> Result<oneshot::Receiver<RenderOutcome>, PoolError> {
        let sender = self.sender.as_ref().ok_or(PoolError::ShutDown)?;
        let (reply, receiver) = oneshot::channel();
        match sender.try_send(Task { job, reply }) {
            Ok(()) => Ok(receiver),
            Err(TrySendError::Full(_)) => Err(PoolError::QueueFull(self.capacity)),
            Err(TrySendError::Disconnected(_)) => Err(PoolError::ShutDown),
        }
    }

    /// Queues `job`, waiting for room, and blocks until it is rendered.
    pub fn render_blocking(&self, job: RenderJob) -> Result<RenderOutcome, PoolError> {
        let sender = self.sender.as_ref().ok_or(PoolError::ShutDown)?;
        let (reply, receiver) = oneshot::channel();
        sender
            .send(Task { job, reply })
            .map_err(|_| PoolError::ShutDown)?;
        receiver.blocking_recv().map_err(|_| PoolError::ShutDown)
    }
}

impl Drop for IsolatePool {
    fn drop(&mut self) {
        self.sender.take();
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

fn work(config: &RuntimeConfig, receiver: &Mutex<Receiver<Task>>) {
    crate::snapshot::startup_snapshot();
    loop {
        // Make the next job's isolate while waiting for it: a fresh one per job, as always, but
        // its start-up is off the job's critical path.
        let prepared = crate::tokio_context::with_tokio(|| SceneIsolate::new(&config.limits)).ok();
        let task = {
            let receiver = receiver.lock().unwrap_or_else(|p| p.into_inner());
            receiver.recv()
        };
        let Ok(Task { job, reply }) = task else {
            return;
        };
        let request = RenderRequest {
            scene: &job.scene,
            compiled: &job.compiled,
            model: job.model,
            video: job.video,
            props: job.props.clone(),
            frames: job.frames.clone(),
            seed: job.seed.clone(),
        };
        let outcome = render_prepared(config, &request, prepared);
        let _ = reply.send(outcome);
    }
}
