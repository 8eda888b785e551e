//! The storage totals a metrics scrape reads come from aggregate queries, and agree with the
//! full storage report's totals.

use scenebox_store::{Event, EventKind};

use crate::support::{both, generated_scenes, small_scenes, TestDb};

both!(totals_agree_with_the_full_report);

async fn totals_agree_with_the_full_report(db: TestDb) {
    let store = db.store().await;
    let scenes = generated_scenes(&small_scenes(), 8, 2);
    // Compiled on write (artifacts) and imported raw (TSX only).
    for scene in &scenes[..5] {
        store.create_scene(scene).await.unwrap();
    }
    store.import_scenes(scenes[5..].to_vec()).await.unwrap();
    store
        .record_event(&Event::new(EventKind::Execute, 1.0))
        .await
        .unwrap();

    let totals = store.storage_totals().await.unwrap();
    let full = store.storage_report().await.unwrap();
    assert_eq!(totals.scenes, 8);
    assert_eq!(totals.scenes, full.scenes);
    assert_eq!(totals.phase1_artifacts, full.phase1_artifacts);
    assert_eq!(totals.param_artifacts, full.param_artifacts);
    assert_eq!(totals.tsx_bytes, full.tsx_bytes);
    assert_eq!(totals.phase1_js_bytes, full.phase1_js_bytes);
    assert_eq!(totals.param_js_bytes, full.param_js_bytes);
    assert_eq!(totals.events, full.events);
    assert!(totals.events >= 1);
    assert!(totals.phase1_js_bytes > 0 && totals.tsx_bytes > 0);
    assert!(totals.database_bytes > 0);
    // Only the full report scans per scene and per day.
    assert!(totals.days.is_empty() && totals.phase1_ratio_p50.is_none());
    assert!(!full.days.is_empty() && full.phase1_ratio_p50.is_some());
}
