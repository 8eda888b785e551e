//! Probes, metrics, the dashboard, the OpenAPI document and unknown routes.

use serde_json::json;

use crate::support::{assert_error, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn probes_metrics_and_report_answer() {
    let server = TestServer::start().await;
    let (status, body) = server.get("/healthz").await;
    assert_eq!((status, body["status"].as_str()), (200, Some("ok")));
    let (status, body) = server.get("/readyz").await;
    assert_eq!((status, body["database"].as_str()), (200, Some("sqlite")));

    let fixture = scenebox_fixtures::fixture("scenes", "title-card-spring");
    server.create_scene("title", &fixture.tsx).await;
    let (status, _) = server
        .post(
            "/render",
            &json!({"tsx": fixture.tsx, "frames": [0], "model": "param"}),
        )
        .await;
    assert_eq!(status, 200);

    let metrics = server
        .client
        .get(server.url("/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(metrics.status().as_u16(), 200);
    let text = metrics.text().await.unwrap();
    for name in [
        "scenebox_http_requests_total",
        "scenebox_http_request_seconds",
        "scenebox_frames_rendered_total",
        "scenebox_compiles_total",
        "scenebox_storage_tsx_bytes",
        "scenebox_storage_js_bytes",
        "scenebox_storage_database_bytes",
    ] {
        assert!(
            text.contains(name),
            "`{name}` missing from /metrics:\n{text}"
        );
    }

    let report = server
        .client
        .get(server.url("/report?days=7"))
        .send()
        .await
        .unwrap();
    assert_eq!(report.status().as_u16(), 200);
    assert!(report
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = report.text().await.unwrap();
    assert!(
        html.contains("<svg") && html.contains("compiles per day"),
        "{html}"
    );
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_fails_while_draining_and_unknown_routes_are_json_errors() {
    let server = TestServer::start().await;
    let (status, body) = server.get("/nowhere").await;
    assert_error(status, &body, 404, "NotFound");
    let response = server
        .client
        .delete(server.url("/healthz"))
        .send()
        .await
        .unwrap();
    let (status, body) = crate::support::read(response).await;
    assert_error(status, &body, 405, "MethodNotAllowed");
    server.state.start_draining();
    let (status, body) = server.get("/readyz").await;
    assert_error(status, &body, 503, "Unavailable");
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_served_openapi_document_describes_every_route() {
    let server = TestServer::start().await;
    let (status, document) = server.get("/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(
        document,
        serde_json::to_value(scenebox_server::openapi()).unwrap()
    );
    let paths = document["paths"].as_object().expect("paths");
    for (path, method) in [
        ("/scenes", "post"),
        ("/scenes/{id}", "get"),
        ("/scenes/{id}", "put"),
        ("/scenes/{id}/render", "post"),
        ("/render", "post"),
        ("/backfill", "post"),
        ("/backfill", "get"),
        ("/backfill/{run_id}", "get"),
        ("/metrics", "get"),
        ("/report", "get"),
        ("/healthz", "get"),
        ("/readyz", "get"),
    ] {
        let operation = &paths[path][method];
        assert!(operation.is_object(), "{method} {path} is not documented");
        // Each documented path answers on the real router (not the JSON 404 fallback).
        let concrete = path
            .replace("{id}", "00000000-0000-4000-8000-000000000009")
            .replace("{run_id}", "00000000-0000-4000-8000-000000000009");
        let response = server
            .client
            .request(
                method.to_uppercase().parse().unwrap(),
                server.url(&concrete),
            )
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        let (status, body) = crate::support::read(response).await;
        assert!(
            !(status == 404 && body["error"]["message"] == "no such endpoint") && status != 405,
            "{method} {path}: {status} {body}"
        );
    }
    let schemas = document["components"]["schemas"]
        .as_object()
        .expect("schemas");
    for schema in [
        "ErrorResponse",
        "SceneView",
        "RenderOptions",
        "RenderResponse",
        "BackfillRun",
    ] {
        assert!(schemas.contains_key(schema), "schema {schema} missing");
    }
    server.stop().await.unwrap();
}

#[test]
fn dashboard_charts_draw_one_bar_per_value_scaled_to_the_maximum() {
    let svg = scenebox_server::dashboard::bar_chart(
        "compiles/day",
        &["2026-11-24".into(), "2026-11-25".into()],
        &[2.0, 4.0],
    );
    assert_eq!(svg.matches("<rect").count(), 2);
    assert!(
        svg.contains("height=\"156.0\""),
        "the tallest bar fills the plot: {svg}"
    );
    assert!(svg.contains("<title>2026-11-24: 2</title>"));
}
