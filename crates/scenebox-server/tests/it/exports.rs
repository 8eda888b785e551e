//! `POST /scenes/{id}/export`, `GET /exports/{id}`, `GET /exports/{id}/file`: a stored scene
//! becomes a video the server's own export worker draws; what can be checked up front is
//! refused at once, and a scene that fails while running records its TSX place and frame.
//! (Two instances sharing a job, one killed, is a real-process test of the `scenebox` binary.)

use std::time::Duration;

use scenebox_server::ServerConfig;
use serde_json::{json, Value};

use crate::support::{assert_error, eventually, Database, Options, TestServer};

/// Waits until the job is done or failed.
async fn finished(server: &TestServer, id: &str) -> Value {
    eventually(Duration::from_secs(120), || async {
        let (status, job) = server.get(&format!("/exports/{id}")).await;
        assert_eq!(status, 200, "{job}");
        matches!(job["state"].as_str(), Some("done" | "failed")).then_some(job)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stored_scene_exports_to_a_downloadable_video() {
    let server = TestServer::start().await;
    let tsx = scenebox_fixtures::fixture("scenes", "title-card-spring").tsx;
    let scene = server.create_scene("title", &tsx).await;
    let response = server
        .client
        .post(server.url(&format!("/scenes/{scene}/export")))
        .json(&json!({"frames": "0..12", "video": {"width": 320, "height": 180}, "codec": "h264"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 202);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let job: Value = response.json().await.unwrap();
    let id = job["id"].as_str().unwrap();
    assert_eq!(location, format!("/exports/{id}"));
    assert_eq!(job["scene_id"], scene.as_str());
    assert_eq!(
        (job["frames_total"].as_u64(), job["codec"].as_str()),
        (Some(12), Some("h264"))
    );

    let done = finished(&server, id).await;
    assert_eq!(done["state"], "done", "{done}");
    assert_eq!(
        (done["frames_done"].as_u64(), done["attempts"].as_u64()),
        (Some(12), Some(1))
    );
    assert_eq!(done["file"], format!("/exports/{id}/file"));
    assert!(done["finished_at"].is_string());

    let file = server
        .client
        .get(server.url(&format!("/exports/{id}/file")))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status().as_u16(), 200);
    assert_eq!(file.headers()["content-type"], "video/mp4");
    let bytes = file.bytes().await.unwrap();
    assert_eq!(Some(bytes.len() as u64), done["bytes"].as_u64());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("video.mp4");
    std::fs::write(&path, &bytes).unwrap();
    let stream = scenebox_fixtures::video::probe_video(&path);
    assert_eq!(stream["nb_read_frames"], "12");
    assert_eq!(
        (stream["width"].as_u64(), stream["height"].as_u64()),
        (Some(320), Some(180))
    );
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_export_requests_are_refused_up_front() {
    // No export workers: whatever is accepted stays queued.
    let mut config = ServerConfig::default();
    config.exports.workers = 0;
    let server = TestServer::start_with(
        Database::sqlite(),
        Options {
            config,
            ..Options::default()
        },
    )
    .await;
    let good = server
        .create_scene(
            "title",
            &scenebox_fixtures::fixture("scenes", "title-card-spring").tsx,
        )
        .await;
    let export = |scene: String, body: Value| {
        let server = &server;
        async move { server.post(&format!("/scenes/{scene}/export"), &body).await }
    };

    let missing = uuid::Uuid::new_v4().to_string();
    let (status, body) = export(missing.clone(), json!({})).await;
    assert_eq!(
        assert_error(status, &body, 404, "NotFound")["scene_id"],
        missing.as_str()
    );
    let (status, body) = export(good.clone(), json!({"codec": "gif"})).await;
    assert!(assert_error(status, &body, 400, "BadRequest")["message"]
        .as_str()
        .unwrap()
        .contains("h264, vp9 or prores"));
    let (status, body) = export(good.clone(), json!({"crf": 99})).await;
    assert_error(status, &body, 400, "BadRequest");
    // x264 would clamp 52 to 51 and ProRes ignore any crf: both are refused.
    let (status, body) = export(good.clone(), json!({"crf": 52})).await;
    assert!(assert_error(status, &body, 400, "BadRequest")["message"]
        .as_str()
        .unwrap()
        .contains("crf 52 is out of h264's range 0–51"));
    let (status, body) = export(good.clone(), json!({"codec": "prores", "crf": 10})).await;
    assert!(assert_error(status, &body, 400, "BadRequest")["message"]
        .as_str()
        .unwrap()
        .contains("prores takes no crf"));
    let (status, body) = export(good.clone(), json!({"frames": "500..600"})).await;
    assert_error(status, &body, 400, "BadRequest");
    let (status, body) = export(good.clone(), json!({"model": "turbo"})).await;
    assert_error(status, &body, 400, "BadRequest");
    let (status, body) = export(good.clone(), json!({"fps": 30})).await;
    assert_error(status, &body, 400, "BadRequest");

    // A stored scene that does not compile is refused with its TSX place.
    let (status, broken) = server
        .post("/scenes", &json!({"name": "broken", "tsx": "export default function A() {\n  const x = ;\n  return <div>{x}</div>;\n}"}))
        .await;
    assert_eq!(status, 201, "{broken}");
    let broken = broken["id"].as_str().unwrap().to_string();
    let (status, body) = export(broken, json!({})).await;
    assert_eq!(assert_error(status, &body, 422, "Syntax")["line"], 2);

    // Accepted but not drawn yet: the file is not ready.
    let (status, job) = export(good, json!({"frames": "0..3"})).await;
    assert_eq!(status, 202, "{job}");
    assert_eq!(job["state"], "queued");
    let id = job["id"].as_str().unwrap();
    let (status, body) = server.get(&format!("/exports/{id}/file")).await;
    assert_error(status, &body, 409, "NotReady");
    let (status, body) = server
        .get(&format!("/exports/{}", uuid::Uuid::new_v4()))
        .await;
    assert_error(status, &body, 404, "NotFound");
    let (status, body) = server.get("/exports/not-a-uuid").await;
    assert_error(status, &body, 400, "BadRequest");
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scene_failing_mid_export_records_its_frame_and_tsx_place() {
    let server = TestServer::start().await;
    let tsx = "export default function Boom() {\n  const frame = window.Remotion.useCurrentFrame();\n  if (frame === 4) { throw new Error('boom at four'); }\n  return <div style={{fontSize: 40}}>{frame}</div>;\n}\n";
    let scene = server.create_scene("boom", tsx).await;
    let (status, job) = server
        .post(
            &format!("/scenes/{scene}/export"),
            &json!({"frames": "0..8", "video": {"width": 160, "height": 90}}),
        )
        .await;
    assert_eq!(status, 202, "{job}");
    let id = job["id"].as_str().unwrap();
    let failed = finished(&server, id).await;
    assert_eq!(failed["state"], "failed", "{failed}");
    let error = &failed["error"];
    assert_eq!(error["scene_id"], scene.as_str(), "{failed}");
    assert!(
        error["message"].as_str().unwrap().contains("boom at four"),
        "{failed}"
    );
    assert_eq!(
        (error["line"].as_u64(), error["frame"].as_u64()),
        (Some(3), Some(4)),
        "{failed}"
    );
    assert!(failed["file"].is_null());
    let (status, body) = server.get(&format!("/exports/{id}/file")).await;
    assert_error(status, &body, 409, "ExportFailed");
    // Nothing half-written is left in the exports directory.
    let left = std::fs::read_dir(&server.state.config().exports.dir)
        .unwrap()
        .count();
    assert_eq!(left, 0);
    server.stop().await.unwrap();
}
