//! Rollout: the switches' order, audit and validation; `artifact_versioning` off is the old
//! behaviour; `param_with_fallback` answers with Phase 1's frames and records the fallback; a
//! running server picks up a change made elsewhere, without a restart.

use std::time::Duration;

use reqwest::Method;
use scenebox_store::{EventKind, FlagName, Store};
use serde_json::{json, Value};

use crate::support::{assert_error, eventually, Database, Options, TestServer};

fn hashes(body: &Value) -> Vec<Value> {
    body["frames"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["hash"].clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switches_are_ordered_validated_and_audited() {
    let server = TestServer::start_with(
        Database::sqlite(),
        Options {
            rolled_out: false,
            ..Options::default()
        },
    )
    .await;
    let put = |name: &str, body: Value| {
        let path = format!("/flags/{name}");
        let server = &server;
        async move { server.send(Method::PUT, &path, &body).await }
    };
    let (status, body) = put("artifact_versioning", json!({"value": "on"})).await;
    let error = assert_error(status, &body, 409, "FlagOrder");
    assert!(error["message"].as_str().unwrap().contains("metrics first"));
    let (status, body) = put("metrics", json!({"value": "on", "actor": "ops@example"})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (body["old_value"].clone(), body["new_value"].clone()),
        (Value::Null, json!("on"))
    );
    let (status, _) = put("artifact_versioning", json!({"value": "on"})).await;
    assert_eq!(status, 200);
    let (status, body) = put("metrics", json!({"value": "off"})).await;
    assert_error(status, &body, 409, "FlagOrder");
    let (status, body) = put("turbo", json!({"value": "on"})).await;
    assert_error(status, &body, 400, "BadRequest");
    let (status, body) = put("execution_model", json!({"value": "fast"})).await;
    assert_error(status, &body, 400, "BadRequest");
    let (status, body) = put(
        "metrics",
        json!({"value": "on", "project_id": uuid::Uuid::new_v4()}),
    )
    .await;
    assert_error(status, &body, 400, "BadRequest");
    let (status, body) = put("execution_model", json!({"value": "param_with_fallback"})).await;
    assert_eq!(status, 200, "{body}");

    let (status, flags) = server.get("/flags").await;
    assert_eq!(status, 200);
    assert_eq!(flags["metrics"], true);
    assert_eq!(flags["artifact_versioning"], true);
    assert_eq!(flags["execution_model"], "param_with_fallback");
    let changes = flags["changes"].as_array().unwrap();
    let names: Vec<&str> = changes
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["execution_model", "artifact_versioning", "metrics"],
        "newest first; refusals not recorded"
    );
    assert_eq!(changes[2]["actor"], "ops@example");
    // Every value the store accepts is an execution mode the runner knows.
    for model in scenebox_store::EXECUTION_MODELS {
        assert_eq!(
            model
                .parse::<scenebox_compare::ExecutionMode>()
                .unwrap()
                .as_str(),
            model
        );
    }
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_artifact_versioning_off_scenes_are_phase1_only_and_fall_back() {
    let server = TestServer::start_with(
        Database::sqlite(),
        Options {
            rolled_out: false,
            ..Options::default()
        },
    )
    .await;
    let fixture = scenebox_fixtures::fixture("scenes", "title-card-spring");
    let (status, created) = server
        .post("/scenes", &json!({"name": "t", "tsx": fixture.tsx}))
        .await;
    assert_eq!(status, 201);
    assert_eq!(created["status"], "compiled");
    assert!(
        created["artifacts"]["param"].is_null(),
        "Phase 1 only: {created}"
    );
    assert_eq!(created["artifacts"]["phase1"]["compilation_version"], 1);
    let id = created["id"].as_str().unwrap();
    let path = format!("/scenes/{id}/render");

    let (status, body) = server
        .post(&path, &json!({"model": "param", "frames": [0]}))
        .await;
    let error = assert_error(status, &body, 422, "Compile");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("no parameterized artifact"));
    let (status, phase1) = server
        .post(&path, &json!({"model": "phase1", "frames": [0, 30]}))
        .await;
    assert_eq!(status, 200);
    let (status, fallen) = server
        .post(
            &path,
            &json!({"model": "param_with_fallback", "frames": [0, 30]}),
        )
        .await;
    assert_eq!(status, 200, "{fallen}");
    assert_eq!(
        (fallen["fallback"].clone(), fallen["model"].clone()),
        (json!(true), json!("phase1"))
    );
    assert_eq!(fallen["param_error"]["kind"], "Compile");
    assert_eq!(hashes(&fallen), hashes(&phase1));

    // Metrics are off: nothing but the compile event was recorded, and /metrics says why.
    let events = server
        .store
        .scene_events(id.parse().unwrap())
        .await
        .unwrap();
    assert!(
        events.iter().all(|e| e.kind == EventKind::Compile),
        "{events:?}"
    );
    let (status, body) = server.get("/metrics").await;
    assert_error(status, &body, 503, "MetricsOff");
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throwing_param_artifact_falls_back_to_phase1_with_an_event() {
    let server = TestServer::start().await;
    let regression = scenebox_fixtures::fixture("regressions", "reads-react-dom-version");
    let id = server.create_scene("rdom", &regression.tsx).await;
    let path = format!("/scenes/{id}/render");
    let (status, phase1) = server
        .post(&path, &json!({"model": "phase1", "frames": [0, 5]}))
        .await;
    assert_eq!(status, 200);
    let (status, fallen) = server
        .post(
            &path,
            &json!({"model": "param_with_fallback", "frames": [0, 5]}),
        )
        .await;
    assert_eq!(status, 200, "{fallen}");
    assert_eq!(fallen["fallback"], true);
    assert_eq!(hashes(&fallen), hashes(&phase1), "Phase 1's frames");
    assert_eq!(fallen["param_error"]["kind"], "Render");
    assert_eq!(fallen["param_error"]["line"], 12);

    let events = server
        .store
        .scene_events(id.parse().unwrap())
        .await
        .unwrap();
    let fallback = events
        .iter()
        .find(|e| e.kind == EventKind::Fallback)
        .expect("a fallback event");
    assert_eq!(fallback.error_class.as_deref(), Some("Render"));
    let detail = fallback.detail.as_ref().unwrap();
    assert_eq!(detail["frame"], 0);
    assert_eq!(detail["param_error"]["line"], 12);
    assert!(detail["phase1_error"].is_null());

    // Failing under both models: the caller gets the parameterized error.
    let broken = scenebox_fixtures::fixture("hostile", "throw-at-load");
    let both = server.create_scene("both", &broken.tsx).await;
    let (status, body) = server
        .post(
            &format!("/scenes/{both}/render"),
            &json!({"model": "param_with_fallback", "frames": [0]}),
        )
        .await;
    assert_error(status, &body, 422, "Evaluate");
    let events = server
        .store
        .scene_events(both.parse().unwrap())
        .await
        .unwrap();
    let fallback = events
        .iter()
        .find(|e| e.kind == EventKind::Fallback)
        .unwrap();
    assert_eq!(
        fallback.detail.as_ref().unwrap()["phase1_error"]["kind"],
        "Evaluate"
    );
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_server_picks_up_a_flag_change_without_a_restart() {
    let server = TestServer::start().await;
    let fixture = scenebox_fixtures::fixture("scenes", "title-card-spring");
    let id = server.create_scene("t", &fixture.tsx).await;
    let project = server
        .store
        .get_scene(id.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .project_id;
    let render = || async {
        let (status, body) = server
            .post(
                &format!("/scenes/{id}/render"),
                &json!({"frames": [0], "output": "hashes"}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        body["mode"].as_str().unwrap().to_string()
    };
    assert_eq!(render().await, "phase1");

    // Another process (here: another connection) changes the switch in the database.
    let elsewhere = Store::connect(&server.database_url()).await.unwrap();
    elsewhere
        .set_flag(FlagName::ExecutionModel, "param", None, "elsewhere")
        .await
        .unwrap();
    eventually(Duration::from_secs(5), || async {
        (render().await == "param").then_some(())
    })
    .await;
    elsewhere
        .set_flag(
            FlagName::ExecutionModel,
            "shadow",
            Some(project),
            "elsewhere",
        )
        .await
        .unwrap();
    eventually(Duration::from_secs(5), || async {
        (render().await == "shadow").then_some(())
    })
    .await;
    // A request's own model still wins.
    let (_, body) = server
        .post(
            &format!("/scenes/{id}/render"),
            &json!({"frames": [0], "model": "phase1"}),
        )
        .await;
    assert_eq!(body["mode"], "phase1");
    elsewhere.close().await;
    server.stop().await.unwrap();
}
