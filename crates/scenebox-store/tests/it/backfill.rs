//! The backfill: every pending scene compiled exactly once with `backfilled: true`, resumable,
//! dry-runnable, safe against dead workers, edits and a second concurrent worker.

use std::collections::HashMap;
use std::time::Duration;

use scenebox_fixtures::fixture;
use scenebox_store::{
    run_backfill, BackfillOptions, BackfillResult, CompileStatus, NewScene, SceneFilter, Store,
    StoreOptions,
};
use uuid::Uuid;

use crate::support::{both, generated_scenes, small_scenes, tick, TestDb};

both!(
    backfill_is_exactly_once_and_resumable,
    dry_run_writes_nothing,
    stale_claims_are_taken_over,
    an_edit_during_a_claim_wins,
    concurrent_workers_share_the_work,
);

fn options(worker: &str, batch_size: u32, max_batches: Option<u64>) -> BackfillOptions {
    BackfillOptions {
        batch_size,
        worker_id: worker.to_string(),
        dry_run: false,
        max_batches,
    }
}

/// Imports `count` good scenes and the given invalid fixtures (raw, uncompiled).
async fn import(store: &Store, count: usize, invalid: &[&str]) {
    let mut scenes = generated_scenes(&small_scenes(), count, 5);
    for stem in invalid {
        scenes.push(NewScene::new(
            Uuid::new_v4(),
            *stem,
            fixture("invalid", stem).tsx,
        ));
    }
    store.import_scenes(scenes).await.unwrap();
}

/// Compile events per scene id.
async fn compile_events(db: &TestDb) -> HashMap<String, usize> {
    db.text_rows("SELECT CAST(scene_id AS TEXT), CAST(COUNT(*) AS TEXT) FROM events WHERE kind = 'compile' GROUP BY scene_id")
        .await
        .into_iter()
        .map(|row| (row[0].clone().unwrap(), row[1].clone().unwrap().parse().unwrap()))
        .collect()
}

async fn backfill_is_exactly_once_and_resumable(db: TestDb) {
    let store = db.store().await;
    import(
        &store,
        250,
        &["syntax-missing-brace", "unknown-import-lodash"],
    )
    .await;

    let first = run_backfill(&store, &options("w1", 100, Some(2)), |_| {})
        .await
        .unwrap();
    assert_eq!(first.batches, 2);
    assert_eq!(first.compiled + first.failed, 200);
    let status = store.backfill_status().await.unwrap();
    assert_eq!(status.pending, 52);
    assert_eq!(status.claimed, 0, "completed batches leave no claims");

    let mut seen = Vec::new();
    let second = run_backfill(&store, &options("w2", 100, None), |p| seen.push(p.batches))
        .await
        .unwrap();
    assert_eq!(second.compiled + second.failed, 52);
    assert_eq!(seen, [1]);
    assert_eq!(first.compiled + second.compiled, 250);
    assert_eq!(first.failed + second.failed, 2);

    let third = run_backfill(&store, &options("w3", 100, None), |_| {})
        .await
        .unwrap();
    assert_eq!((third.batches, third.compiled, third.failed), (0, 0, 0));

    let status = store.backfill_status().await.unwrap();
    assert_eq!(
        (status.total, status.compiled, status.failed, status.pending),
        (252, 250, 2, 0)
    );
    for scene in store.list_scenes(&SceneFilter::default()).await.unwrap() {
        assert_eq!(scene.backfill_claimed_by, None);
        assert_eq!(scene.backfill_claimed_at, None);
        let hash = scenebox_compile::content_hash(&scene.tsx_code);
        assert_eq!(scene.content_hash.as_deref(), Some(hash.as_str()));
        assert_eq!(
            scene.param_js_code, None,
            "the backfill writes Phase 1 only"
        );
        match scene.status() {
            CompileStatus::Compiled => {
                let meta = scene.phase1_meta().unwrap();
                assert!(meta.backfilled);
                assert_eq!(meta.compilation_version, 1);
                assert_eq!(scene.compilation_version, 1);
                assert!(scene.js_compiled_at.is_some());
                assert!(scene.js_code.unwrap().contains("window.Remotion"));
            }
            CompileStatus::Failed => {
                let error = scene.compilation_error.unwrap();
                assert!(
                    error.ends_with("(Syntax)") || error.ends_with("(UnknownImport)"),
                    "{error}"
                );
                assert_eq!(scene.compile_meta, None);
            }
            CompileStatus::Pending => panic!("{} still pending", scene.id),
        }
    }
    let events = compile_events(&db).await;
    assert_eq!(events.len(), 252);
    assert!(
        events.values().all(|&n| n == 1),
        "every scene compiled exactly once"
    );
}

async fn dry_run_writes_nothing(db: TestDb) {
    let store = db.store().await;
    import(&store, 30, &["syntax-stray-paren"]).await;
    let dry = BackfillOptions {
        dry_run: true,
        ..options("dry", 7, None)
    };
    let summary = run_backfill(&store, &dry, |_| {}).await.unwrap();
    assert!(summary.dry_run);
    assert_eq!(
        (summary.compiled, summary.failed, summary.batches),
        (30, 1, 5)
    );
    let status = store.backfill_status().await.unwrap();
    assert_eq!(
        (status.pending, status.compiled, status.claimed),
        (31, 0, 0)
    );
    assert!(compile_events(&db).await.is_empty());

    let limited = BackfillOptions {
        max_batches: Some(2),
        ..dry
    };
    let summary = run_backfill(&store, &limited, |_| {}).await.unwrap();
    assert_eq!(summary.compiled + summary.failed, 14);
}

async fn stale_claims_are_taken_over(db: TestDb) {
    let store = db.store().await;
    import(&store, 20, &[]).await;

    // A worker claims a batch and is SIGKILLed before completing it.
    let orphaned = store.claim_backfill_batch("dead", 10).await.unwrap();
    assert_eq!(orphaned.len(), 10);
    assert_eq!(store.backfill_status().await.unwrap().claimed, 10);

    // Within the lease its rows are left alone.
    let live = run_backfill(&store, &options("live", 100, None), |_| {})
        .await
        .unwrap();
    assert_eq!(live.compiled, 10);
    let status = store.backfill_status().await.unwrap();
    assert_eq!((status.pending, status.claimed), (10, 10));

    // Once the lease has run out, another worker takes them over.
    tick().await;
    let impatient = db
        .store_with(StoreOptions {
            claim_lease: Duration::from_millis(1),
            ..StoreOptions::default()
        })
        .await;
    let rescue = run_backfill(&impatient, &options("rescue", 100, None), |_| {})
        .await
        .unwrap();
    assert_eq!(rescue.compiled, 10);
    let status = store.backfill_status().await.unwrap();
    assert_eq!(
        (status.compiled, status.pending, status.claimed),
        (20, 0, 0)
    );

    // The dead worker comes back with its results: nothing is written twice.
    let late: Vec<BackfillResult> = orphaned
        .iter()
        .map(|row| BackfillResult::compile(store.compiler(), row))
        .collect();
    let written = store.complete_backfill("dead", &late).await.unwrap();
    assert_eq!((written.compiled, written.skipped), (0, 10));
    assert!(compile_events(&db).await.values().all(|&n| n == 1));
}

async fn an_edit_during_a_claim_wins(db: TestDb) {
    let store = db.store().await;
    import(&store, 3, &[]).await;
    let claimed = store.claim_backfill_batch("slow", 10).await.unwrap();
    assert_eq!(claimed.len(), 3);
    let results: Vec<BackfillResult> = claimed
        .iter()
        .map(|row| BackfillResult::compile(store.compiler(), row))
        .collect();

    // A user edits one scene (into a broken one) while the worker compiles the old TSX.
    let edited = store
        .edit_scene(claimed[0].id, "export default (")
        .await
        .unwrap();
    assert_eq!(
        edited.backfill_claimed_by, None,
        "the edit dropped the claim"
    );

    let written = store.complete_backfill("slow", &results).await.unwrap();
    assert_eq!((written.compiled, written.skipped), (2, 1));
    let after = store.get_scene(claimed[0].id).await.unwrap().unwrap();
    assert_eq!(
        after, edited,
        "the old TSX's artifact did not overwrite the edit"
    );
}

async fn concurrent_workers_share_the_work(db: TestDb) {
    const SCENES: usize = 2_000;
    let setup = db.store().await;
    import(&setup, SCENES, &[]).await;
    // Two workers with their own pools, as two processes would have.
    let (a, b) = (db.store().await, db.store().await);
    let worker_a =
        tokio::spawn(async move { run_backfill(&a, &options("a", 50, None), |_| {}).await });
    let worker_b =
        tokio::spawn(async move { run_backfill(&b, &options("b", 50, None), |_| {}).await });
    let (a, b) = (
        worker_a.await.unwrap().unwrap(),
        worker_b.await.unwrap().unwrap(),
    );
    println!(
        "{}: worker a compiled {} in {} batches, worker b {} in {}",
        setup.backend(),
        a.compiled,
        a.batches,
        b.compiled,
        b.batches
    );
    assert_eq!(a.compiled + b.compiled, SCENES as u64);
    assert_eq!((a.skipped, b.skipped, a.failed, b.failed), (0, 0, 0, 0));
    assert!(a.compiled > 0 && b.compiled > 0, "both workers took part");
    let status = setup.backfill_status().await.unwrap();
    assert_eq!((status.compiled, status.pending), (SCENES as u64, 0));
    let events = compile_events(&db).await;
    assert_eq!(events.len(), SCENES);
    assert!(events.values().all(|&n| n == 1), "no scene compiled twice");
}
