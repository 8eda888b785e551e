//! The embedded migrations (`migrations/sqlite`, `migrations/postgres`): 0001 is the production
//! Phase 1 `scenes` table, every later one only adds (tables, columns, indexes).

use std::borrow::Cow;

use sqlx::migrate::Migrator;

use crate::backend::Backend;
use crate::db::Pool;
use crate::error::Result;

static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");

/// The embedded migrator for `backend`.
pub fn migrator(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    }
}

/// Which migrations [`Store::connect_with`](crate::Store::connect_with) applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Migrations {
    /// Every embedded migration (the default).
    #[default]
    All,
    /// Migrations up to and including this version (e.g. `1`: only the Phase 1 table).
    UpTo(i64),
    /// None: the schema is managed elsewhere.
    Skip,
}

/// Applies `which` migrations to the database behind `pool`.
pub(crate) async fn apply(pool: &Pool, which: Migrations) -> Result<()> {
    let backend = match pool {
        Pool::Sqlite(_) => Backend::Sqlite,
        Pool::Postgres(_) => Backend::Postgres,
    };
    let full = migrator(backend);
    let partial;
    let migrator = match which {
        Migrations::Skip => return Ok(()),
        Migrations::All => full,
        Migrations::UpTo(version) => {
            partial = up_to(full, version);
            &partial
        }
    };
    match pool {
        Pool::Sqlite(pool) => migrator.run(pool).await?,
        Pool::Postgres(pool) => migrator.run(pool).await?,
    }
    Ok(())
}

/// `full` without the migrations after `version`.
fn up_to(full: &Migrator, version: i64) -> Migrator {
    Migrator {
        migrations: Cow::Owned(
            full.iter()
                .filter(|m| m.version <= version)
                .cloned()
                .collect(),
        ),
        ignore_missing: full.ignore_missing,
        locking: full.locking,
        no_tx: full.no_tx,
    }
}
