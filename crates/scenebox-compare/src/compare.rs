//! The comparison of one scene: the Phase 1 and parameterized artifacts rendered on the same
//! frames, video config and props, and classified.

use std::time::Instant;

use scenebox_compile::CompiledScene;
use scenebox_runtime::{
    render, Attempt, Model, RenderError, RenderOutcome, RenderRequest, RuntimeConfig, SceneRender,
    VideoConfig,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::tree_diff::first_difference;

/// How the two models relate on a scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every frame has the same tree under both models.
    Identical,
    /// Both rendered, and at least one frame differs.
    Differs,
    /// Phase 1 fails, the parameterized model works.
    Phase1OnlyFails,
    /// The parameterized model fails where Phase 1 works: a regression.
    ParamOnlyFails,
    /// Both fail.
    BothFail,
}

impl Status {
    /// The stable name (`identical`, `differs`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Identical => "identical",
            Self::Differs => "differs",
            Self::Phase1OnlyFails => "phase1_only_fails",
            Self::ParamOnlyFails => "param_only_fails",
            Self::BothFail => "both_fail",
        }
    }

    /// Whether the parameterized model is worse than Phase 1 here.
    pub fn is_regression(self) -> bool {
        matches!(self, Self::Differs | Self::ParamOnlyFails)
    }
}

/// The first frame where the trees differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirstDifference {
    /// The frame number.
    pub frame: u32,
    /// JSON path into the tree.
    pub path: String,
    /// Phase 1's value there.
    pub phase1: Value,
    /// The parameterized value there.
    pub param: Value,
}

/// What one model did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelSummary {
    /// Whether it rendered every frame.
    pub ok: bool,
    /// Its error, with TSX line:column where known.
    pub error: Option<RenderError>,
    /// Attempts beyond the first.
    pub retries: u32,
    /// Wall time of the whole render, retries included.
    pub ms: f64,
    /// Every attempt (time and error class), for the store's event rows.
    #[serde(default)]
    pub attempts: Vec<Attempt>,
}

/// The comparison of one scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The scene (file or id).
    pub file: String,
    /// The classification.
    pub status: Status,
    /// The first differing frame, when `differs`.
    pub first_difference: Option<FirstDifference>,
    /// How many frames differ.
    pub differing_frames: usize,
    /// Phase 1's run.
    pub phase1: ModelSummary,
    /// The parameterized run.
    pub param: ModelSummary,
}

/// What to compare a scene on.
#[derive(Debug, Clone)]
pub struct CompareRequest<'a> {
    /// Name shown in reports (a file path or a scene id).
    pub file: &'a str,
    /// Seed and error name for the runtime (the same for both models).
    pub scene: &'a str,
    /// The compiled scene.
    pub compiled: &'a CompiledScene,
    /// Composition settings.
    pub video: VideoConfig,
    /// Component props.
    pub props: Value,
    /// Frames to render.
    pub frames: Vec<u32>,
}

/// Renders both models (one after the other on this thread) and classifies the result.
pub fn compare(config: &RuntimeConfig, request: &CompareRequest<'_>) -> Comparison {
    let run = |model: Model| {
        let started = Instant::now();
        let outcome = render(
            config,
            &RenderRequest {
                scene: request.scene,
                compiled: request.compiled,
                model,
                video: request.video,
                props: request.props.clone(),
                frames: request.frames.clone(),
                seed: None,
            },
        );
        (outcome, started.elapsed().as_secs_f64() * 1000.0)
    };
    let phase1 = run(Model::Phase1);
    let param = run(Model::Param);
    classify(request.file, phase1, param)
}

/// Classifies two finished renders of the same scene.
pub fn classify(
    file: &str,
    phase1: (RenderOutcome, f64),
    param: (RenderOutcome, f64),
) -> Comparison {
    let summary = |(outcome, ms): &(RenderOutcome, f64)| ModelSummary {
        ok: outcome.result.is_ok(),
        error: outcome.result.as_ref().err().cloned(),
        retries: outcome.retries(),
        ms: *ms,
        attempts: outcome.attempts.clone(),
    };
    let (phase1_summary, param_summary) = (summary(&phase1), summary(&param));
    let (status, first, differing) = match (&phase1.0.result, &param.0.result) {
        (Ok(a), Ok(b)) => diff_renders(a, b),
        (Err(_), Ok(_)) => (Status::Phase1OnlyFails, None, 0),
        (Ok(_), Err(_)) => (Status::ParamOnlyFails, None, 0),
        (Err(_), Err(_)) => (Status::BothFail, None, 0),
    };
    Comparison {
        file: file.to_string(),
        status,
        first_difference: first,
        differing_frames: differing,
        phase1: phase1_summary,
        param: param_summary,
    }
}

fn diff_renders(a: &SceneRender, b: &SceneRender) -> (Status, Option<FirstDifference>, usize) {
    let mut first = None;
    let mut differing = 0;
    for (x, y) in a.frames.iter().zip(&b.frames) {
        if x.hash == y.hash {
            continue;
        }
        differing += 1;
        if first.is_none() {
            first = first_difference(&x.tree, &y.tree).map(|d| FirstDifference {
                frame: x.frame,
                path: d.path,
                phase1: d.phase1,
                param: d.param,
            });
        }
    }
    if differing == 0 {
        (Status::Identical, None, 0)
    } else {
        (Status::Differs, first, differing)
    }
}
