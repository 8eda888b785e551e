//! A result row from either backend, read through one set of typed getters.

use serde_json::Value;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, TypeInfo, ValueRef};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::timefmt;

/// A row returned by SQLite or PostgreSQL.
pub(crate) enum DbRow {
    /// From SQLite.
    Sqlite(SqliteRow),
    /// From PostgreSQL.
    Postgres(PgRow),
}

impl DbRow {
    /// A non-NULL UUID column.
    pub fn uuid(&self, column: &str) -> Result<Uuid> {
        self.opt_uuid(column)?
            .ok_or_else(|| StoreError::decode(column, "unexpected NULL"))
    }

    /// A nullable UUID column.
    pub fn opt_uuid(&self, column: &str) -> Result<Option<Uuid>> {
        match self {
            Self::Sqlite(row) => row
                .try_get::<Option<String>, _>(column)?
                .map(|text| Uuid::parse_str(&text).map_err(|e| StoreError::decode(column, e)))
                .transpose(),
            Self::Postgres(row) => Ok(row.try_get(column)?),
        }
    }

    /// A non-NULL text column.
    pub fn text(&self, column: &str) -> Result<String> {
        self.opt_text(column)?
            .ok_or_else(|| StoreError::decode(column, "unexpected NULL"))
    }

    /// A nullable text column.
    pub fn opt_text(&self, column: &str) -> Result<Option<String>> {
        Ok(match self {
            Self::Sqlite(row) => row.try_get(column)?,
            Self::Postgres(row) => row.try_get(column)?,
        })
    }

    /// A non-NULL integer column of any width.
    pub fn int(&self, column: &str) -> Result<i64> {
        self.opt_int(column)?
            .ok_or_else(|| StoreError::decode(column, "unexpected NULL"))
    }

    /// A nullable integer column of any width (PostgreSQL `int2`, `int4`, `int8`).
    pub fn opt_int(&self, column: &str) -> Result<Option<i64>> {
        match self {
            Self::Sqlite(row) => Ok(row.try_get(column)?),
            Self::Postgres(row) => {
                let raw = row.try_get_raw(column)?;
                if raw.is_null() {
                    return Ok(None);
                }
                let kind = raw.type_info().name().to_string();
                Ok(Some(match kind.as_str() {
                    "INT2" => i64::from(row.try_get::<i16, _>(column)?),
                    "INT4" => i64::from(row.try_get::<i32, _>(column)?),
                    _ => row.try_get::<i64, _>(column)?,
                }))
            }
        }
    }

    /// A nullable 32-bit integer column.
    pub fn opt_i32(&self, column: &str) -> Result<Option<i32>> {
        self.opt_int(column)?
            .map(|v| i32::try_from(v).map_err(|e| StoreError::decode(column, e)))
            .transpose()
    }

    /// A non-NULL 32-bit integer column.
    pub fn i32(&self, column: &str) -> Result<i32> {
        self.opt_i32(column)?
            .ok_or_else(|| StoreError::decode(column, "unexpected NULL"))
    }

    /// A non-NULL floating-point column.
    pub fn float(&self, column: &str) -> Result<f64> {
        let value: Option<f64> = match self {
            Self::Sqlite(row) => row.try_get(column)?,
            Self::Postgres(row) => row.try_get(column)?,
        };
        value.ok_or_else(|| StoreError::decode(column, "unexpected NULL"))
    }

    /// A nullable JSON column (`jsonb` on PostgreSQL, JSON text on SQLite).
    pub fn opt_json(&self, column: &str) -> Result<Option<Value>> {
        match self {
            Self::Sqlite(row) => row
                .try_get::<Option<String>, _>(column)?
                .map(|text| serde_json::from_str(&text).map_err(|e| StoreError::decode(column, e)))
                .transpose(),
            Self::Postgres(row) => Ok(row.try_get(column)?),
        }
    }

    /// A non-NULL timestamp column.
    pub fn time(&self, column: &str) -> Result<OffsetDateTime> {
        self.opt_time(column)?
            .ok_or_else(|| StoreError::decode(column, "unexpected NULL"))
    }

    /// A nullable timestamp column (`timestamptz` on PostgreSQL, RFC 3339 text on SQLite).
    pub fn opt_time(&self, column: &str) -> Result<Option<OffsetDateTime>> {
        match self {
            Self::Sqlite(row) => row
                .try_get::<Option<String>, _>(column)?
                .map(|text| timefmt::parse_text(&text).map_err(|e| StoreError::decode(column, e)))
                .transpose(),
            Self::Postgres(row) => Ok(row.try_get(column)?),
        }
    }
}
