//! Compile on write: create/edit store the TSX with both artifacts and their meta, or with the
//! compile error and no artifacts (stale ones cleared), plus one `compile` event per compile.

use scenebox_fixtures::fixture;
use scenebox_store::{
    CompileOnWrite, CompileStatus, EventKind, NewScene, SceneFilter, SceneRecord, StoreError,
};
use uuid::Uuid;

use crate::support::{both, tick, TestDb};

both!(
    create_stores_both_artifacts_and_meta,
    create_without_param_artifact,
    broken_tsx_is_stored_with_its_error,
    editing_into_a_broken_scene_clears_stale_artifacts,
    list_scenes_filters,
);

fn good_scene() -> NewScene {
    let mut scene = NewScene::new(
        Uuid::new_v4(),
        "Title card",
        fixture("scenes", "title-card-spring").tsx,
    );
    scene.order = 2;
    scene.props = serde_json::json!({"title": "Hello"});
    scene.duration = 180;
    scene
}

fn assert_compiled(record: &SceneRecord, tsx: &str, with_param: bool) {
    assert_eq!(record.tsx_code, tsx);
    assert_eq!(record.status(), CompileStatus::Compiled);
    assert_eq!(record.compilation_error, None);
    let js = record.js_code.as_deref().expect("js_code");
    assert!(js.contains("window.Remotion"), "Phase 1 reads window");
    assert!(record.js_compiled_at.is_some());
    assert_eq!(record.compilation_version, 1);
    let hash = scenebox_compile::content_hash(tsx);
    assert_eq!(record.content_hash.as_deref(), Some(hash.as_str()));
    let meta = record.phase1_meta().expect("compile_meta");
    assert_eq!(meta.compilation_version, 1);
    assert_eq!(meta.content_hash, hash);
    assert_eq!(meta.tool, "swc");
    assert!(!meta.backfilled);
    if with_param {
        let param = record.param_js_code.as_deref().expect("param_js_code");
        assert!(
            !param.contains("window"),
            "the parameterized code reads no globals"
        );
        assert_eq!(record.param_compilation_version, Some(2));
        let meta = record.param_meta().expect("param_compile_meta");
        assert_eq!(meta.compilation_version, 2);
        assert_eq!(meta.content_hash, hash);
    } else {
        assert_eq!(record.param_js_code, None);
        assert_eq!(record.param_compilation_version, None);
        assert_eq!(record.param_compile_meta, None);
    }
}

async fn create_stores_both_artifacts_and_meta(db: TestDb) {
    let store = db.store().await;
    let scene = good_scene();
    let record = store.create_scene(&scene).await.unwrap();
    assert_compiled(&record, &scene.tsx_code, true);
    assert_eq!(record.project_id, scene.project_id);
    assert_eq!(record.name.as_deref(), Some("Title card"));
    assert_eq!(record.order, Some(2));
    assert_eq!(record.props, Some(scene.props.clone()));
    assert_eq!(record.duration, 180);
    assert_eq!(record.created_at, record.updated_at);

    let stored = store.get_scene(record.id).await.unwrap().expect("stored");
    assert_eq!(stored, record, "what create returned is what was stored");

    let events = store.scene_events(record.id).await.unwrap();
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert_eq!(event.kind, EventKind::Compile);
    assert_eq!(event.model.as_deref(), Some("both"));
    assert_eq!(event.error_class, None);
    assert_eq!(event.input_bytes, Some(scene.tsx_code.len() as i64));
    let output =
        record.js_code.as_ref().unwrap().len() + record.param_js_code.as_ref().unwrap().len();
    assert_eq!(event.output_bytes, Some(output as i64));
    assert!(event.duration_ms >= 0.0);
    assert_eq!(event.detail.as_ref().unwrap()["trigger"], "create");
}

async fn create_without_param_artifact(db: TestDb) {
    let store = db.store().await;
    let scene = good_scene();
    let record = store
        .create_scene_with(&scene, CompileOnWrite { write_param: false })
        .await
        .unwrap();
    assert_compiled(&record, &scene.tsx_code, false);
    let events = store.scene_events(record.id).await.unwrap();
    assert_eq!(events[0].model.as_deref(), Some("phase1"));
}

/// `expect-error: Kind line:col` of an invalid fixture.
fn expected_position(stem: &str) -> (String, String) {
    let header = fixture("invalid", stem).header("expect-error").unwrap();
    let (kind, position) = header.split_once(' ').unwrap();
    (kind.to_string(), position.to_string())
}

async fn broken_tsx_is_stored_with_its_error(db: TestDb) {
    let store = db.store().await;
    let broken = fixture("invalid", "syntax-missing-brace").tsx;
    let (kind, position) = expected_position("syntax-missing-brace");
    let record = store
        .create_scene(&NewScene::new(Uuid::new_v4(), "broken", broken.clone()))
        .await
        .unwrap();
    assert_eq!(record.tsx_code, broken, "the scene is never lost");
    assert_eq!(record.status(), CompileStatus::Failed);
    let error = record.compilation_error.as_deref().unwrap();
    assert!(error.starts_with(&format!("{position}: ")), "{error}");
    assert!(error.ends_with(&format!("({kind})")), "{error}");
    assert!(error.contains("Expected '}'"), "{error}");
    assert_eq!(record.js_code, None);
    assert_eq!(record.js_compiled_at, None);
    assert_eq!(record.compile_meta, None);
    assert_eq!(record.param_js_code, None);
    assert_eq!(record.param_compile_meta, None);
    assert_eq!(
        record.content_hash.as_deref(),
        Some(scenebox_compile::content_hash(&broken).as_str())
    );
    let events = store.scene_events(record.id).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].error_class.as_deref(), Some(kind.as_str()));
    // Not something the backfill picks up again.
    assert_eq!(store.backfill_status().await.unwrap().pending, 0);
}

async fn editing_into_a_broken_scene_clears_stale_artifacts(db: TestDb) {
    let store = db.store().await;
    let scene = good_scene();
    let created = store.create_scene(&scene).await.unwrap();
    assert_compiled(&created, &scene.tsx_code, true);
    tick().await;

    let broken = fixture("invalid", "syntax-unterminated-string").tsx;
    let (_, position) = expected_position("syntax-unterminated-string");
    let edited = store.edit_scene(created.id, &broken).await.unwrap();
    assert_eq!(edited.tsx_code, broken);
    assert!(edited
        .compilation_error
        .as_deref()
        .unwrap()
        .starts_with(&format!("{position}: ")));
    assert_eq!(edited.js_code, None, "stale Phase 1 artifact cleared");
    assert_eq!(edited.js_compiled_at, None);
    assert_eq!(edited.compile_meta, None);
    assert_eq!(edited.param_js_code, None, "stale param artifact cleared");
    assert_eq!(edited.param_compilation_version, None);
    assert_eq!(edited.param_compile_meta, None);
    assert_eq!(edited.created_at, created.created_at);
    assert!(edited.updated_at > created.updated_at);
    assert_eq!(edited.props, created.props, "edit leaves the rest alone");
    assert_eq!(store.get_scene(created.id).await.unwrap().unwrap(), edited);

    let fixed = fixture("scenes", "counter-stats-lucide").tsx;
    let repaired = store.edit_scene(created.id, &fixed).await.unwrap();
    assert_compiled(&repaired, &fixed, true);

    let events = store.scene_events(created.id).await.unwrap();
    let classes: Vec<Option<&str>> = events.iter().map(|e| e.error_class.as_deref()).collect();
    assert_eq!(classes, [None, Some("Syntax"), None]);

    let missing = store.edit_scene(Uuid::new_v4(), &fixed).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
}

async fn list_scenes_filters(db: TestDb) {
    let store = db.store().await;
    let project = Uuid::new_v4();
    let mut ids = Vec::new();
    for order in [2, 0, 1] {
        let mut scene = good_scene();
        scene.project_id = project;
        scene.order = order;
        ids.push((order, store.create_scene(&scene).await.unwrap().id));
    }
    let broken = NewScene::new(project, "broken", "export default function (");
    let broken = store.create_scene(&broken).await.unwrap();
    store.create_scene(&good_scene()).await.unwrap();

    let in_project = store
        .list_scenes(&SceneFilter {
            project_id: Some(project),
            ..SceneFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(in_project.len(), 4);
    let orders: Vec<Option<i32>> = in_project.iter().map(|s| s.order).collect();
    assert_eq!(orders, [Some(0), Some(0), Some(1), Some(2)]);

    let failed = store
        .list_scenes(&SceneFilter {
            status: Some(CompileStatus::Failed),
            ..SceneFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].id, broken.id);

    let page = store
        .list_scenes(&SceneFilter {
            project_id: Some(project),
            status: Some(CompileStatus::Compiled),
            limit: Some(2),
            offset: 1,
        })
        .await
        .unwrap();
    let page_orders: Vec<Option<i32>> = page.iter().map(|s| s.order).collect();
    assert_eq!(page_orders, [Some(1), Some(2)]);
    assert_eq!(
        store
            .list_scenes(&SceneFilter::default())
            .await
            .unwrap()
            .len(),
        5
    );
}
