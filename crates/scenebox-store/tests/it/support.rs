//! Test databases: a temp-file SQLite or a fresh schema on the local PostgreSQL server
//! ([`PgSchema`]), dropped when the test ends; and the `both!` macro that runs a test on each.

use std::str::FromStr;
use std::time::Duration;

use scenebox_fixtures::postgres::PgSchema;
use scenebox_fixtures::Fixture;
use scenebox_store::{NewScene, Store, StoreOptions};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::SqlitePoolOptions;
use sqlx::Row;
use uuid::Uuid;

/// Which backend a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// A database for one test.
pub struct TestDb {
    pub kind: Kind,
    /// What `Store::connect` takes.
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    _schema: Option<PgSchema>,
}

/// Runs each named `async fn(TestDb)` once per backend, as `<name>::sqlite` and `<name>::postgres`.
macro_rules! both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::support::TestDb::new($crate::support::Kind::Sqlite).await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::support::TestDb::new($crate::support::Kind::Postgres).await).await;
            }
        }
    )*};
}
pub(crate) use both;

impl TestDb {
    /// A fresh, empty database of `kind`.
    pub async fn new(kind: Kind) -> Self {
        match kind {
            Kind::Sqlite => {
                let dir = tempfile::tempdir().expect("a temp dir");
                let path = dir.path().join("scenebox.db");
                Self {
                    kind,
                    url: path.to_string_lossy().into_owned(),
                    _dir: Some(dir),
                    _schema: None,
                }
            }
            Kind::Postgres => {
                let schema = PgSchema::create().await;
                Self {
                    kind,
                    url: schema.url.clone(),
                    _dir: None,
                    _schema: Some(schema),
                }
            }
        }
    }

    /// A store with default options.
    pub async fn store(&self) -> Store {
        Store::connect(&self.url).await.expect("connect the store")
    }

    /// A store with `options`.
    pub async fn store_with(&self, options: StoreOptions) -> Store {
        Store::connect_with(&self.url, options)
            .await
            .expect("connect the store")
    }

    /// Runs raw (multi-statement) SQL outside the store.
    pub async fn exec(&self, sql: &str) {
        match self.kind {
            Kind::Sqlite => {
                let pool = SqlitePoolOptions::new()
                    .max_connections(1)
                    .connect(&format!("sqlite:{}?mode=rwc", self.url))
                    .await
                    .expect("raw sqlite");
                sqlx::raw_sql(sql).execute(&pool).await.expect(sql);
                pool.close().await;
            }
            Kind::Postgres => {
                let pool = PgPoolOptions::new()
                    .max_connections(1)
                    .connect_with(PgConnectOptions::from_str(&self.url).unwrap())
                    .await
                    .expect("raw postgres");
                sqlx::raw_sql(sql).execute(&pool).await.expect(sql);
                pool.close().await;
            }
        }
    }

    /// Every row of `sql` with each column read as optional text (the query casts).
    pub async fn text_rows(&self, sql: &str) -> Vec<Vec<Option<String>>> {
        fn read<R: Row>(row: &R) -> Vec<Option<String>>
        where
            for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            usize: sqlx::ColumnIndex<R>,
        {
            (0..row.len())
                .map(|i| row.get::<Option<String>, _>(i))
                .collect()
        }
        match self.kind {
            Kind::Sqlite => {
                let pool = SqlitePoolOptions::new()
                    .max_connections(1)
                    .connect(&format!("sqlite:{}?mode=rwc", self.url))
                    .await
                    .expect("raw sqlite");
                let rows = sqlx::query(sql).fetch_all(&pool).await.expect(sql);
                pool.close().await;
                rows.iter().map(read).collect()
            }
            Kind::Postgres => {
                let pool = PgPoolOptions::new()
                    .max_connections(1)
                    .connect_with(PgConnectOptions::from_str(&self.url).unwrap())
                    .await
                    .expect("raw postgres");
                let rows = sqlx::query(sql).fetch_all(&pool).await.expect(sql);
                pool.close().await;
                rows.iter().map(read).collect()
            }
        }
    }
}

/// The scene fixtures under 4 KB, for bulk tests.
pub fn small_scenes() -> Vec<Fixture> {
    scenebox_fixtures::load("scenes")
        .into_iter()
        .filter(|f| f.tsx.len() < 4096)
        .collect()
}

/// `count` generated scenes over `projects` projects, TSX round-robin from `fixtures`.
pub fn generated_scenes(fixtures: &[Fixture], count: usize, projects: usize) -> Vec<NewScene> {
    let project_ids: Vec<Uuid> = (0..projects).map(|_| Uuid::new_v4()).collect();
    (0..count)
        .map(|i| {
            let fixture = &fixtures[i % fixtures.len()];
            NewScene {
                project_id: project_ids[i % projects],
                name: format!("{} #{i}", fixture.stem),
                order: (i / projects) as i32,
                tsx_code: fixture.tsx.clone(),
                props: serde_json::json!({ "index": i, "title": fixture.stem }),
                duration: 150 + (i % 7) as i32 * 30,
            }
        })
        .collect()
}

/// A short pause, so a timestamp taken next is strictly later.
pub async fn tick() {
    tokio::time::sleep(Duration::from_millis(5)).await;
}
