//! `POST /scenes`, `PUT /scenes/{id}`, `GET /scenes/{id}`: compile on write, nothing lost, and
//! every bad input answered with the documented error.

use reqwest::Method;
use serde_json::json;

use crate::support::{assert_error, TestServer};

const GOOD: &str = "import { AbsoluteFill } from 'remotion';\n\
export default function Hello() { return <AbsoluteFill>Hi</AbsoluteFill>; }\n";
const BROKEN: &str = "export default function Broken() {\n  return <div>{</div>;\n}\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_get_and_edit_compile_on_write() {
    let server = TestServer::start().await;
    let (status, created) = server
        .post(
            "/scenes",
            &json!({"name": "hello", "tsx": GOOD, "duration": 60, "props": {"title": "x"}}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["status"], "compiled");
    assert_eq!(created["duration"], 60);
    assert_eq!(created["props"]["title"], "x");
    assert!(created["artifacts"]["phase1"]["code"]
        .as_str()
        .unwrap()
        .contains("window.Remotion"));
    assert_eq!(created["artifacts"]["param"]["compilation_version"], 2);
    assert_eq!(created["artifacts"]["param"]["meta"]["tool"], "swc");
    assert!(created["compilation_error"].is_null());
    let id = created["id"].as_str().unwrap();

    let (status, fetched) = server.get(&format!("/scenes/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(fetched["tsx"], GOOD);
    assert_eq!(fetched["content_hash"], created["content_hash"]);

    // An edit that breaks the scene keeps the TSX, drops the artifacts and names the place.
    let (status, edited) = server
        .send(
            Method::PUT,
            &format!("/scenes/{id}"),
            &json!({"tsx": BROKEN}),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["status"], "failed");
    assert_eq!(edited["tsx"], BROKEN);
    assert!(edited["artifacts"]["phase1"].is_null());
    let error = &edited["compilation_error"];
    assert_eq!(error["kind"], "Syntax", "{edited}");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(2), Some(16))
    );
    assert_eq!(error["scene_id"], id);

    let (_, fetched) = server.get(&format!("/scenes/{id}")).await;
    assert_eq!(fetched["compilation_error"], edited["compilation_error"]);
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scene_that_does_not_compile_is_stored_with_its_error() {
    let server = TestServer::start().await;
    let (status, created) = server
        .post("/scenes", &json!({"name": "broken", "tsx": BROKEN}))
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["status"], "failed");
    assert_eq!(created["compilation_error"]["line"], 2);
    let id = created["id"].as_str().unwrap();
    let stored = server
        .store
        .get_scene(id.parse().unwrap())
        .await
        .unwrap()
        .expect("stored");
    assert_eq!(stored.tsx_code, BROKEN);
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_the_documented_errors() {
    let server = TestServer::start().await;
    let unknown = "00000000-0000-4000-8000-000000000001";
    let (status, body) = server.get(&format!("/scenes/{unknown}")).await;
    assert_eq!(
        assert_error(status, &body, 404, "NotFound")["scene_id"],
        unknown
    );
    let (status, body) = server
        .send(
            Method::PUT,
            &format!("/scenes/{unknown}"),
            &json!({"tsx": GOOD}),
        )
        .await;
    assert_error(status, &body, 404, "NotFound");
    let (status, body) = server.get("/scenes/not-a-uuid").await;
    assert_error(status, &body, 400, "BadRequest");

    // Malformed JSON, the wrong shape, an unknown field, a missing content type.
    let response = server
        .client
        .post(server.url("/scenes"))
        .header("content-type", "application/json")
        .body("{\"tsx\": ")
        .send()
        .await
        .unwrap();
    let (status, body) = crate::support::read(response).await;
    assert_error(status, &body, 400, "BadRequest");
    let (status, body) = server.post("/scenes", &json!({"tsx": 42})).await;
    assert_error(status, &body, 400, "BadRequest");
    let (status, body) = server
        .post("/scenes", &json!({"tsx": GOOD, "colour": "red"}))
        .await;
    assert_error(status, &body, 400, "BadRequest");
    let (status, body) = server
        .post("/scenes", &json!({"tsx": GOOD, "props": [1, 2]}))
        .await;
    assert_error(status, &body, 400, "BadRequest");
    let (status, body) = server
        .post("/scenes", &json!({"tsx": GOOD, "duration": 0}))
        .await;
    assert_error(status, &body, 400, "BadRequest");
    let response = server
        .client
        .post(server.url("/scenes"))
        .body(json!({"tsx": GOOD}).to_string())
        .send()
        .await
        .unwrap();
    let (status, body) = crate::support::read(response).await;
    assert_error(status, &body, 415, "UnsupportedMediaType");

    // Nothing was stored by any of them, and the server still answers.
    let status = server.store.backfill_status().await.unwrap();
    assert_eq!(status.total, 0);
    let (status, _) = server.get("/healthz").await;
    assert_eq!(status, 200);
    server.stop().await.unwrap();
}
