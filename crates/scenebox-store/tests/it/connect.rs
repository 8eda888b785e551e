//! Connecting: location strings pick the backend, SQLite files are created and migrated, and
//! reconnecting to a migrated database is a no-op.

use scenebox_store::{Backend, NewScene, Store};
use uuid::Uuid;

use crate::support::{Kind, TestDb};

#[tokio::test]
async fn sqlite_locations_create_and_migrate_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested-name.db");
    assert!(!path.exists());
    let store = Store::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    assert_eq!(store.backend(), Backend::Sqlite);
    assert!(path.exists(), "the file was created");
    let scene = NewScene::new(Uuid::new_v4(), "s", "export default () => null;");
    let created = store.create_scene(&scene).await.unwrap();
    store.close().await;

    // Reopened by plain path: migrations are already applied, the scene is there.
    let again = Store::connect(&path.to_string_lossy()).await.unwrap();
    assert_eq!(again.get_scene(created.id).await.unwrap(), Some(created));
    let all = again.list_scenes(&Default::default()).await.unwrap();
    assert_eq!(all.len(), 1);
}

#[tokio::test]
async fn in_memory_sqlite_works() {
    let store = Store::connect(":memory:").await.unwrap();
    let scene = NewScene::new(Uuid::new_v4(), "s", "export default () => null;");
    let created = store.create_scene(&scene).await.unwrap();
    assert_eq!(store.get_scene(created.id).await.unwrap(), Some(created));
}

#[tokio::test]
async fn postgres_urls_connect_to_postgres() {
    let db = TestDb::new(Kind::Postgres).await;
    let store = db.store().await;
    assert_eq!(store.backend(), Backend::Postgres);
    // A second store on the same database finds it migrated.
    let second = db.store().await;
    assert_eq!(second.backfill_status().await.unwrap().total, 0);
}
