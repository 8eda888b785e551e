//! Export jobs over HTTP across two real `scenebox serve` processes sharing one PostgreSQL and
//! one exports directory: the instance drawing a job is SIGKILLed mid-job, the other takes the
//! job over once its claim goes stale and finishes it, and the video downloads with the right
//! frame count and size, with nothing half-written left behind.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::serve_cli::{runtime, send_signal, ServeProcess};

fn get(base: &str, path: &str) -> Value {
    runtime().block_on(async {
        reqwest::get(format!("{base}{path}"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    })
}

fn post(base: &str, path: &str, body: &Value) -> (u16, Value) {
    runtime().block_on(async {
        let response = reqwest::Client::new()
            .post(format!("{base}{path}"))
            .json(body)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    })
}

/// Polls `GET /exports/{id}` on `base` until `done` holds for it.
fn wait_for(base: &str, id: &str, limit: Duration, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + limit;
    loop {
        let job = get(base, &format!("/exports/{id}"));
        if done(&job) {
            return job;
        }
        assert!(Instant::now() < deadline, "gave up waiting; last: {job}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_killed_instances_export_is_finished_by_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let exports = dir.path().join("exports");
    let schema = runtime().block_on(scenebox_fixtures::postgres::PgSchema::create());
    let args = [
        "--addr",
        "127.0.0.1:0",
        "--database-url",
        schema.url.as_str(),
        "--exports-dir",
        exports.to_str().unwrap(),
        "--export-lease-ms",
        "1500",
        "--isolation",
        "thread",
        "--workers",
        "1",
    ];
    let first = ServeProcess::start(dir.path(), &args);
    let second = ServeProcess::start(dir.path(), &args);

    let tsx = scenebox_fixtures::fixture("scenes", "title-card-spring").tsx;
    let (status, scene) = post(
        &first.base,
        "/scenes",
        &json!({"name": "title", "tsx": tsx}),
    );
    assert_eq!(status, 201, "{scene}");
    let scene_id = scene["id"].as_str().unwrap();
    let frames = 150;
    let (status, job) = post(
        &first.base,
        &format!("/scenes/{scene_id}/export"),
        &json!({"frames": format!("0..{frames}"), "video": {"width": 640, "height": 360}}),
    );
    assert_eq!(status, 202, "{job}");
    let id = job["id"].as_str().unwrap().to_string();
    assert_eq!(job["state"], "queued");
    assert_eq!(job["frames_total"], frames);

    // Whichever instance claimed it is killed once it has drawn a few frames.
    let running = wait_for(&first.base, &id, Duration::from_secs(60), |job| {
        job["state"] == "running" && job["frames_done"].as_u64().unwrap_or(0) >= 3
    });
    let worker = running["worker"].as_str().unwrap().to_string();
    let (victim, survivor) = if worker.ends_with(&format!("-{}/0", first.pid())) {
        (first, second)
    } else {
        assert!(
            worker.ends_with(&format!("-{}/0", second.pid())),
            "{worker}"
        );
        (second, first)
    };
    send_signal(victim.pid(), "KILL");
    drop(victim);

    // The survivor takes it over after the lease and finishes it.
    let done = wait_for(&survivor.base, &id, Duration::from_secs(180), |job| {
        job["state"] == "done" || job["state"] == "failed"
    });
    assert_eq!(done["state"], "done", "{done}");
    assert_eq!(done["attempts"], 2, "{done}");
    assert!(
        done["worker"]
            .as_str()
            .unwrap()
            .ends_with(&format!("-{}/0", survivor.pid())),
        "{done}"
    );
    assert_eq!(done["frames_done"], frames);
    assert_eq!(done["progress"], 1.0);
    assert_eq!(done["file"], format!("/exports/{id}/file"));

    let video = runtime().block_on(async {
        let response = reqwest::get(format!("{}/exports/{id}/file", survivor.base))
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.headers()["content-type"], "video/mp4");
        response.bytes().await.unwrap()
    });
    assert_eq!(Some(video.len() as u64), done["bytes"].as_u64());
    let downloaded = dir.path().join("downloaded.mp4");
    std::fs::write(&downloaded, &video).unwrap();
    let stream = scenebox_fixtures::video::probe_video(&downloaded);
    assert_eq!(stream["nb_read_frames"], frames.to_string());
    assert_eq!(
        (stream["width"].as_u64(), stream["height"].as_u64()),
        (Some(640), Some(360))
    );

    // Only the finished video is left: the killed attempt's temporary file was cleaned up.
    let left: Vec<String> = std::fs::read_dir(&exports)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec![format!("{id}.mp4")]);
}
