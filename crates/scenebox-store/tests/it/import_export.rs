//! Bulk import (10,000 Phase-1-shaped scenes, timed and then backfilled) and JSON-lines export.

use std::collections::HashMap;
use std::time::Instant;

use scenebox_store::{run_backfill, BackfillOptions, ImportScene, NewScene, SceneRecord};
use uuid::Uuid;

use crate::support::{both, generated_scenes, small_scenes, TestDb};

both!(
    import_ten_thousand_then_backfill,
    export_writes_every_column,
    import_keeps_ids_and_skips_duplicates
);

async fn import_ten_thousand_then_backfill(db: TestDb) {
    let store = db.store().await;
    let scenes = generated_scenes(&small_scenes(), 10_000, 250);

    let summary = store.import_scenes(scenes.clone()).await.unwrap();
    println!(
        "{}: imported 10,000 scenes in {:.3} s",
        store.backend(),
        summary.elapsed.as_secs_f64()
    );
    assert_eq!(summary.inserted, 10_000);
    assert_eq!(summary.skipped, 0);
    let status = store.backfill_status().await.unwrap();
    assert_eq!(
        (status.total, status.pending, status.compiled),
        (10_000, 10_000, 0)
    );

    let start = Instant::now();
    let options = BackfillOptions {
        worker_id: "bulk".into(),
        ..BackfillOptions::default()
    };
    let mut batches = 0;
    let summary = run_backfill(&store, &options, |_| batches += 1)
        .await
        .unwrap();
    println!(
        "{}: backfilled 10,000 scenes in {:.3} s ({:.0} scenes/s, {} batches)",
        store.backend(),
        start.elapsed().as_secs_f64(),
        summary.rate_per_sec,
        summary.batches
    );
    assert_eq!(summary.compiled, 10_000);
    assert_eq!((summary.failed, summary.skipped), (0, 0));
    assert_eq!(summary.batches, 100);
    assert_eq!(batches, 100);
    let status = store.backfill_status().await.unwrap();
    assert_eq!(
        (status.compiled, status.pending, status.claimed),
        (10_000, 0, 0)
    );

    let per_scene = db
        .text_rows(
            "SELECT CAST(COUNT(*) AS TEXT), CAST(COUNT(DISTINCT scene_id) AS TEXT) \
             FROM events WHERE kind = 'compile'",
        )
        .await;
    assert_eq!(
        per_scene,
        vec![vec![Some("10000".to_string()), Some("10000".to_string())]],
        "one compile per scene"
    );
}

async fn export_writes_every_column(db: TestDb) {
    let store = db.store().await;
    let fixtures = small_scenes();
    let project = Uuid::new_v4();
    let compiled = store
        .create_scene(&NewScene::new(project, "compiled", fixtures[0].tsx.clone()))
        .await
        .unwrap();
    let failed = store
        .create_scene(&NewScene::new(project, "failed", "export default (("))
        .await
        .unwrap();
    store
        .import_scenes(generated_scenes(&fixtures, 1_203, 3))
        .await
        .unwrap();

    let mut out = Vec::new();
    let written = store.export_jsonl(&mut out).await.unwrap();
    assert_eq!(written, 1_205);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1_205);

    let columns = [
        "id",
        "project_id",
        "name",
        "order",
        "tsx_code",
        "props",
        "duration",
        "created_at",
        "updated_at",
        "js_code",
        "js_compiled_at",
        "compilation_error",
        "compilation_version",
        "compile_meta",
        "param_js_code",
        "param_compilation_version",
        "param_compile_meta",
        "content_hash",
        "backfill_claimed_by",
        "backfill_claimed_at",
    ];
    let mut by_id: HashMap<Uuid, SceneRecord> = HashMap::new();
    let mut previous: Option<Uuid> = None;
    for line in &lines {
        let object: serde_json::Value = serde_json::from_str(line).unwrap();
        let keys: Vec<&str> = object
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, columns);
        let record: SceneRecord = serde_json::from_value(object).unwrap();
        assert!(previous < Some(record.id), "ordered by id");
        previous = Some(record.id);
        by_id.insert(record.id, record);
    }
    assert_eq!(by_id[&compiled.id], compiled);
    assert_eq!(by_id[&failed.id], failed);
    assert_eq!(
        by_id.values().filter(|s| s.js_code.is_none()).count(),
        1_204
    );
}

async fn import_keeps_ids_and_skips_duplicates(db: TestDb) {
    let store = db.store().await;
    let fixtures = small_scenes();
    let created_at = time::macros::datetime!(2023-02-03 04:05:06.789 UTC);
    let rows: Vec<ImportScene> = generated_scenes(&fixtures, 3, 1)
        .into_iter()
        .map(|scene| ImportScene {
            id: Some(Uuid::new_v4()),
            created_at: Some(created_at),
            updated_at: None,
            scene,
        })
        .collect();
    let first = store.import_scenes(rows.clone()).await.unwrap();
    assert_eq!((first.inserted, first.skipped), (3, 0));
    let again = store.import_scenes(rows.clone()).await.unwrap();
    assert_eq!((again.inserted, again.skipped), (0, 3));

    let stored = store.get_scene(rows[1].id.unwrap()).await.unwrap().unwrap();
    assert_eq!(stored.created_at, created_at);
    assert_eq!(stored.updated_at, created_at);
    assert_eq!(stored.tsx_code, rows[1].scene.tsx_code);
    assert_eq!(stored.props, Some(rows[1].scene.props.clone()));
    assert_eq!(stored.js_code, None, "imported raw, not compiled");
    assert_eq!(stored.content_hash, None);
}
