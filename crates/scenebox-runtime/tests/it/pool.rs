//! The isolate pool: jobs run concurrently on worker threads with correct results, and a full
//! queue is refused instead of growing.

use std::sync::Arc;
use std::time::Duration;

use scenebox_runtime::{IsolatePool, Model, PoolError, RenderJob, RuntimeConfig, VideoConfig};

use crate::support::{compile_fixture, compile_inline, fixture, render_frames};

fn job(
    scene: &str,
    compiled: &Arc<scenebox_compile::CompiledScene>,
    frames: Vec<u32>,
) -> RenderJob {
    RenderJob {
        scene: scene.to_string(),
        compiled: compiled.clone(),
        model: Model::Param,
        video: VideoConfig::default(),
        props: serde_json::json!({}),
        frames,
        seed: None,
    }
}

#[test]
fn concurrent_jobs_give_the_same_trees_as_a_direct_render() {
    let scene = fixture("scenes", "particles-random");
    let compiled = Arc::new(compile_fixture(&scene));
    let expected = render_frames(
        &RuntimeConfig::default(),
        &scene.stem,
        &compiled,
        Model::Param,
        &[0, 40, 80],
    )
    .result
    .unwrap();
    let pool = IsolatePool::new(RuntimeConfig::default(), 2, 8);
    let receivers: Vec<_> = (0..6)
        .map(|_| {
            pool.submit(job(&scene.stem, &compiled, vec![0, 40, 80]))
                .unwrap()
        })
        .collect();
    for receiver in receivers {
        let outcome = receiver.blocking_recv().unwrap();
        let rendered = outcome.result.unwrap();
        let hashes: Vec<_> = rendered.frames.iter().map(|f| &f.hash).collect();
        assert_eq!(
            hashes,
            expected.frames.iter().map(|f| &f.hash).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_full_queue_is_refused() {
    let mut config = RuntimeConfig::default();
    config.limits.frame_time = Duration::from_millis(300);
    config.retry = scenebox_runtime::RetryPolicy::none();
    let spin = Arc::new(compile_inline(
        "spin",
        "export default function S() { for (;;) {} }\n",
    ));
    let pool = IsolatePool::new(config, 1, 1);
    let mut accepted = Vec::new();
    let mut refused = 0;
    for _ in 0..5 {
        match pool.submit(job("spin", &spin, vec![0])) {
            Ok(receiver) => accepted.push(receiver),
            Err(PoolError::QueueFull(capacity)) => {
                assert_eq!(capacity, 1);
                refused += 1;
            }
            Err(other) => panic!("{other}"),
        }
    }
    assert!(
        refused >= 3,
        "only {refused} of 5 refused with one worker and a queue of one"
    );
    for receiver in accepted {
        let outcome = receiver.blocking_recv().unwrap();
        assert_eq!(
            outcome.result.unwrap_err().kind,
            scenebox_runtime::ErrorKind::Timeout
        );
    }
}
