//! Shadow mode: the primary's result is unchanged when the secondary fails or times out, and
//! the comparison reaches the sink.

use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use scenebox_compare::{Comparison, ExecutionMode, ShadowRunner, ShadowSink, Status};
use scenebox_fixtures::fixture;
use scenebox_runtime::{IsolatePool, Model, RenderJob, RuntimeConfig, VideoConfig};

struct ChannelSink(Mutex<mpsc::Sender<(String, Comparison)>>);

impl ShadowSink for ChannelSink {
    fn record(&self, scene: &str, _primary: scenebox_runtime::Model, comparison: Comparison) {
        let _ = self.0.lock().unwrap().send((scene.to_string(), comparison));
    }
}

fn job(stem: &str) -> RenderJob {
    let scene = fixture("regressions", stem);
    RenderJob {
        scene: scene.stem.clone(),
        compiled: Arc::new(scenebox_compile::compile(&scene.name, &scene.tsx).unwrap()),
        model: Model::Param,
        video: VideoConfig::default(),
        props: serde_json::json!({}),
        frames: vec![0, 5],
        seed: None,
    }
}

fn runner(secondary_timeout: Duration) -> (ShadowRunner, mpsc::Receiver<(String, Comparison)>) {
    let mut config = RuntimeConfig::default();
    config.limits.frame_time = Duration::from_secs(5);
    config.retry = scenebox_runtime::RetryPolicy::none();
    let (tx, rx) = mpsc::channel();
    let pool = Arc::new(IsolatePool::new(config, 2, 8));
    (
        ShadowRunner::new(
            pool,
            Arc::new(ChannelSink(Mutex::new(tx))),
            secondary_timeout,
        ),
        rx,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_secondary_leaves_the_primary_untouched_and_is_recorded() {
    let (runner, recorded) = runner(Duration::from_secs(30));
    let direct = runner
        .run(job("reads-react-dom-version"), ExecutionMode::Phase1)
        .await
        .unwrap()
        .outcome;
    let shadowed = runner
        .run(
            job("reads-react-dom-version"),
            ExecutionMode::Shadow {
                primary: Model::Phase1,
            },
        )
        .await
        .unwrap()
        .outcome;
    let hashes = |o: &scenebox_runtime::RenderOutcome| {
        o.result
            .as_ref()
            .unwrap()
            .frames
            .iter()
            .map(|f| f.hash.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(hashes(&direct), hashes(&shadowed));
    let (scene, comparison) = tokio::task::spawn_blocking(move || {
        recorded.recv_timeout(Duration::from_secs(30)).unwrap()
    })
    .await
    .unwrap();
    assert_eq!(scene, "reads-react-dom-version");
    assert_eq!(comparison.status, Status::ParamOnlyFails);
    assert_eq!(comparison.param.error.unwrap().line, Some(12));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secondary_that_never_finishes_does_not_delay_the_primary() {
    let (runner, recorded) = runner(Duration::from_millis(300));
    let started = Instant::now();
    let outcome = runner
        .run(
            job("param-spins-forever"),
            ExecutionMode::Shadow {
                primary: Model::Phase1,
            },
        )
        .await
        .unwrap()
        .outcome;
    let primary_time = started.elapsed();
    assert!(outcome.result.is_ok(), "{:?}", outcome.result);
    let (_, comparison) = tokio::task::spawn_blocking(move || {
        recorded.recv_timeout(Duration::from_secs(30)).unwrap()
    })
    .await
    .unwrap();
    assert_eq!(comparison.status, Status::ParamOnlyFails);
    assert_eq!(
        comparison.param.error.unwrap().kind,
        scenebox_runtime::ErrorKind::Timeout
    );
    // The primary came back while the secondary was still spinning (its frame limit is 5 s).
    assert!(primary_time < Duration::from_secs(5), "{primary_time:?}");
}

#[test]
fn modes_parse_and_resolve_request_before_project_before_environment() {
    assert_eq!(
        "shadow".parse::<ExecutionMode>().unwrap(),
        ExecutionMode::Shadow {
            primary: Model::Phase1
        }
    );
    assert_eq!(
        "shadow:param".parse::<ExecutionMode>().unwrap().primary(),
        Model::Param
    );
    assert!("fast".parse::<ExecutionMode>().is_err());
    for name in [
        "phase1",
        "param",
        "shadow",
        "shadow:param",
        "param_with_fallback",
    ] {
        assert_eq!(name.parse::<ExecutionMode>().unwrap().as_str(), name);
    }
    assert_eq!(
        "param_with_fallback"
            .parse::<ExecutionMode>()
            .unwrap()
            .primary(),
        Model::Param
    );
    let (request, project) = (Some(ExecutionMode::Param), Some(ExecutionMode::Phase1));
    assert_eq!(
        ExecutionMode::resolve(request, project).unwrap(),
        ExecutionMode::Param
    );
    assert_eq!(
        ExecutionMode::resolve(None, project).unwrap(),
        ExecutionMode::Phase1
    );
}

fn frame_hashes(outcome: &scenebox_runtime::RenderOutcome) -> Vec<String> {
    outcome
        .result
        .as_ref()
        .unwrap()
        .frames
        .iter()
        .map(|f| f.hash.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_param_artifact_falls_back_to_phase1s_frames() {
    let (runner, _) = runner(Duration::from_secs(30));
    let phase1 = runner
        .run(job("reads-react-dom-version"), ExecutionMode::Phase1)
        .await
        .unwrap();
    let fallen = runner
        .run(
            job("reads-react-dom-version"),
            ExecutionMode::ParamWithFallback,
        )
        .await
        .unwrap();
    assert_eq!(fallen.model, Model::Phase1);
    assert_eq!(frame_hashes(&fallen.outcome), frame_hashes(&phase1.outcome));
    let fallback = fallen.fallback.expect("marked as a fallback");
    assert_eq!(
        fallback.param_error.kind,
        scenebox_runtime::ErrorKind::Render
    );
    assert_eq!(fallback.param_attempts.len(), 1);
    assert!(fallback.phase1_error.is_none());

    // A working param artifact answers by itself.
    let direct = runner
        .run(job("phase1-only-throws"), ExecutionMode::ParamWithFallback)
        .await
        .unwrap();
    assert_eq!(direct.model, Model::Param);
    assert!(direct.fallback.is_none() && direct.outcome.result.is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scene_failing_under_both_models_returns_the_param_error() {
    let (runner, _) = runner(Duration::from_secs(30));
    let scene = fixture("hostile", "throw-at-load");
    let mut failing = job("reads-react-dom-version");
    failing.compiled = Arc::new(scenebox_compile::compile(&scene.name, &scene.tsx).unwrap());
    let execution = runner
        .run(failing, ExecutionMode::ParamWithFallback)
        .await
        .unwrap();
    assert_eq!(execution.model, Model::Param);
    let error = execution.outcome.result.unwrap_err();
    let fallback = execution.fallback.expect("Phase 1 was tried");
    assert_eq!(error, fallback.param_error);
    assert_eq!(error.kind, scenebox_runtime::ErrorKind::Evaluate);
    assert_eq!(
        fallback.phase1_error.expect("Phase 1 failed too").kind,
        scenebox_runtime::ErrorKind::Evaluate
    );
}
