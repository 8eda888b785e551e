//! Limits: a full render queue answers 429 with `Retry-After` (never a backlog), an oversized
//! body 413, a slow request 503 `RequestTimeout`; graceful shutdown finishes in-flight renders.

use std::time::Duration;

use scenebox_runtime::{RetryPolicy, RuntimeConfig};
use scenebox_server::ServerConfig;
use serde_json::json;

use crate::support::{assert_error, Database, Options, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_answers_429_with_retry_after() {
    let server = TestServer::start_with(
        Database::sqlite(),
        Options {
            workers: 1,
            queue: 1,
            ..Options::default()
        },
    )
    .await;
    let fixture = scenebox_fixtures::fixture("scenes", "title-card-spring");
    let body = json!({"tsx": fixture.tsx, "frames": "all", "output": "hashes", "model": "param"});
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let request = server.client.post(server.url("/render")).json(&body);
            tokio::spawn(async move { request.send().await.expect("an answer") })
        })
        .collect();
    let (mut ok, mut throttled) = (0, 0);
    for task in tasks {
        let response = task.await.unwrap();
        match response.status().as_u16() {
            200 => ok += 1,
            429 => {
                assert_eq!(
                    response
                        .headers()
                        .get("retry-after")
                        .map(|v| v.to_str().unwrap()),
                    Some("1")
                );
                let (status, body) = crate::support::read(response).await;
                assert_error(status, &body, 429, "QueueFull");
                throttled += 1;
            }
            other => panic!("unexpected status {other}"),
        }
    }
    assert!(ok >= 1 && throttled >= 1, "{ok} ok, {throttled} throttled");
    assert_eq!(ok + throttled, 8, "every request was answered");
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_and_slow_requests_are_refused_cleanly() {
    let runtime = RuntimeConfig {
        retry: RetryPolicy::none(),
        ..RuntimeConfig::default()
    };
    let server = TestServer::start_with(
        Database::sqlite(),
        Options {
            config: ServerConfig {
                body_limit_bytes: 64 * 1024,
                request_timeout: Duration::from_millis(400),
                ..ServerConfig::default()
            },
            runtime,
            ..Options::default()
        },
    )
    .await;
    let huge = "x".repeat(100 * 1024);
    let (status, body) = server
        .post(
            "/scenes",
            &json!({"tsx": format!("// {huge}\nexport default () => null;")}),
        )
        .await;
    assert_error(status, &body, 413, "PayloadTooLarge");

    // An infinite loop outlives the request's time limit (its frame limit is 2 s).
    let looping = scenebox_fixtures::fixture("hostile", "loop-in-render");
    let (status, body) = server
        .post(
            "/render",
            &json!({"tsx": looping.tsx, "frames": [0], "model": "param"}),
        )
        .await;
    assert_error(status, &body, 503, "RequestTimeout");
    let (status, _) = server.get("/healthz").await;
    assert_eq!(status, 200);
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_drains_in_flight_renders() {
    let server = TestServer::start().await;
    let fixture = scenebox_fixtures::fixture("scenes", "title-card-spring");
    let request = server
        .client
        .post(server.url("/render"))
        .json(&json!({"tsx": fixture.tsx, "frames": "all", "model": "shadow", "output": "hashes"}));
    let in_flight = tokio::spawn(async move { request.send().await });
    // Stop the server while the render runs.
    crate::support::eventually(Duration::from_secs(10), || async {
        (server.state.in_flight() == 1).then_some(())
    })
    .await;
    let base = server.base.clone();
    server.stop().await.expect("a clean stop");
    let response = in_flight
        .await
        .unwrap()
        .expect("the in-flight render was answered");
    assert_eq!(response.status().as_u16(), 200);
    let (_, body) = crate::support::read(response).await;
    assert_eq!(body["frames"].as_array().unwrap().len(), 150);
    assert!(
        reqwest::get(format!("{base}/healthz")).await.is_err(),
        "no longer listening"
    );
}
