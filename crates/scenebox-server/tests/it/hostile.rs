//! Every hostile fixture sent to `POST /render` ends in its documented outcome as an HTTP
//! answer (200, or the typed error with the documented shape), and the server stays alive and
//! renders the next clean scene exactly as before.

use std::time::Duration;

use scenebox_runtime::{RetryPolicy, RuntimeConfig};
use serde_json::json;

use crate::support::{Database, Options, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_scenes_get_their_documented_errors_and_the_server_lives() {
    let mut runtime = RuntimeConfig::default();
    runtime.limits.frame_time = Duration::from_millis(1000);
    runtime.limits.scene_time = Duration::from_millis(4000);
    runtime.retry = RetryPolicy::none();
    let server = TestServer::start_with(
        Database::sqlite(),
        Options {
            runtime,
            queue: 64,
            ..Options::default()
        },
    )
    .await;
    let clean = scenebox_fixtures::fixture("scenes", "small-minimal-fade");
    let clean_request =
        json!({"tsx": clean.tsx, "frames": [20], "model": "param", "output": "hashes"});
    let (status, baseline) = server.post("/render", &clean_request).await;
    assert_eq!(status, 200, "{baseline}");

    let scenes = scenebox_fixtures::load("hostile");
    assert!(scenes.len() >= 20);
    let mut failures = Vec::new();
    for batch in scenes.chunks(4) {
        let tasks: Vec<_> = batch
            .iter()
            .map(|scene| {
                let client = server.client.clone();
                let url = server.url("/render");
                let frames: Vec<u32> = scene
                    .header("frames")
                    .unwrap_or_else(|| "0".into())
                    .split(',')
                    .map(|f| f.trim().parse().unwrap())
                    .collect();
                let body = json!({"tsx": scene.tsx, "name": scene.stem, "frames": frames, "model": "param"});
                tokio::spawn(async move {
                    let response = client.post(url).json(&body).send().await.expect("an answer");
                    crate::support::read(response).await
                })
            })
            .collect();
        for (scene, task) in batch.iter().zip(tasks) {
            let (status, body) = task.await.expect("a task");
            let header = scene.header("expect").expect("`// expect:` header");
            let kinds: Vec<&str> = header.split(' ').next().unwrap().split('|').collect();
            let outcome = if status == 200 {
                "ok".to_string()
            } else {
                let kind = body["error"]["kind"].as_str().unwrap_or("?").to_string();
                crate::support::assert_error(status, &body, status, &kind);
                kind
            };
            let expected_status = if outcome == "ok" { 200 } else { 422 };
            if !kinds.contains(&outcome.as_str()) || status != expected_status {
                failures.push(format!(
                    "{}: {status} {outcome} (expected {header})",
                    scene.stem
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");

    let (status, _) = server.get("/healthz").await;
    assert_eq!(status, 200);
    let (status, next) = server.post("/render", &clean_request).await;
    assert_eq!(status, 200);
    assert_eq!(
        next["frames"], baseline["frames"],
        "the next scene renders as before"
    );
    server.stop().await.unwrap();
}
