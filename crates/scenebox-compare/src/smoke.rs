//! The staging smoke test: a stratified sample of stored scenes rendered on a few frames under
//! Phase 1, the parameterized model and `param_with_fallback`, tallied into a go/no-go verdict
//! (any regression — the parameterized model failing or differing where Phase 1 works — is a
//! no-go).

use std::collections::BTreeMap;
use std::sync::Arc;

use scenebox_compile::CompiledScene;
use scenebox_runtime::{PoolError, RenderJob, RenderOutcome, VideoConfig};
use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

use crate::compare::{classify, Status};
use crate::shadow::{Execution, ExecutionMode, ShadowRunner};

/// A scene as the sampler sees it.
#[derive(Debug, Clone)]
pub struct SampleCandidate {
    /// Creation time (age).
    pub created_at: OffsetDateTime,
    /// TSX bytes (size).
    pub size: usize,
}

/// Picks up to `n` of `candidates` spread over age and size: the scenes are cut into four age
/// quartiles, each cut into three size bands, and the twelve strata are drawn from in turn,
/// evenly within each. Deterministic; returns indices into `candidates`.
pub fn stratified_sample(candidates: &[SampleCandidate], n: usize) -> Vec<usize> {
    let mut by_age: Vec<usize> = (0..candidates.len()).collect();
    by_age.sort_by_key(|&i| (candidates[i].created_at, i));
    let mut strata: Vec<Vec<usize>> = Vec::new();
    for age in split(&by_age, 4) {
        let mut by_size = age.to_vec();
        by_size.sort_by_key(|&i| (candidates[i].size, i));
        strata.extend(split(&by_size, 3).into_iter().map(<[usize]>::to_vec));
    }
    strata.retain(|s| !s.is_empty());
    // Evenly spaced order inside each stratum, then round-robin across strata.
    let orders: Vec<Vec<usize>> = strata.iter().map(|s| spread(s)).collect();
    let mut picked = Vec::with_capacity(n.min(candidates.len()));
    let mut round = 0;
    while picked.len() < n.min(candidates.len()) {
        for order in &orders {
            if let Some(&index) = order.get(round) {
                if picked.len() < n {
                    picked.push(index);
                }
            }
        }
        round += 1;
    }
    picked
}

/// `items` cut into `parts` nearly equal consecutive slices.
fn split(items: &[usize], parts: usize) -> Vec<&[usize]> {
    (0..parts)
        .map(|p| &items[items.len() * p / parts..items.len() * (p + 1) / parts])
        .collect()
}

/// `items` reordered so that any prefix is spread evenly over the whole (middle, then the
/// middles of the halves, …).
fn spread(items: &[usize]) -> Vec<usize> {
    let mut order = Vec::with_capacity(items.len());
    let mut queue = std::collections::VecDeque::from([(0usize, items.len())]);
    while let Some((start, end)) = queue.pop_front() {
        if start >= end {
            continue;
        }
        let middle = start + (end - start) / 2;
        order.push(items[middle]);
        queue.push_back((start, middle));
        queue.push_back((middle + 1, end));
    }
    order
}

/// One sampled scene, compiled.
#[derive(Debug, Clone)]
pub struct SmokeScene {
    /// The scene's id or name (errors, seeds, events).
    pub scene: String,
    /// Its artifacts, or the compile error's kind and message.
    pub compiled: Result<Arc<CompiledScene>, (String, String)>,
    /// Composition settings.
    pub video: VideoConfig,
    /// Component props.
    pub props: Value,
}

/// How one scene did.
#[derive(Debug, Clone, Serialize)]
pub struct SmokeResult {
    /// The scene.
    pub scene: String,
    /// Phase 1 against the parameterized model.
    pub status: Status,
    /// Whether `param_with_fallback` fell back.
    pub fallback: bool,
    /// Error class per mode (`phase1`, `param`, `param_with_fallback`), when it failed.
    pub errors: BTreeMap<String, String>,
    /// Wall ms per mode, retries included.
    pub ms: BTreeMap<String, f64>,
    /// The parameterized error's message and place, for a regression.
    pub detail: Option<String>,
}

/// The three executions of a smoke scene, for the caller to record.
pub struct SmokeRuns {
    /// Phase 1 alone.
    pub phase1: Execution,
    /// The parameterized model alone.
    pub param: Execution,
    /// `param_with_fallback`.
    pub fallback: Execution,
}

/// Renders `scene` on `frames` under the three modes (concurrently on the runner's pool).
pub async fn smoke_scene(
    runner: &ShadowRunner,
    scene: &SmokeScene,
    frames: Vec<u32>,
) -> Result<(SmokeResult, Option<SmokeRuns>), PoolError> {
    let modes = ["phase1", "param", "param_with_fallback"];
    let compiled = match &scene.compiled {
        Ok(compiled) => compiled.clone(),
        Err((kind, message)) => {
            let result = SmokeResult {
                scene: scene.scene.clone(),
                status: Status::BothFail,
                fallback: false,
                errors: modes
                    .iter()
                    .map(|m| (m.to_string(), kind.clone()))
                    .collect(),
                ms: BTreeMap::new(),
                detail: Some(message.clone()),
            };
            return Ok((result, None));
        }
    };
    let job = RenderJob {
        scene: scene.scene.clone(),
        compiled,
        model: scenebox_runtime::Model::Phase1,
        video: scene.video,
        props: scene.props.clone(),
        frames,
        seed: Some(scene.scene.clone()),
    };
    let (phase1, param, fallback) = tokio::join!(
        runner.run(job.clone(), ExecutionMode::Phase1),
        runner.run(job.clone(), ExecutionMode::Param),
        runner.run(job, ExecutionMode::ParamWithFallback),
    );
    let runs = SmokeRuns {
        phase1: phase1?,
        param: param?,
        fallback: fallback?,
    };
    let ms = |o: &RenderOutcome| o.attempts.iter().map(|a| a.ms).sum::<f64>();
    let comparison = classify(
        &scene.scene,
        (runs.phase1.outcome.clone(), ms(&runs.phase1.outcome)),
        (runs.param.outcome.clone(), ms(&runs.param.outcome)),
    );
    let mut errors = BTreeMap::new();
    let mut timings = BTreeMap::new();
    for (mode, run) in modes
        .iter()
        .zip([&runs.phase1, &runs.param, &runs.fallback])
    {
        timings.insert(mode.to_string(), ms(&run.outcome));
        if let Err(error) = &run.outcome.result {
            errors.insert(mode.to_string(), error.kind.as_str().to_string());
        }
    }
    let detail = comparison
        .param
        .error
        .as_ref()
        .map(|e| e.describe())
        .or_else(|| {
            comparison
                .first_difference
                .as_ref()
                .map(|d| format!("frame {} differs at {}", d.frame, d.path))
        });
    let result = SmokeResult {
        scene: scene.scene.clone(),
        status: comparison.status,
        fallback: runs.fallback.fallback.is_some(),
        errors,
        ms: timings,
        detail,
    };
    Ok((result, Some(runs)))
}
