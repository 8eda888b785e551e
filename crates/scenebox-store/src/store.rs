//! [`Store`]: a connection pool to SQLite or PostgreSQL, migrated on connect, plus the shared
//! compiler that create/edit and the backfill use.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use scenebox_compile::Compiler;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::backend::Backend;
use crate::db::Pool;
use crate::error::Result;
use crate::migrate::{self, Migrations};
use crate::scenes::CompileOnWrite;

/// How a [`Store`] connects and behaves.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Pool size; 8 for PostgreSQL and 4 for a SQLite file when `None`.
    pub max_connections: Option<u32>,
    /// How long SQLite waits for the write lock before failing.
    pub busy_timeout: Duration,
    /// A backfill claim older than this is abandoned (its worker died) and may be taken again.
    pub claim_lease: Duration,
    /// What create/edit write by default.
    pub compile_on_write: CompileOnWrite,
    /// Which migrations to apply on connect.
    pub migrations: Migrations,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            max_connections: None,
            busy_timeout: Duration::from_secs(30),
            claim_lease: Duration::from_secs(5 * 60),
            compile_on_write: CompileOnWrite::default(),
            migrations: Migrations::All,
        }
    }
}

/// The scene store. Cheap to clone: clones share the pool and the compiler.
#[derive(Clone)]
pub struct Store {
    pub(crate) pool: Pool,
    pub(crate) compiler: Arc<Compiler>,
    pub(crate) options: StoreOptions,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Connects with default options: `postgres://…`/`postgresql://…` is PostgreSQL; `sqlite:…`
    /// or a plain path is a SQLite file, created if missing (WAL mode, busy timeout). Applies
    /// the embedded migrations.
    pub async fn connect(location: &str) -> Result<Self> {
        Self::connect_with(location, StoreOptions::default()).await
    }

    /// Connects with `options`.
    pub async fn connect_with(location: &str, options: StoreOptions) -> Result<Self> {
        let pool = match Backend::of(location) {
            Backend::Postgres => Pool::Postgres(connect_postgres(location, &options).await?),
            Backend::Sqlite => Pool::Sqlite(connect_sqlite(location, &options).await?),
        };
        migrate::apply(&pool, options.migrations).await?;
        Ok(Self {
            pool,
            compiler: Arc::new(Compiler::default()),
            options,
        })
    }

    /// This store with `compiler` (e.g. one shared with other parts of a server).
    pub fn with_compiler(mut self, compiler: Arc<Compiler>) -> Self {
        self.compiler = compiler;
        self
    }

    /// The database behind the store.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// The compiler used on create/edit and by the backfill.
    pub fn compiler(&self) -> &Arc<Compiler> {
        &self.compiler
    }

    /// The options the store was opened with.
    pub fn options(&self) -> &StoreOptions {
        &self.options
    }

    /// Applies every embedded migration not applied yet.
    pub async fn migrate(&self) -> Result<()> {
        migrate::apply(&self.pool, Migrations::All).await
    }

    /// Checks that the database answers (`SELECT 1`): what a readiness probe asks.
    pub async fn ping(&self) -> Result<()> {
        self.pool
            .fetch_one(crate::db::Sql::both("SELECT 1 AS one"), &[])
            .await
            .map(|_| ())
    }

    /// Closes the pool, waiting for connections in use to be returned.
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }
}

async fn connect_postgres(url: &str, options: &StoreOptions) -> Result<sqlx::PgPool> {
    let connect = PgConnectOptions::from_str(url)?;
    Ok(PgPoolOptions::new()
        .max_connections(options.max_connections.unwrap_or(8))
        .connect_with(connect)
        .await?)
}

async fn connect_sqlite(location: &str, options: &StoreOptions) -> Result<sqlx::SqlitePool> {
    let in_memory = matches!(
        location,
        ":memory:" | "sqlite::memory:" | "sqlite://:memory:"
    ) || location.contains("mode=memory");
    let connect = if location == ":memory:" {
        SqliteConnectOptions::from_str("sqlite::memory:")?
    } else if location.starts_with("sqlite:") {
        SqliteConnectOptions::from_str(location)?
    } else {
        SqliteConnectOptions::new().filename(location)
    };
    let connect = connect
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(options.busy_timeout)
        .foreign_keys(true);
    let pool = if in_memory {
        // One connection keeps the in-memory database alive and shared by every query.
        SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
    } else {
        SqlitePoolOptions::new().max_connections(options.max_connections.unwrap_or(4))
    };
    Ok(pool.connect_with(connect).await?)
}
