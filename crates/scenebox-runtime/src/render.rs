//! Rendering a scene: one job = a fresh sandboxed isolate, the scene evaluated under one
//! execution model, then each requested frame committed, settled (microtasks, virtual timers,
//! `delayRender`) and read back as an element tree. Failed attempts are retried in a fresh
//! isolate according to the retry policy; every attempt is reported.

use std::time::{Duration, Instant};

use deno_core::v8;
use scenebox_compile::CompiledScene;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config::{Model, RuntimeConfig, VideoConfig};
use crate::error::{ErrorKind, RenderError};
use crate::isolate::{HostFn, JsFailure, SceneIsolate};
use crate::stack::tsx_position;
use crate::tree::Node;
use crate::watchdog::Deadline;

/// What to render.
#[derive(Debug, Clone)]
pub struct RenderRequest<'a> {
    /// The scene's name or id (used in errors and as the default random seed).
    pub scene: &'a str,
    /// The compiled scene (both artifacts and their source maps).
    pub compiled: &'a CompiledScene,
    /// Which artifact to run.
    pub model: Model,
    /// Width, height, fps and duration of the composition.
    pub video: VideoConfig,
    /// Props passed to the scene component.
    pub props: Value,
    /// The frames to render, in order.
    pub frames: Vec<u32>,
    /// Seed for `Math.random` (defaults to the scene name, so both models see the same).
    pub seed: Option<String>,
}

/// One rendered frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameResult {
    /// The frame number.
    pub frame: u32,
    /// `blake3:<hex>` of the tree's canonical JSON.
    pub hash: String,
    /// The element tree.
    pub tree: Node,
}

/// Where the time of a successful attempt went, in milliseconds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RenderTimings {
    /// Creating the isolate from the snapshot.
    pub isolate_ms: f64,
    /// Compiling and evaluating the scene code.
    pub evaluate_ms: f64,
    /// Mounting and rendering the first frame.
    pub first_frame_ms: f64,
    /// Every frame after the first.
    pub frame_ms: Vec<f64>,
    /// The whole attempt.
    pub total_ms: f64,
}

/// A successful render.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SceneRender {
    /// The frames, in request order.
    pub frames: Vec<FrameResult>,
    /// Warnings recorded while running (missing icons, avatars, degraded components, …).
    pub warnings: Vec<Value>,
    /// Media assets (`<Audio>`, `<Video>`) with their timing.
    pub media: Vec<Value>,
    /// Fonts requested with `loadFont`.
    pub fonts: Vec<Value>,
    /// Timings of the successful attempt.
    pub timings: RenderTimings,
}

/// One attempt at a render.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// 1 for the first attempt.
    pub number: u32,
    /// The error class when the attempt failed.
    pub error: Option<ErrorKind>,
    /// Wall time of the attempt.
    pub ms: f64,
}

/// The outcome of a render with its attempts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenderOutcome {
    /// The frames, or the error of the last attempt.
    pub result: Result<SceneRender, RenderError>,
    /// Every attempt made, in order.
    pub attempts: Vec<Attempt>,
}

impl RenderOutcome {
    /// Attempts beyond the first.
    pub fn retries(&self) -> u32 {
        self.attempts.len().saturating_sub(1) as u32
    }
}

/// Renders `request` under `config`, retrying per its policy. Runs on the calling thread.
pub fn render(config: &RuntimeConfig, request: &RenderRequest<'_>) -> RenderOutcome {
    render_prepared(config, request, None, &mut None)
}

/// [`render`] whose first attempt uses `prepared`, an isolate made ahead of time (the pool's
/// workers keep one ready while they wait, so a job does not pay for isolate start). The
/// isolate of a successful attempt is handed back in `spent` instead of being dropped, so the
/// caller can answer first and pay for tearing the isolate down after.
pub(crate) fn render_prepared(
    config: &RuntimeConfig,
    request: &RenderRequest<'_>,
    mut prepared: Option<SceneIsolate>,
    spent: &mut Option<SceneIsolate>,
) -> RenderOutcome {
    // Built once per process; not part of any attempt's timings.
    crate::snapshot::startup_snapshot();
    let mut attempts = Vec::new();
    loop {
        let started = Instant::now();
        let isolate = prepared.take();
        let result = guarded_attempt(config, request, isolate, spent);
        let number = attempts.len() as u32 + 1;
        attempts.push(Attempt {
            number,
            error: result.as_ref().err().map(|e| e.kind),
            ms: started.elapsed().as_secs_f64() * 1000.0,
        });
        let retry = match &result {
            Ok(_) => false,
            Err(error) => {
                number <= config.retry.max_retries
                    && (!config.retry.transient_only || error.kind.is_transient())
            }
        };
        if !retry {
            let outcome = RenderOutcome { result, attempts };
            record_metrics(request.model, &outcome);
            return outcome;
        }
    }
}

/// Live metrics through the `metrics` facade: frames rendered, execution errors by model and
/// class, retries.
fn record_metrics(model: Model, outcome: &RenderOutcome) {
    let model = model.as_str();
    match &outcome.result {
        Ok(render) => metrics::counter!("scenebox_frames_rendered_total", "model" => model).increment(render.frames.len() as u64),
        Err(error) => metrics::counter!("scenebox_execution_errors_total", "model" => model, "class" => error.kind.as_str()).increment(1),
    }
    metrics::counter!("scenebox_execution_retries_total", "model" => model)
        .increment(u64::from(outcome.retries()));
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StepStatus {
    pending_delay_renders: u32,
    ran_timers: u32,
}

#[derive(Deserialize)]
struct TreeOnly {
    tree: Node,
}

#[derive(Deserialize)]
struct FrameRecords {
    tree: Node,
    #[serde(default)]
    warnings: Vec<Value>,
    #[serde(default)]
    media: Vec<Value>,
    #[serde(default)]
    fonts: Vec<Value>,
}

/// The stage a failure happened in, for classification.
#[derive(Clone, Copy)]
enum Stage {
    Compile,
    Evaluate,
    Mount,
    Frame(u32),
}

struct Job<'r, 'a> {
    request: &'r RenderRequest<'a>,
    config: &'r RuntimeConfig,
    isolate: SceneIsolate,
    handle: v8::IsolateHandle,
    scene_deadline: Instant,
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// One attempt; a panic anywhere in it (deno_core, serde, the host) is a `Crashed` attempt,
/// not a crashed process.
fn guarded_attempt(
    config: &RuntimeConfig,
    request: &RenderRequest<'_>,
    prepared: Option<SceneIsolate>,
    spent: &mut Option<SceneIsolate>,
) -> Result<SceneRender, RenderError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        attempt(config, request, prepared, spent)
    }))
    .unwrap_or_else(|panic| {
        let detail = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Err(RenderError::new(
            request.scene,
            ErrorKind::Crashed,
            format!("the isolate crashed: {detail}"),
        ))
    })
}

/// One attempt on `prepared` (or a new isolate); on success the isolate goes to `spent`.
fn attempt(
    config: &RuntimeConfig,
    request: &RenderRequest<'_>,
    prepared: Option<SceneIsolate>,
    spent: &mut Option<SceneIsolate>,
) -> Result<SceneRender, RenderError> {
    let started = Instant::now();
    let scene = request.scene;
    let mut isolate = match prepared {
        Some(isolate) => isolate,
        None => SceneIsolate::new(&config.limits)
            .map_err(|e| RenderError::new(scene, ErrorKind::Crashed, e))?,
    };
    let handle = isolate.thread_safe_handle();
    let mut job = Job {
        request,
        config,
        isolate,
        handle,
        scene_deadline: started + config.limits.scene_time,
    };
    let isolate_ms = ms(started);

    let evaluate_started = Instant::now();
    let component = job.evaluate()?;
    let evaluate_ms = ms(evaluate_started);

    let first_started = Instant::now();
    let props = job.value(&request.props)?;
    let video = job.value(&serde_json::json!({
        "width": request.video.width,
        "height": request.video.height,
        "fps": request.video.fps,
        "durationInFrames": request.video.duration_in_frames,
    }))?;
    job.guarded(Stage::Mount, |isolate| {
        isolate.call_host(
            HostFn::Mount,
            &[component.clone(), video.clone(), props.clone()],
        )
    })?;

    let mut frames = Vec::with_capacity(request.frames.len());
    let mut frame_ms = Vec::with_capacity(request.frames.len());
    let mut first_frame_ms = 0.0;
    let mut records = (Vec::new(), Vec::new(), Vec::new());
    for (index, &frame) in request.frames.iter().enumerate() {
        let frame_started = Instant::now();
        let last = index + 1 == request.frames.len();
        let (tree, extra) = job.render_frame(frame, last)?;
        if let Some(extra) = extra {
            records = extra;
        }
        frames.push(FrameResult {
            frame,
            hash: tree.hash(),
            tree,
        });
        if index == 0 {
            first_frame_ms = ms(first_started);
        } else {
            frame_ms.push(ms(frame_started));
        }
    }
    if request.frames.is_empty() {
        first_frame_ms = ms(first_started);
    }
    let (warnings, media, fonts) = records;
    let total_ms = ms(started);
    *spent = Some(job.isolate);
    Ok(SceneRender {
        frames,
        warnings,
        media,
        fonts,
        timings: RenderTimings {
            isolate_ms,
            evaluate_ms,
            first_frame_ms,
            frame_ms,
            total_ms,
        },
    })
}

type Records = (Vec<Value>, Vec<Value>, Vec<Value>);

impl Job<'_, '_> {
    fn scene(&self) -> &str {
        self.request.scene
    }

    fn value<T: Serialize>(&mut self, value: &T) -> Result<v8::Global<v8::Value>, RenderError> {
        self.isolate.value_to_js(value).map_err(|e| {
            RenderError::new(
                self.request.scene,
                ErrorKind::Crashed,
                format!("passing a value to JS failed: {e}"),
            )
        })
    }

    /// Runs `f` with the watchdog armed for one stage (frame limit, capped by the scene limit),
    /// classifying a failure.
    fn guarded<T>(
        &mut self,
        stage: Stage,
        f: impl FnOnce(&mut SceneIsolate) -> Result<T, JsFailure>,
    ) -> Result<T, RenderError> {
        let now = Instant::now();
        let frame_deadline = now + self.config.limits.frame_time;
        let deadline = frame_deadline.min(self.scene_deadline);
        let guard = Deadline::arm(self.handle.clone(), deadline);
        let result = f(&mut self.isolate);
        let fired = guard.fired();
        drop(guard);
        // A termination can be swallowed (a microtask checkpoint ends early and returns) and a
        // single huge allocation can succeed past the heap limit: either way the attempt failed.
        let result = match result {
            Ok(_) if fired || self.isolate.out_of_memory() => Err(JsFailure {
                message: "execution terminated".to_string(),
                stack: None,
                terminated: true,
            }),
            other => other,
        };
        result.map_err(|failure| {
            self.classify(stage, failure, fired, frame_deadline <= self.scene_deadline)
        })
    }

    /// Compiles and evaluates the scene code; returns the component.
    fn evaluate(&mut self) -> Result<v8::Global<v8::Value>, RenderError> {
        let limits = serde_json::json!({ "maxNodes": self.config.limits.max_nodes });
        let limits = self.value(&limits)?;
        self.guarded(Stage::Evaluate, |isolate| {
            isolate.call_host(HostFn::SetLimits, &[limits]).map(drop)
        })?;
        let seed = self
            .request
            .seed
            .clone()
            .unwrap_or_else(|| self.request.scene.to_string());
        let seed = self.value(&seed)?;
        self.guarded(Stage::Evaluate, |isolate| {
            isolate
                .call_host(HostFn::InstallDeterminism, &[seed])
                .map(drop)
        })?;
        let host = host_config(&self.config.host);
        let host = self.value(&host)?;
        let extras = self.guarded(Stage::Evaluate, |isolate| {
            isolate.call_host(HostFn::CreateExtras, &[host])
        })?;

        let model = self.request.model;
        let artifact = self.request.compiled.artifact(model.artifact_model());
        let resource = resource_name(model);
        let code = artifact.code.clone();
        match model {
            Model::Param => {
                let function = self.guarded(Stage::Compile, |isolate| {
                    isolate.compile_function(&code, &resource, &["Remotion", "Extras"], None)
                })?;
                self.guarded(Stage::Evaluate, |isolate| {
                    let remotion = isolate.remotion();
                    isolate.call(&function, &[remotion, extras])
                })
            }
            Model::Phase1 => {
                let window = self.guarded(Stage::Evaluate, |isolate| {
                    isolate.call_host(HostFn::CreateWindow, &[extras])
                })?;
                let function = self.guarded(Stage::Compile, |isolate| {
                    isolate.compile_function(&code, &resource, &[], Some(&window))
                })?;
                self.guarded(Stage::Evaluate, |isolate| isolate.call(&function, &[]))
            }
        }
    }

    /// Commits `frame`, lets effects, timers and `delayRender` settle, reads the tree.
    fn render_frame(
        &mut self,
        frame: u32,
        with_records: bool,
    ) -> Result<(Node, Option<Records>), RenderError> {
        let stage = Stage::Frame(frame);
        let frame_value = self.value(&frame)?;
        let max_rounds = self.config.limits.max_settle_rounds;
        let scene = self.scene().to_string();
        let read = self.guarded(stage, |isolate| {
            isolate.call_host(HostFn::RenderFrame, &[frame_value])?;
            let mut settled = false;
            for _ in 0..max_rounds {
                isolate.perform_microtask_checkpoint();
                let status = isolate.call_host(HostFn::Step, &[])?;
                let status: StepStatus = isolate.value_from_js(&status).map_err(|e| JsFailure {
                    message: format!("reading the step status failed: {e}"),
                    stack: None,
                    terminated: false,
                })?;
                if status.ran_timers == 0 && status.pending_delay_renders == 0 {
                    settled = true;
                    break;
                }
            }
            if !settled {
                return Err(JsFailure {
                    message: format!("frame {frame} did not settle after {max_rounds} rounds of timers and microtasks"),
                    stack: None,
                    terminated: true,
                });
            }
            isolate.call_host(HostFn::ReadFrame, &[])
        })?;
        let convert = |e: String| RenderError {
            frame: Some(frame),
            ..RenderError::new(
                &scene,
                ErrorKind::Render,
                format!("reading the element tree failed: {e}"),
            )
        };
        if with_records {
            let records: FrameRecords = self.isolate.json_value(&read).map_err(convert)?;
            Ok((
                records.tree,
                Some((records.warnings, records.media, records.fonts)),
            ))
        } else {
            let tree: TreeOnly = self.isolate.json_value(&read).map_err(convert)?;
            Ok((tree.tree, None))
        }
    }

    fn classify(
        &self,
        stage: Stage,
        failure: JsFailure,
        deadline_fired: bool,
        frame_limit_applied: bool,
    ) -> RenderError {
        let scene = self.scene();
        let frame = match stage {
            Stage::Frame(frame) => Some(frame),
            _ => None,
        };
        let limits = &self.config.limits;
        let (kind, message) = if self.isolate.out_of_memory() {
            (
                ErrorKind::OutOfMemory,
                format!(
                    "the scene exceeded the heap limit of {} MB",
                    limits.heap_bytes / (1024 * 1024)
                ),
            )
        } else if failure.terminated && deadline_fired {
            let limit = if frame_limit_applied {
                format!("the time limit of {} per frame", human(limits.frame_time))
            } else {
                format!("the time limit of {} per scene", human(limits.scene_time))
            };
            (ErrorKind::Timeout, format!("execution exceeded {limit}"))
        } else if failure.terminated
            || (failure.message.contains("delayRender")
                && is_delay_render_timeout(&failure.message))
        {
            // Unsettled frames, and Remotion's own delayRender timeout (virtual time).
            (ErrorKind::Timeout, failure.message.clone())
        } else {
            let kind = match stage {
                Stage::Compile => ErrorKind::Compile,
                Stage::Evaluate => ErrorKind::Evaluate,
                Stage::Mount
                    if failure
                        .message
                        .contains("must evaluate to a React component") =>
                {
                    ErrorKind::NoComponent
                }
                Stage::Mount | Stage::Frame(_) => ErrorKind::Render,
            };
            (kind, failure.message.clone())
        };
        let artifact = self
            .request
            .compiled
            .artifact(self.request.model.artifact_model());
        let position = failure
            .stack
            .as_deref()
            .and_then(|stack| tsx_position(stack, &resource_name(self.request.model), artifact));
        RenderError {
            scene: scene.to_string(),
            kind,
            message,
            frame,
            stack: failure.stack,
            line: position.map(|p| p.0),
            column: position.map(|p| p.1),
        }
    }
}

fn is_delay_render_timeout(message: &str) -> bool {
    let lower = message.to_lowercase();
    lower.contains("timeout")
        || lower.contains("timed out")
        || lower.contains("not cleared")
        || lower.contains("after")
}

fn human(duration: Duration) -> String {
    if duration.as_millis().is_multiple_of(1000) {
        format!("{} s", duration.as_secs())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

/// The script name scene code runs under (what stack traces show).
pub(crate) fn resource_name(model: Model) -> String {
    format!("scenebox:///scene.{}.js", model.as_str())
}

/// `{avatars, iconSets}` for `createExtras`.
fn host_config(host: &crate::config::HostData) -> Value {
    serde_json::json!({
        "avatars": host.avatars,
        "iconSets": host.icon_sets,
    })
}
