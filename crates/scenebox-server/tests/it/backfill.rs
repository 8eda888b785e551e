//! `POST /backfill` / `GET /backfill`: a run compiles what is pending; runs started through two
//! instances sharing one PostgreSQL split the work, each scene compiled exactly once.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use scenebox_fixtures::postgres::PgSchema;
use scenebox_store::{EventKind, ImportScene, NewScene};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::support::{assert_error, eventually, Database, Options, TestServer};

fn pending_scenes(count: usize) -> Vec<ImportScene> {
    let fixtures = scenebox_fixtures::load("scenes");
    let project = Uuid::new_v4();
    (0..count)
        .map(|i| {
            let fixture = &fixtures[i % fixtures.len()];
            ImportScene::from(NewScene::new(project, format!("s{i}"), fixture.tsx.clone()))
        })
        .collect()
}

async fn wait_done(server: &TestServer, run: &Value) -> Value {
    let path = format!("/backfill/{}", run["id"].as_str().unwrap());
    eventually(Duration::from_secs(60), || async {
        let (status, body) = server.get(&path).await;
        assert_eq!(status, 200, "{body}");
        (body["state"] != "running").then_some(body)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_compiles_every_pending_scene() {
    let server = TestServer::start().await;
    server
        .store
        .import_scenes(pending_scenes(40))
        .await
        .unwrap();
    let (status, body) = server.get("/backfill").await;
    assert_eq!(status, 200);
    assert_eq!(body["store"]["pending"], 40);

    let (status, run) = server.post("/backfill", &json!({"batch_size": 7})).await;
    assert_eq!(status, 202, "{run}");
    assert_eq!(run["state"], "running");
    let done = wait_done(&server, &run).await;
    assert_eq!(done["state"], "done", "{done}");
    assert_eq!(
        done["compiled"].as_u64().unwrap() + done["failed"].as_u64().unwrap(),
        40
    );
    let (_, body) = server.get("/backfill").await;
    assert_eq!(body["store"]["pending"], 0);
    assert_eq!(body["runs"].as_array().unwrap().len(), 1);

    let (status, body) = server.post("/backfill", &json!({"batch_size": 0})).await;
    assert_error(status, &body, 400, "BadRequest");
    let (status, body) = server.get(&format!("/backfill/{}", Uuid::new_v4())).await;
    assert_error(status, &body, 404, "NotFound");
    server.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runs_on_two_instances_over_one_postgres_share_the_work() {
    let schema = Arc::new(PgSchema::create().await);
    let one = TestServer::start_with(Database::Postgres(schema.clone()), Options::default()).await;
    let two = TestServer::start_with(Database::Postgres(schema.clone()), Options::default()).await;
    one.store.import_scenes(pending_scenes(300)).await.unwrap();

    let (_, run_one) = one.post("/backfill", &json!({"batch_size": 10})).await;
    let (_, run_two) = two.post("/backfill", &json!({"batch_size": 10})).await;
    let (done_one, done_two) = (
        wait_done(&one, &run_one).await,
        wait_done(&two, &run_two).await,
    );
    let total = |run: &Value| run["compiled"].as_u64().unwrap() + run["failed"].as_u64().unwrap();
    assert_eq!(
        total(&done_one) + total(&done_two),
        300,
        "{done_one} {done_two}"
    );
    assert!(
        total(&done_one) > 0 && total(&done_two) > 0,
        "both instances took work"
    );

    // Exactly one compile event per scene, whichever instance wrote it.
    let from = time::OffsetDateTime::now_utc() - time::Duration::hours(1);
    let to = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    let mut compiles: HashMap<Uuid, usize> = HashMap::new();
    for event in one.store.events_between(from, to).await.unwrap() {
        if event.kind == EventKind::Compile {
            *compiles.entry(event.scene_id.unwrap()).or_default() += 1;
        }
    }
    assert_eq!(compiles.len(), 300);
    assert!(compiles.values().all(|&n| n == 1));
    let (_, overview) = two.get("/backfill").await;
    assert_eq!(overview["store"]["pending"], 0);
    one.stop().await.unwrap();
    two.stop().await.unwrap();
}
