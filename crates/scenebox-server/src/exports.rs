//! This instance's export workers. Each worker claims a queued job from the store (or one whose
//! claim went stale because its instance died), computes the frames' element trees on the
//! isolate pool under the job's execution mode, draws and encodes them with
//! `scenebox-raster` into the exports directory, and records the outcome. While it works a
//! heartbeat writes the progress and renews the claim; a heartbeat that finds the claim lost
//! stops the job without writing anything. On shutdown the job in hand goes back to the queue.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use axum::http::StatusCode;
use scenebox_compare::ExecutionMode;
use scenebox_raster::{
    audio_tracks, draw_and_encode, Codec, DrawOptions, ExportError, RasterWarning, VideoError,
    VideoSettings,
};
use scenebox_runtime::{Node, RenderJob, VideoConfig};
use scenebox_store::{ExportJob, ExportOutcome};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use uuid::Uuid;

use crate::config::ExportSettings;
use crate::error::ApiError;
use crate::routes::render::{compile, execute, Target};
use crate::state::AppState;

/// What a job does, resolved when it was queued and stored as its options.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ExportPlan {
    /// The execution mode (`phase1`, `param`, …).
    pub mode: String,
    /// The composition.
    pub video: VideoConfig,
    /// The frames, in video order.
    pub frames: Vec<u32>,
    /// Component props.
    pub props: Value,
    /// Random seed (default: the scene id).
    pub seed: Option<String>,
    /// `h264`, `vp9` or `prores`.
    pub codec: String,
    /// Constant rate factor.
    pub crf: Option<u32>,
}

/// The running export workers of an instance.
pub struct ExportWorkers {
    stop: watch::Sender<bool>,
    handles: Vec<JoinHandle<()>>,
}

impl ExportWorkers {
    /// Starts `state.config().exports.workers` workers (none when it is 0).
    pub fn start(state: &AppState) -> Self {
        let (stop, _) = watch::channel(false);
        let settings = &state.config().exports;
        let handles = (0..settings.workers)
            .map(|n| {
                let worker_id = format!("{}/{n}", settings.instance);
                tokio::spawn(work(state.clone(), worker_id, stop.subscribe()))
            })
            .collect();
        Self { stop, handles }
    }

    /// Stops claiming, puts the jobs in hand back in the queue and waits for the workers.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        for handle in self.handles {
            let _ = handle.await;
        }
    }
}

/// One worker: claim, run, repeat until stopped.
async fn work(state: AppState, worker_id: String, mut stop: watch::Receiver<bool>) {
    let settings = state.config().exports.clone();
    if let Err(error) = tokio::fs::create_dir_all(&settings.dir).await {
        eprintln!(
            "scenebox serve: exports directory {}: {error}; export worker {worker_id} not started",
            settings.dir.display()
        );
        return;
    }
    let wake = state.export_wake();
    while !*stop.borrow() {
        let claimed = state
            .store()
            .claim_export(&worker_id, settings.lease, settings.max_attempts)
            .await;
        match claimed {
            // There may be more queued work: look again at once.
            Ok(Some(job)) => {
                run_job(&state, &settings, &worker_id, job, &stop).await;
                continue;
            }
            Ok(None) => {}
            Err(error) => eprintln!("scenebox serve: claiming an export job: {error}"),
        }
        tokio::select! {
            _ = stop.changed() => {}
            () = wake.notified() => {}
            () = tokio::time::sleep(settings.poll) => {}
        }
    }
}

/// How an attempt ended without an outcome to write.
enum Interrupted {
    /// This instance is shutting down: the job goes back to the queue.
    Shutdown,
    /// Another instance took the job over: nothing is written.
    LostClaim,
}

async fn run_job(
    state: &AppState,
    settings: &ExportSettings,
    worker_id: &str,
    job: ExportJob,
    stop: &watch::Receiver<bool>,
) {
    let done = Arc::new(AtomicUsize::new(0));
    let lost = Arc::new(AtomicBool::new(false));
    let heartbeat = tokio::spawn(heartbeat(
        state.clone(),
        job.id,
        worker_id.to_string(),
        settings.lease,
        done.clone(),
        lost.clone(),
    ));
    let started = std::time::Instant::now();
    let result = export(state, settings, &job, done, lost, stop.clone()).await;
    heartbeat.abort();
    let store = state.store();
    let written = match result {
        Ok(outcome) => {
            let label = match &outcome {
                ExportOutcome::Done { .. } => "done",
                ExportOutcome::Failed { .. } => "failed",
            };
            metrics::counter!("scenebox_exports_total", "outcome" => label).increment(1);
            if label == "done" {
                metrics::histogram!("scenebox_export_frames_per_second").record(
                    f64::from(job.frames_total) / started.elapsed().as_secs_f64().max(1e-9),
                );
            }
            let finished = store.finish_export(job.id, worker_id, &outcome).await;
            if let (Ok(true), ExportOutcome::Done { output_file, .. }) = (&finished, &outcome) {
                // Still ours: nobody else is writing this job, so what earlier attempts left
                // behind can go.
                remove_partial_files(&settings.dir, output_file);
            }
            finished
        }
        Err(Interrupted::Shutdown) => store.release_export(job.id, worker_id).await,
        Err(Interrupted::LostClaim) => Ok(false),
    };
    if let Err(error) = written {
        eprintln!("scenebox serve: export {}: {error}", job.id);
    }
}

/// Writes the progress and renews the claim every third of the lease (at least every 500 ms,
/// so `GET /exports/{id}` stays current); sets `lost` when the claim is gone.
async fn heartbeat(
    state: AppState,
    id: Uuid,
    worker_id: String,
    lease: std::time::Duration,
    done: Arc<AtomicUsize>,
    lost: Arc<AtomicBool>,
) {
    let every = (lease / 3).min(std::time::Duration::from_millis(500));
    loop {
        tokio::time::sleep(every).await;
        let frames = u32::try_from(done.load(Ordering::SeqCst)).unwrap_or(u32::MAX);
        match state.store().export_progress(id, &worker_id, frames).await {
            Ok(true) => {}
            Ok(false) => {
                lost.store(true, Ordering::SeqCst);
                return;
            }
            // A database hiccup: the next beat tries again; a long outage loses the lease.
            Err(error) => eprintln!("scenebox serve: export {id} progress: {error}"),
        }
    }
}

/// Runs one attempt of `job` to an outcome (or an interruption).
async fn export(
    state: &AppState,
    settings: &ExportSettings,
    job: &ExportJob,
    done: Arc<AtomicUsize>,
    lost: Arc<AtomicBool>,
    stop: watch::Receiver<bool>,
) -> Result<ExportOutcome, Interrupted> {
    let scene_id = Some(job.scene_id);
    let failed = |error: ApiError, warnings: &[RasterWarning]| {
        Ok(ExportOutcome::Failed {
            error: serde_json::to_value(error.for_scene(scene_id).body).unwrap_or(Value::Null),
            warnings: serde_json::to_value(warnings).unwrap_or(Value::Null),
        })
    };
    let plan: ExportPlan = match serde_json::from_value(job.options.clone()) {
        Ok(plan) => plan,
        Err(e) => return failed(internal(format!("unreadable job options: {e}")), &[]),
    };
    let (Ok(mode), Ok(codec)) = (
        plan.mode.parse::<ExecutionMode>(),
        plan.codec.parse::<Codec>(),
    ) else {
        return failed(internal("unreadable mode or codec in the job options"), &[]);
    };
    let record = match state.store().get_scene(job.scene_id).await {
        Ok(Some(record)) => record,
        Ok(None) => return failed(ApiError::scene_not_found(job.scene_id), &[]),
        Err(error) => return failed(error.into(), &[]),
    };
    let scene = job.scene_id.to_string();
    let compiled = match compile(state, &scene, record.tsx_code, scene_id).await {
        Ok(compiled) => compiled,
        Err(error) => return failed(error, &[]),
    };
    let video = plan.video;
    let render = RenderJob {
        seed: plan.seed.clone().or_else(|| Some(scene.clone())),
        scene: scene.clone(),
        compiled,
        model: mode.primary(),
        video,
        props: plan.props.clone(),
        frames: plan.frames.clone(),
    };
    let target = Target {
        scene_id,
        project_id: Some(record.project_id),
        param_stored: record.param_js_code.is_some(),
    };
    let execution = match execute(state, &target, render, mode).await {
        Ok(execution) => execution,
        Err(error) => return failed(error, &[]),
    };
    let rendered = match execution.outcome.result {
        Ok(rendered) => rendered,
        Err(error) => return failed(ApiError::render(&error, scene_id), &[]),
    };
    if *stop.borrow() {
        return Err(Interrupted::Shutdown);
    }
    if lost.load(Ordering::SeqCst) {
        return Err(Interrupted::LostClaim);
    }
    let mut warnings = Vec::new();
    let audio = audio_tracks(
        &rendered.media,
        video.fps,
        settings.assets_dir.as_deref(),
        &mut warnings,
    );
    let video_settings = VideoSettings {
        width: video.width,
        height: video.height,
        fps: video.fps,
        codec,
        crf: plan.crf,
        frames: rendered.frames.len(),
        audio,
    };
    let trees: Vec<(u32, Node)> = rendered
        .frames
        .into_iter()
        .map(|frame| (frame.frame, frame.tree))
        .collect();
    let file_name = format!("{}.{}", job.id, codec.extension());
    let output = settings.dir.join(&file_name);
    let options = DrawOptions {
        jobs: settings.raster_threads,
        assets_dir: settings.assets_dir.clone(),
        avatars: settings.avatars_dir.clone(),
    };
    let (lost_flag, stop_flag) = (lost.clone(), stop.clone());
    let drawn = tokio::task::spawn_blocking(move || {
        draw_and_encode(&trees, &video_settings, &output, &options, &mut |written| {
            done.store(written, Ordering::SeqCst);
            !lost_flag.load(Ordering::SeqCst) && !*stop_flag.borrow()
        })
    })
    .await;
    let drawn = match drawn {
        Ok(drawn) => drawn,
        Err(e) => return failed(internal(format!("the raster task failed: {e}")), &warnings),
    };
    match drawn {
        Ok(found) => {
            warnings.extend(found);
            let output_bytes = std::fs::metadata(settings.dir.join(&file_name))
                .map(|m| m.len())
                .unwrap_or(0);
            Ok(ExportOutcome::Done {
                output_file: file_name,
                output_bytes,
                warnings: serde_json::to_value(&warnings).unwrap_or(Value::Null),
            })
        }
        Err(ExportError::Stopped { .. }) if lost.load(Ordering::SeqCst) => {
            Err(Interrupted::LostClaim)
        }
        Err(ExportError::Stopped { .. }) => Err(Interrupted::Shutdown),
        Err(ExportError::Frame { frame, error }) => {
            let mut api = ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Raster",
                error.to_string(),
            );
            api.body.frame = Some(frame);
            failed(api, &warnings)
        }
        Err(ExportError::Video(error)) => {
            let kind = match error {
                VideoError::FfmpegMissing => "FfmpegMissing",
                _ => "Encode",
            };
            failed(
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, kind, error.to_string()),
                &warnings,
            )
        }
    }
}

fn internal(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal", message)
}

/// Removes what earlier attempts of this job left behind (an encoder's temporary file, named
/// `.<file>.partial-<pid>`, from an instance that was killed mid-job).
fn remove_partial_files(dir: &Path, file_name: &str) {
    let prefix = format!(".{file_name}.partial-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
