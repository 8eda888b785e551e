//! Running a request under an execution mode on the isolate pool.
//!
//! * Shadow mode: the primary model's result goes back to the caller; the other model runs
//!   beside it, and its outcome is compared and handed to a sink (the store records it). The
//!   secondary never delays or fails the primary: if the pool is full it is skipped, and it is
//!   never awaited by the caller.
//! * `param_with_fallback`: the parameterized model answers unless it fails; then Phase 1 runs
//!   for the same request and its frames are returned with the fallback attached.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use scenebox_runtime::{
    Attempt, IsolatePool, Model, PoolError, RenderError, RenderJob, RenderOutcome,
};

use crate::compare::{classify, Comparison};

/// How a request is executed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExecutionMode {
    /// Only the Phase 1 artifact.
    Phase1,
    /// Only the parameterized artifact.
    Param,
    /// `primary` answers; the other model runs beside it and is compared.
    Shadow {
        /// The model whose result is returned.
        primary: Model,
    },
    /// The parameterized artifact answers; when it fails (after the retry policy), the Phase 1
    /// artifact runs for the same request and its frames are returned, marked as a fallback.
    ParamWithFallback,
}

impl ExecutionMode {
    /// The environment variable that sets the global default.
    pub const ENV: &'static str = "SCENE_EXECUTION_MODEL";

    /// The first mode given: per request, then per project, then the global default (the
    /// `SCENE_EXECUTION_MODEL` environment variable), then Phase 1.
    pub fn resolve(request: Option<Self>, project: Option<Self>) -> Result<Self, String> {
        if let Some(mode) = request.or(project) {
            return Ok(mode);
        }
        match std::env::var(Self::ENV) {
            Ok(value) if !value.trim().is_empty() => value.parse(),
            _ => Ok(Self::Phase1),
        }
    }

    /// The name [`FromStr`] reads: `phase1`, `param`, `shadow` or `shadow:param`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Phase1 => "phase1",
            Self::Param => "param",
            Self::Shadow {
                primary: Model::Phase1,
            } => "shadow",
            Self::Shadow {
                primary: Model::Param,
            } => "shadow:param",
            Self::ParamWithFallback => "param_with_fallback",
        }
    }

    /// The model whose result the caller gets.
    pub fn primary(self) -> Model {
        match self {
            Self::Phase1 => Model::Phase1,
            Self::Param | Self::ParamWithFallback => Model::Param,
            Self::Shadow { primary } => primary,
        }
    }
}

impl FromStr for ExecutionMode {
    type Err = String;

    /// `phase1`, `param`, `shadow` (Phase 1 answers, param is shadowed), `shadow:param` or
    /// `param_with_fallback`.
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "phase1" => Ok(Self::Phase1),
            "param" => Ok(Self::Param),
            "shadow" | "shadow:phase1" => Ok(Self::Shadow { primary: Model::Phase1 }),
            "shadow:param" => Ok(Self::Shadow { primary: Model::Param }),
            "param_with_fallback" => Ok(Self::ParamWithFallback),
            other => Err(format!("unknown execution model '{other}' (expected phase1, param, shadow, shadow:param or param_with_fallback)")),
        }
    }
}

/// Receives the comparison of each shadowed request.
pub trait ShadowSink: Send + Sync + 'static {
    /// Called once per shadowed request, after both models finished (or the secondary timed
    /// out); `primary` is the model whose result the caller got.
    fn record(&self, scene: &str, primary: Model, comparison: Comparison);
}

/// Runs requests under an [`ExecutionMode`] on an isolate pool.
pub struct ShadowRunner {
    pool: Arc<IsolatePool>,
    sink: Arc<dyn ShadowSink>,
    secondary_timeout: Duration,
}

impl ShadowRunner {
    /// A runner over `pool`, reporting shadow comparisons to `sink`; a secondary still running
    /// after `secondary_timeout` is recorded as timed out.
    pub fn new(
        pool: Arc<IsolatePool>,
        sink: Arc<dyn ShadowSink>,
        secondary_timeout: Duration,
    ) -> Self {
        Self {
            pool,
            sink,
            secondary_timeout,
        }
    }

    /// Renders `job` (its `model` is ignored) under `mode`: the primary's outcome, or Phase 1's
    /// after a fallback.
    pub async fn run(
        &self,
        mut job: RenderJob,
        mode: ExecutionMode,
    ) -> Result<Execution, PoolError> {
        job.model = mode.primary();
        match mode {
            ExecutionMode::Phase1 | ExecutionMode::Param => {
                let model = job.model;
                Ok(Execution::direct(model, self.render(job).await?))
            }
            ExecutionMode::Shadow { primary } => {
                Ok(Execution::direct(primary, self.shadow(job, primary).await?))
            }
            ExecutionMode::ParamWithFallback => {
                let param = self.render(job.clone()).await?;
                match param.result {
                    Ok(_) => Ok(Execution::direct(Model::Param, param)),
                    Err(error) => self.fall_back(job, error, param.attempts).await,
                }
            }
        }
    }

    /// Runs `job` under Phase 1 because the parameterized model failed with `param_error` (or
    /// has no artifact). Phase 1's frames are returned with the fallback attached; when Phase 1
    /// fails too, the caller gets the parameterized error.
    pub async fn fall_back(
        &self,
        mut job: RenderJob,
        param_error: RenderError,
        param_attempts: Vec<Attempt>,
    ) -> Result<Execution, PoolError> {
        metrics::counter!("scenebox_fallbacks_total", "class" => param_error.kind.as_str())
            .increment(1);
        job.model = Model::Phase1;
        let phase1 = self.render(job).await?;
        let phase1_attempts = phase1.attempts.clone();
        Ok(match phase1.result {
            Ok(_) => Execution {
                outcome: phase1,
                model: Model::Phase1,
                fallback: Some(Fallback {
                    param_error,
                    param_attempts,
                    phase1_error: None,
                    phase1_attempts,
                }),
            },
            Err(phase1_error) => Execution {
                outcome: RenderOutcome {
                    result: Err(param_error.clone()),
                    attempts: param_attempts.clone(),
                },
                model: Model::Param,
                fallback: Some(Fallback {
                    param_error,
                    param_attempts,
                    phase1_error: Some(phase1_error),
                    phase1_attempts,
                }),
            },
        })
    }

    async fn render(&self, job: RenderJob) -> Result<RenderOutcome, PoolError> {
        self.pool
            .submit(job)?
            .await
            .map_err(|_| PoolError::ShutDown)
    }

    /// Renders `job` under `primary` and, beside it, under the other model for the sink.
    async fn shadow(&self, job: RenderJob, primary: Model) -> Result<RenderOutcome, PoolError> {
        let primary_job = job.clone();
        let mut secondary_job = job;
        secondary_job.model = match primary {
            Model::Phase1 => Model::Param,
            Model::Param => Model::Phase1,
        };
        let primary_rx = self.pool.submit(primary_job.clone())?;
        // No room for the shadow: skip it rather than delay or fail the primary.
        let secondary_rx = self.pool.submit(secondary_job).ok();
        let outcome = primary_rx.await.map_err(|_| PoolError::ShutDown)?;
        if let Some(secondary_rx) = secondary_rx {
            let sink = self.sink.clone();
            let timeout = self.secondary_timeout;
            let primary_outcome = outcome.clone();
            let scene = primary_job.scene.clone();
            tokio::spawn(async move {
                let secondary = match tokio::time::timeout(timeout, secondary_rx).await {
                    Ok(Ok(outcome)) => outcome,
                    Ok(Err(_)) => return,
                    Err(_) => timed_out(&scene, timeout),
                };
                let ms = |o: &RenderOutcome| o.attempts.iter().map(|a| a.ms).sum::<f64>();
                let (phase1, param) = match primary {
                    Model::Phase1 => (primary_outcome, secondary),
                    Model::Param => (secondary, primary_outcome),
                };
                let (phase1_ms, param_ms) = (ms(&phase1), ms(&param));
                sink.record(
                    &scene,
                    primary,
                    classify(&scene, (phase1, phase1_ms), (param, param_ms)),
                );
            });
        }
        Ok(outcome)
    }
}

/// What [`ShadowRunner::run`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Execution {
    /// What the caller gets: the primary's outcome, or Phase 1's after a fallback.
    pub outcome: RenderOutcome,
    /// The model whose frames (or error) `outcome` holds.
    pub model: Model,
    /// Set when the parameterized model failed and Phase 1 ran instead.
    pub fallback: Option<Fallback>,
}

impl Execution {
    fn direct(model: Model, outcome: RenderOutcome) -> Self {
        Self {
            outcome,
            model,
            fallback: None,
        }
    }
}

/// A fall back from the parameterized model to Phase 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Fallback {
    /// Why the parameterized model did not answer.
    pub param_error: RenderError,
    /// Its attempts (empty when it had no artifact).
    pub param_attempts: Vec<Attempt>,
    /// Phase 1's error when it failed too (then the caller gets `param_error`).
    pub phase1_error: Option<RenderError>,
    /// Phase 1's attempts.
    pub phase1_attempts: Vec<Attempt>,
}

fn timed_out(scene: &str, timeout: Duration) -> RenderOutcome {
    RenderOutcome {
        result: Err(scenebox_runtime::RenderError::new(
            scene,
            scenebox_runtime::ErrorKind::Timeout,
            format!(
                "the shadow run did not finish within {} ms",
                timeout.as_millis()
            ),
        )),
        attempts: Vec::new(),
    }
}
