//! `POST /scenes/{id}/render` and `POST /render`: the frames are the runtime's, under every
//! execution mode; shadow runs are compared and recorded; failures name the TSX place.

use std::time::Duration;

use scenebox_compile::compile;
use scenebox_runtime::{render, Model, RenderRequest, RuntimeConfig, VideoConfig};
use scenebox_store::EventKind;
use serde_json::{json, Value};

use crate::support::{assert_error, eventually, TestServer};

fn hashes(body: &Value) -> Vec<String> {
    body["frames"]
        .as_array()
        .expect("frames")
        .iter()
        .map(|f| f["hash"].as_str().expect("a hash").to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_scene_frames_are_the_runtimes_frames_under_each_model() {
    let server = TestServer::start().await;
    let fixture = scenebox_fixtures::fixture("scenes", "title-card-spring");
    let id = server.create_scene("title", &fixture.tsx).await;

    // The same frames rendered directly by the runtime, seeded as the server seeds them.
    let compiled = compile(&id, &fixture.tsx).unwrap();
    let direct = render(
        &RuntimeConfig::default(),
        &RenderRequest {
            scene: &id,
            compiled: &compiled,
            model: Model::Param,
            video: VideoConfig::default(),
            props: json!({}),
            frames: vec![0, 15, 45],
            seed: Some(id.clone()),
        },
    )
    .result
    .expect("renders directly");
    let expected: Vec<String> = direct.frames.iter().map(|f| f.hash.clone()).collect();

    for model in ["phase1", "param", "shadow", "shadow:param"] {
        let (status, body) = server
            .post(
                &format!("/scenes/{id}/render"),
                &json!({"model": model, "frames": [0, 15, 45]}),
            )
            .await;
        assert_eq!(status, 200, "{model}: {body}");
        assert_eq!(body["mode"], model);
        assert_eq!(hashes(&body), expected, "{model}");
        assert_eq!(
            body["frames"][1]["tree"],
            serde_json::to_value(&direct.frames[1].tree).unwrap(),
            "{model}: the tree is the runtime's"
        );
    }

    // `output: hashes` leaves the trees out; a selection string picks the frames.
    let (status, body) = server
        .post(
            &format!("/scenes/{id}/render"),
            &json!({"frames": "every:50", "output": "hashes", "video": {"durationInFrames": 150}}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let frames: Vec<u64> = body["frames"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["frame"].as_u64().unwrap())
        .collect();
    assert_eq!(frames, vec![0, 50, 100]);
    assert!(body["frames"][0].get("tree").is_none());

    // Every primary run left execute events; the two shadow runs were compared and recorded.
    let scene_id = id.parse().unwrap();
    let shadows = eventually(Duration::from_secs(30), || async {
        let events = server.store.scene_events(scene_id).await.unwrap();
        let shadows: Vec<_> = events
            .into_iter()
            .filter(|e| e.kind == EventKind::Other("shadow".into()))
            .collect();
        (shadows.len() == 2).then_some(shadows)
    })
    .await;
    for shadow in &shadows {
        assert_eq!(shadow.detail.as_ref().unwrap()["status"], "identical");
        assert_eq!(shadow.error_class, None);
    }
    let executes = server
        .store
        .scene_events(scene_id)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == EventKind::Execute)
        .count();
    assert_eq!(
        executes,
        5 + 2,
        "one per primary run plus one per shadow run"
    );
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adhoc_renders_store_nothing_and_name_the_place_of_errors() {
    let server = TestServer::start().await;
    let fixture = scenebox_fixtures::fixture("scenes", "title-card-spring");
    let (status, body) = server
        .post(
            "/render",
            &json!({"tsx": fixture.tsx, "frames": "0..3", "model": "param"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["frames"].as_array().unwrap().len(), 3);
    assert!(body["scene_id"].is_null());
    assert_eq!(server.store.backfill_status().await.unwrap().total, 0);

    let (status, body) = server
        .post(
            "/render",
            &json!({"tsx": "export default function A() {\n  return <div>{</div>;\n}\n"}),
        )
        .await;
    let error = assert_error(status, &body, 422, "Syntax");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(2), Some(16))
    );

    // A scene that throws on frame 1: the render error carries the frame and TSX line.
    let throws = scenebox_fixtures::fixture("hostile", "throw-on-frame-one");
    let (status, body) = server
        .post(
            "/render",
            &json!({"tsx": throws.tsx, "frames": [0, 1], "model": "param"}),
        )
        .await;
    let error = assert_error(status, &body, 422, "Render");
    assert_eq!(error["frame"], 1);
    let line = throws
        .tsx
        .lines()
        .position(|l| l.contains("throw new Error"))
        .unwrap()
        + 1;
    assert_eq!(error["line"].as_u64(), Some(line as u64), "{body}");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("frame one is cursed"));
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn render_errors_and_bad_options_are_documented_errors() {
    let server = TestServer::start().await;
    let fixture = scenebox_fixtures::fixture("scenes", "title-card-spring");
    let id = server.create_scene("title", &fixture.tsx).await;
    let path = format!("/scenes/{id}/render");
    for (body, why) in [
        (json!({"model": "fast"}), "unknown model"),
        (json!({"frames": "9..3"}), "empty range"),
        (json!({"frames": [500]}), "no frame within the duration"),
        (json!({"video": {"width": 0}}), "zero width"),
        (json!({"video": {"depth": 3}}), "unknown video field"),
        (json!({"props": "x"}), "props not an object"),
        (json!({"output": "pixels"}), "unknown output"),
    ] {
        let (status, answer) = server.post(&path, &body).await;
        assert_error(status, &answer, 400, "BadRequest");
        let _ = why;
    }
    let unknown = "00000000-0000-4000-8000-000000000002";
    let (status, body) = server
        .post(&format!("/scenes/{unknown}/render"), &json!({}))
        .await;
    assert_error(status, &body, 404, "NotFound");

    // A stored scene that does not compile answers 422 with its place; its last error shows up
    // on GET once a render failed at run time.
    let broken = server
        .create_scene(
            "broken",
            "export default function B() {\n  return <div>{</div>;\n}\n",
        )
        .await;
    let (status, body) = server
        .post(&format!("/scenes/{broken}/render"), &json!({}))
        .await;
    let error = assert_error(status, &body, 422, "Syntax");
    assert_eq!(error["scene_id"], broken.as_str());
    let throws = scenebox_fixtures::fixture("hostile", "throw-at-load");
    let thrower = server.create_scene("thrower", &throws.tsx).await;
    let (status, body) = server
        .post(
            &format!("/scenes/{thrower}/render"),
            &json!({"frames": "0"}),
        )
        .await;
    assert_error(status, &body, 422, "Evaluate");
    let (_, scene) = server.get(&format!("/scenes/{thrower}")).await;
    assert_eq!(scene["last_execution_error"]["kind"], "Evaluate", "{scene}");
    assert!(scene["last_execution_error"]["message"]
        .as_str()
        .unwrap()
        .contains("boom at load"));
    server.stop().await.unwrap();
}
