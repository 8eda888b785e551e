//! The two database backends behind one small query layer: SQL text per backend ([`Sql`]),
//! typed parameters that bind natively on each ([`Param`]) and rows read through one set of
//! getters ([`DbRow`]). Write transactions on SQLite are `BEGIN IMMEDIATE`, so a transaction
//! that reads before it writes never loses its snapshot to another writer.

mod param;
mod row;

pub(crate) use param::Param;
pub(crate) use row::DbRow;

use param::{postgres_query, sqlite_query};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

use crate::error::Result;

/// One statement written for each backend (often the same text: both accept `$1` parameters).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sql<'a> {
    /// The statement for SQLite.
    pub sqlite: &'a str,
    /// The statement for PostgreSQL.
    pub postgres: &'a str,
}

impl<'a> Sql<'a> {
    /// The same statement on both backends.
    pub const fn both(sql: &'a str) -> Self {
        Self {
            sqlite: sql,
            postgres: sql,
        }
    }

    /// Different statements for SQLite and PostgreSQL.
    pub const fn each(sqlite: &'a str, postgres: &'a str) -> Self {
        Self { sqlite, postgres }
    }
}

/// A connection pool to one of the backends.
#[derive(Debug, Clone)]
pub(crate) enum Pool {
    /// An embedded SQLite file.
    Sqlite(SqlitePool),
    /// A PostgreSQL server.
    Postgres(PgPool),
}

/// An open transaction; dropped without [`Tx::commit`] it rolls back.
pub(crate) enum Tx {
    /// On SQLite.
    Sqlite(Transaction<'static, Sqlite>),
    /// On PostgreSQL.
    Postgres(Transaction<'static, Postgres>),
}

impl Pool {
    /// Begins a transaction that will write (`BEGIN IMMEDIATE` on SQLite).
    pub async fn begin_write(&self) -> Result<Tx> {
        Ok(match self {
            Self::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Self::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Runs a statement; returns the number of rows it affected.
    pub async fn execute(&self, sql: Sql<'_>, params: &[Param]) -> Result<u64> {
        Ok(match self {
            Self::Sqlite(pool) => sqlite_query(sql.sqlite, params)
                .execute(pool)
                .await?
                .rows_affected(),
            Self::Postgres(pool) => postgres_query(sql.postgres, params)
                .execute(pool)
                .await?
                .rows_affected(),
        })
    }

    /// Runs a query and returns all its rows.
    pub async fn fetch_all(&self, sql: Sql<'_>, params: &[Param]) -> Result<Vec<DbRow>> {
        Ok(match self {
            Self::Sqlite(pool) => sqlite_query(sql.sqlite, params)
                .fetch_all(pool)
                .await?
                .into_iter()
                .map(DbRow::Sqlite)
                .collect(),
            Self::Postgres(pool) => postgres_query(sql.postgres, params)
                .fetch_all(pool)
                .await?
                .into_iter()
                .map(DbRow::Postgres)
                .collect(),
        })
    }

    /// Runs a query and returns its first row, if any.
    pub async fn fetch_optional(&self, sql: Sql<'_>, params: &[Param]) -> Result<Option<DbRow>> {
        Ok(match self {
            Self::Sqlite(pool) => sqlite_query(sql.sqlite, params)
                .fetch_optional(pool)
                .await?
                .map(DbRow::Sqlite),
            Self::Postgres(pool) => postgres_query(sql.postgres, params)
                .fetch_optional(pool)
                .await?
                .map(DbRow::Postgres),
        })
    }

    /// Runs a query that returns exactly one row.
    pub async fn fetch_one(&self, sql: Sql<'_>, params: &[Param]) -> Result<DbRow> {
        Ok(match self {
            Self::Sqlite(pool) => {
                DbRow::Sqlite(sqlite_query(sql.sqlite, params).fetch_one(pool).await?)
            }
            Self::Postgres(pool) => {
                DbRow::Postgres(postgres_query(sql.postgres, params).fetch_one(pool).await?)
            }
        })
    }
}

impl Tx {
    /// Runs a statement; returns the number of rows it affected.
    pub async fn execute(&mut self, sql: Sql<'_>, params: &[Param]) -> Result<u64> {
        Ok(match self {
            Self::Sqlite(tx) => sqlite_query(sql.sqlite, params)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
            Self::Postgres(tx) => postgres_query(sql.postgres, params)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
        })
    }

    /// Runs a query and returns all its rows.
    pub async fn fetch_all(&mut self, sql: Sql<'_>, params: &[Param]) -> Result<Vec<DbRow>> {
        Ok(match self {
            Self::Sqlite(tx) => sqlite_query(sql.sqlite, params)
                .fetch_all(&mut **tx)
                .await?
                .into_iter()
                .map(DbRow::Sqlite)
                .collect(),
            Self::Postgres(tx) => postgres_query(sql.postgres, params)
                .fetch_all(&mut **tx)
                .await?
                .into_iter()
                .map(DbRow::Postgres)
                .collect(),
        })
    }

    /// Runs a query and returns its first row, if any.
    pub async fn fetch_optional(
        &mut self,
        sql: Sql<'_>,
        params: &[Param],
    ) -> Result<Option<DbRow>> {
        Ok(match self {
            Self::Sqlite(tx) => sqlite_query(sql.sqlite, params)
                .fetch_optional(&mut **tx)
                .await?
                .map(DbRow::Sqlite),
            Self::Postgres(tx) => postgres_query(sql.postgres, params)
                .fetch_optional(&mut **tx)
                .await?
                .map(DbRow::Postgres),
        })
    }

    /// Commits the transaction.
    pub async fn commit(self) -> Result<()> {
        match self {
            Self::Sqlite(tx) => tx.commit().await?,
            Self::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

/// `$first, $first+1, …` for `count` parameters: one row of a multi-row `VALUES`.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    let list: Vec<String> = (first..first + count).map(|n| format!("${n}")).collect();
    format!("({})", list.join(", "))
}
