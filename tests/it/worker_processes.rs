//! Isolates in worker processes (`scenebox worker`, what `scenebox serve --isolation process`
//! runs): the same frames as in-process; a worker killed mid-job (as a V8 fatal error or the
//! OOM killer would) makes that job `Crashed`, never the caller's process, and is replaced; a
//! dead idle worker costs one retried attempt.

use std::sync::Arc;
use std::time::Duration;

use scenebox_runtime::{
    ErrorKind, IsolatePool, Model, RenderJob, RetryPolicy, RuntimeConfig, VideoConfig,
    WorkerCommand,
};

fn command() -> WorkerCommand {
    WorkerCommand {
        program: env!("CARGO_BIN_EXE_scenebox").into(),
        args: vec!["worker".into()],
    }
}

fn job(name: &str, tsx: &str, frames: Vec<u32>) -> RenderJob {
    RenderJob {
        scene: name.to_string(),
        compiled: Arc::new(scenebox_compile::compile(name, tsx).expect("compiles")),
        model: Model::Param,
        video: VideoConfig::default(),
        props: serde_json::json!({}),
        frames,
        seed: None,
    }
}

fn kill(pid: u32) {
    let status = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

fn wait_for_pids(pool: &IsolatePool, exclude: &[u32]) -> Vec<u32> {
    for _ in 0..200 {
        let pids = pool.worker_pids();
        if !pids.is_empty() && pids.iter().all(|p| !exclude.contains(p)) {
            return pids;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("no fresh worker process");
}

#[test]
fn worker_processes_render_the_same_frames_and_survive_a_killed_worker() {
    let fixture = scenebox_fixtures::fixture("scenes", "title-card-spring");
    let clean = job(&fixture.stem, &fixture.tsx, vec![0, 30, 90]);
    let in_process = IsolatePool::new(RuntimeConfig::default(), 1, 4)
        .render_blocking(clean.clone())
        .unwrap();
    let hashes = |o: &scenebox_runtime::RenderOutcome| -> Vec<String> {
        o.result
            .as_ref()
            .unwrap()
            .frames
            .iter()
            .map(|f| f.hash.clone())
            .collect()
    };

    let mut config = RuntimeConfig::default();
    config.limits.frame_time = Duration::from_secs(30);
    config.limits.scene_time = Duration::from_secs(60);
    config.retry = RetryPolicy::none();
    let pool = Arc::new(IsolatePool::with_worker_processes(config, 1, 4, command()));
    let first = pool.render_blocking(clean.clone()).unwrap();
    assert_eq!(
        hashes(&first),
        hashes(&in_process),
        "the same frames as in-process"
    );

    // A scene that spins; its worker is killed while it runs.
    let looping = scenebox_fixtures::fixture("hostile", "loop-in-render");
    let pid = wait_for_pids(&pool, &[])[0];
    let spinning = {
        let pool = pool.clone();
        let job = job(&looping.stem, &looping.tsx, vec![0]);
        std::thread::spawn(move || pool.render_blocking(job).unwrap())
    };
    std::thread::sleep(Duration::from_millis(800));
    kill(pid);
    let crashed = spinning.join().unwrap();
    let error = crashed.result.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Crashed, "{error}");
    assert!(error.message.contains("killed by signal 9"), "{error}");
    assert_eq!(crashed.attempts.len(), 1);

    // A fresh worker serves the next job.
    let fresh = wait_for_pids(&pool, &[pid]);
    assert_ne!(fresh[0], pid);
    let after = pool.render_blocking(clean).unwrap();
    assert_eq!(hashes(&after), hashes(&in_process));
}

#[test]
fn a_dead_idle_worker_costs_one_retried_attempt() {
    let pool = IsolatePool::with_worker_processes(RuntimeConfig::default(), 1, 4, command());
    let fixture = scenebox_fixtures::fixture("scenes", "small-minimal-fade");
    let pid = wait_for_pids(&pool, &[])[0];
    kill(pid);
    std::thread::sleep(Duration::from_millis(100));
    let outcome = pool
        .render_blocking(job(&fixture.stem, &fixture.tsx, vec![0, 20]))
        .unwrap();
    assert!(outcome.result.is_ok(), "{:?}", outcome.result);
    let kinds: Vec<Option<ErrorKind>> = outcome.attempts.iter().map(|a| a.error).collect();
    assert_eq!(kinds, [Some(ErrorKind::Crashed), None]);
    assert_eq!(outcome.attempts[1].number, 2);
    assert_eq!(outcome.retries(), 1);
}
