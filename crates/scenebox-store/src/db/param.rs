//! Typed query parameters that bind natively on each backend: UUIDs, JSON and timestamps are
//! `uuid`, `jsonb` and `timestamptz` on PostgreSQL and TEXT on SQLite.

use serde_json::Value;
use sqlx::postgres::PgArguments;
use sqlx::query::Query;
use sqlx::sqlite::SqliteArguments;
use sqlx::types::Json;
use sqlx::{Postgres, Sqlite};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::timefmt;

/// One bind parameter; `None` binds a NULL of the right type.
#[derive(Debug, Clone)]
pub(crate) enum Param {
    /// TEXT.
    Text(Option<String>),
    /// INTEGER (32-bit).
    Int(Option<i32>),
    /// BIGINT.
    BigInt(Option<i64>),
    /// DOUBLE PRECISION / REAL.
    Float(Option<f64>),
    /// `uuid` / TEXT.
    Uuid(Option<Uuid>),
    /// `jsonb` / TEXT.
    Json(Option<Value>),
    /// `timestamptz` / RFC 3339 TEXT.
    Time(Option<OffsetDateTime>),
}

impl From<&str> for Param {
    fn from(value: &str) -> Self {
        Self::Text(Some(value.to_string()))
    }
}

/// `From<T>` (bound as `Some`) and, where listed, `From<Option<T>>` for each variant.
macro_rules! param_from {
    ($($variant:ident: $ty:ty $(, $optional:ident)?;)+) => {
        $(
            impl From<$ty> for Param {
                fn from(value: $ty) -> Self {
                    Self::$variant(Some(value))
                }
            }
            $(param_from!(@optional $optional $variant $ty);)?
        )+
    };
    (@optional optional $variant:ident $ty:ty) => {
        impl From<Option<$ty>> for Param {
            fn from(value: Option<$ty>) -> Self {
                Self::$variant(value)
            }
        }
    };
}

param_from! {
    Text: String, optional;
    Int: i32, optional;
    BigInt: i64, optional;
    Float: f64;
    Uuid: Uuid, optional;
    Time: OffsetDateTime, optional;
}

impl From<Option<Value>> for Param {
    fn from(value: Option<Value>) -> Self {
        Self::Json(value)
    }
}

/// `sql` with `params` bound for SQLite.
pub(crate) fn sqlite_query<'q>(
    sql: &'q str,
    params: &'q [Param],
) -> Query<'q, Sqlite, SqliteArguments<'q>> {
    params
        .iter()
        .fold(sqlx::query(sql), |query, param| match param {
            Param::Text(v) => query.bind(v.as_deref()),
            Param::Int(v) => query.bind(*v),
            Param::BigInt(v) => query.bind(*v),
            Param::Float(v) => query.bind(*v),
            Param::Uuid(v) => query.bind(v.map(|id| id.hyphenated().to_string())),
            Param::Json(v) => query.bind(v.as_ref().map(Value::to_string)),
            Param::Time(v) => query.bind(v.map(timefmt::to_sqlite_text)),
        })
}

/// `sql` with `params` bound for PostgreSQL.
pub(crate) fn postgres_query<'q>(
    sql: &'q str,
    params: &'q [Param],
) -> Query<'q, Postgres, PgArguments> {
    params
        .iter()
        .fold(sqlx::query(sql), |query, param| match param {
            Param::Text(v) => query.bind(v.as_deref()),
            Param::Int(v) => query.bind(*v),
            Param::BigInt(v) => query.bind(*v),
            Param::Float(v) => query.bind(*v),
            Param::Uuid(v) => query.bind(*v),
            Param::Json(v) => query.bind(v.as_ref().map(Json)),
            Param::Time(v) => query.bind(*v),
        })
}
