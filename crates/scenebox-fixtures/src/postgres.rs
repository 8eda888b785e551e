//! A fresh schema on the local PostgreSQL server for one test (`SCENEBOX_TEST_POSTGRES`,
//! default `postgres://postgres@127.0.0.1:5432/test`, falling back to user `root`), dropped
//! when the test ends. Tests of the PostgreSQL backend talk to this real server.

use sqlx::{Connection, PgConnection};
use uuid::Uuid;

/// A schema of its own; `url` connects with it as the search path.
pub struct PgSchema {
    /// What `Store::connect` takes: the base URL with `search_path` set to the schema.
    pub url: String,
    base: String,
    schema: String,
}

async fn postgres_base() -> String {
    if let Ok(url) = std::env::var("SCENEBOX_TEST_POSTGRES") {
        return url;
    }
    for user in ["postgres", "root"] {
        let url = format!("postgres://{user}@127.0.0.1:5432/test");
        if PgConnection::connect(&url).await.is_ok() {
            return url;
        }
    }
    panic!("no PostgreSQL on 127.0.0.1:5432 (database `test`, user postgres or root)");
}

impl PgSchema {
    /// Creates `sbx_<uuid>` on the test server.
    pub async fn create() -> Self {
        let base = postgres_base().await;
        let schema = format!("sbx_{}", Uuid::new_v4().simple());
        let mut admin = PgConnection::connect(&base).await.expect("connect");
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&mut admin)
            .await
            .expect("create schema");
        let separator = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{separator}options=-c%20search_path%3D{schema}");
        Self { url, base, schema }
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        let (base, schema) = (self.base.clone(), self.schema.clone());
        // Async work cannot run in Drop: drop the schema from a thread with its own runtime.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async {
                if let Ok(mut admin) = PgConnection::connect(&base).await {
                    let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                        .execute(&mut admin)
                        .await;
                }
            });
        })
        .join();
    }
}
