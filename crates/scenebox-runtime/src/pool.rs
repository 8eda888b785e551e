//! A pool of isolate workers: a V8 isolate is not `Send`, so each worker thread runs whole
//! scene jobs (a fresh isolate each) taken from one bounded queue — in this process, or in a
//! restartable worker process of its own. A full queue is reported, never grown.

use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use scenebox_compile::CompiledScene;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::oneshot;

use crate::config::{Model, RuntimeConfig, VideoConfig};
use crate::isolate::SceneIsolate;
use crate::render::{render_prepared, RenderOutcome, RenderRequest};
use crate::worker_process::{render_in_worker, ChildWorker, WorkerCommand};

/// An owned render job for the pool.
#[derive(Debug, Clone, Serialize, Deserialize)]
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

/// Worker threads rendering jobs from a bounded queue: each runs isolates itself, or drives
/// one worker process that does ([`IsolatePool::with_worker_processes`]).
pub struct IsolatePool {
    sender: Option<SyncSender<Task>>,
    workers: Vec<JoinHandle<()>>,
    capacity: usize,
    pids: Arc<Mutex<Vec<Option<u32>>>>,
}

impl IsolatePool {
    /// `workers` threads (at least one) running isolates in this process, and a queue of at
    /// most `queue` waiting jobs.
    pub fn new(config: RuntimeConfig, workers: usize, queue: usize) -> Self {
        Self::start(config, workers, queue, None)
    }

    /// `workers` worker processes started with `command` (which must call
    /// [`serve_worker`](crate::serve_worker)), each driven by a thread of this pool, and a queue
    /// of at most `queue` waiting jobs. A worker that dies mid-job makes that attempt `Crashed`
    /// (retried under the retry policy) and is replaced.
    pub fn with_worker_processes(
        config: RuntimeConfig,
        workers: usize,
        queue: usize,
        command: WorkerCommand,
    ) -> Self {
        Self::start(config, workers, queue, Some(command))
    }

    fn start(
        config: RuntimeConfig,
        workers: usize,
        queue: usize,
        command: Option<WorkerCommand>,
    ) -> Self {
        let (sender, receiver) = mpsc::sync_channel::<Task>(queue);
        let receiver = Arc::new(Mutex::new(receiver));
        let config = Arc::new(config);
        let pids = Arc::new(Mutex::new(vec![None; workers.max(1)]));
        let workers = (0..workers.max(1))
            .map(|index| {
                let receiver = receiver.clone();
                let config = config.clone();
                let command = command.clone();
                let pids = pids.clone();
                std::thread::Builder::new()
                    .name(format!("scenebox-isolate-{index}"))
                    .stack_size(16 * 1024 * 1024)
                    .spawn(move || match command {
                        None => work(&config, &receiver),
                        Some(command) => drive_process(&config, &receiver, &command, &pids, index),
                    })
                    .expect("spawning an isolate worker")
            })
            .collect();
        Self {
            sender: Some(sender),
            workers,
            capacity: queue,
            pids,
        }
    }

    /// The process ids of the worker processes running right now (empty for an in-process
    /// pool).
    pub fn worker_pids(&self) -> Vec<u32> {
        self.pids
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .flatten()
            .copied()
            .collect()
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

/// A thread of a process-backed pool: hands each job to its worker process.
fn drive_process(
    config: &RuntimeConfig,
    receiver: &Mutex<Receiver<Task>>,
    command: &WorkerCommand,
    pids: &Mutex<Vec<Option<u32>>>,
    index: usize,
) {
    // Start the worker before the first job, so its start-up is off the job's path.
    let mut slot = ChildWorker::spawn(command, config).ok();
    let publish = |slot: &Option<ChildWorker>| {
        pids.lock().unwrap_or_else(|p| p.into_inner())[index] = slot.as_ref().map(ChildWorker::pid);
    };
    publish(&slot);
    loop {
        let task = {
            let receiver = receiver.lock().unwrap_or_else(|p| p.into_inner());
            receiver.recv()
        };
        let Ok(Task { job, reply }) = task else {
            if let Some(worker) = slot.take() {
                worker.finish();
            }
            publish(&slot);
            return;
        };
        let outcome = render_in_worker(&mut slot, command, config, &job);
        if slot.is_none() {
            slot = ChildWorker::spawn(command, config).ok();
        }
        publish(&slot);
        let _ = reply.send(outcome);
    }
}

fn work(config: &RuntimeConfig, receiver: &Mutex<Receiver<Task>>) {
    crate::snapshot::startup_snapshot();
    loop {
        // Make the next job's isolate while waiting for it: a fresh one per job, as always, but
        // its start-up is off the job's critical path.
        let prepared = SceneIsolate::new(&config.limits).ok();
        let task = {
            let receiver = receiver.lock().unwrap_or_else(|p| p.into_inner());
            receiver.recv()
        };
        let Ok(Task { job, reply }) = task else {
            return;
        };
        let mut spent = None;
        let outcome = render_job(config, &job, prepared, &mut spent);
        let _ = reply.send(outcome);
        // Torn down after the answer, off the job's critical path.
        drop(spent);
    }
}

/// Renders an owned `job` as [`render_prepared`] does, in this thread (the in-process pool's
/// workers and the worker processes both run jobs through here); the isolate of a successful
/// attempt comes back in `spent` for the caller to drop once it has answered.
pub(crate) fn render_job(
    config: &RuntimeConfig,
    job: &RenderJob,
    prepared: Option<SceneIsolate>,
    spent: &mut Option<SceneIsolate>,
) -> RenderOutcome {
    let request = RenderRequest {
        scene: &job.scene,
        compiled: &job.compiled,
        model: job.model,
        video: job.video,
        props: job.props.clone(),
        frames: job.frames.clone(),
        seed: job.seed.clone(),
    };
    render_prepared(config, &request, prepared, spent)
}
