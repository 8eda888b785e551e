//! Storage growth from SQL: how many bytes of TSX and of JS per artifact version the scenes
//! table holds (in total and per day of creation), the JS/TSX ratio per artifact, row counts and
//! the database's own size. "JS is about 2× TSX": this is how that is watched.

use serde::{Deserialize, Serialize};

use crate::db::Sql;
use crate::error::Result;
use crate::report::percentile;
use crate::Store;

/// Storage figures of the whole database.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StorageReport {
    /// Rows of `scenes`.
    pub scenes: u64,
    /// Scenes with a Phase 1 artifact (`compilation_version` 1).
    pub phase1_artifacts: u64,
    /// Scenes with a parameterized artifact (`compilation_version` 2).
    pub param_artifacts: u64,
    /// Rows of `events`.
    pub events: u64,
    /// UTF-8 bytes of every scene's TSX.
    pub tsx_bytes: u64,
    /// Bytes of every Phase 1 artifact (`js_code`).
    pub phase1_js_bytes: u64,
    /// Bytes of every parameterized artifact (`param_js_code`).
    pub param_js_bytes: u64,
    /// Median of `js_code` bytes / TSX bytes over scenes with a Phase 1 artifact.
    pub phase1_ratio_p50: Option<f64>,
    /// 95th percentile of the same ratio.
    pub phase1_ratio_p95: Option<f64>,
    /// Median of `param_js_code` bytes / TSX bytes over scenes with a parameterized artifact.
    pub param_ratio_p50: Option<f64>,
    /// 95th percentile of the same ratio.
    pub param_ratio_p95: Option<f64>,
    /// The database's own size: SQLite page count × page size; on PostgreSQL the
    /// `pg_total_relation_size` of every table in the schema (indexes and TOAST included).
    pub database_bytes: u64,
    /// Per UTC day of scene creation, oldest first.
    pub days: Vec<StorageDay>,
}

/// The scenes created on one UTC day and the bytes they hold now.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StorageDay {
    /// `YYYY-MM-DD` (UTC).
    pub day: String,
    /// Scenes created that day.
    pub scenes: u64,
    /// Their TSX bytes.
    pub tsx_bytes: u64,
    /// Their Phase 1 JS bytes.
    pub phase1_js_bytes: u64,
    /// Their parameterized JS bytes.
    pub param_js_bytes: u64,
}

/// Byte length of a text column, the same number on both backends.
fn bytes(column: &str) -> (String, String) {
    (
        format!("COALESCE(LENGTH(CAST({column} AS BLOB)), 0)"),
        format!("COALESCE(octet_length({column}), 0)"),
    )
}

impl Store {
    /// The storage figures, computed by SQL (the ratios' percentiles from per-scene sizes).
    pub async fn storage_report(&self) -> Result<StorageReport> {
        let (tsx_sqlite, tsx_postgres) = bytes("tsx_code");
        let (js_sqlite, js_postgres) = bytes("js_code");
        let (param_sqlite, param_postgres) = bytes("param_js_code");
        let per_day = |day: &str, tsx: &str, js: &str, param: &str| {
            format!(
                "SELECT {day} AS day, COUNT(*) AS scenes, COALESCE(SUM({tsx}), 0) AS tsx, \
                 COALESCE(SUM({js}), 0) AS js, COALESCE(SUM({param}), 0) AS param \
                 FROM scenes GROUP BY 1 ORDER BY 1"
            )
        };
        let sqlite = per_day(
            "substr(created_at, 1, 10)",
            &tsx_sqlite,
            &js_sqlite,
            &param_sqlite,
        );
        let postgres = per_day(
            "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
            &tsx_postgres,
            &js_postgres,
            &param_postgres,
        );
        let mut report = StorageReport::default();
        let count = |row: &crate::db::DbRow, column: &str| row.int(column).map(|n| n.max(0) as u64);
        for row in self
            .pool
            .fetch_all(Sql::each(&sqlite, &postgres), &[])
            .await?
        {
            let day = StorageDay {
                day: row.text("day")?,
                scenes: count(&row, "scenes")?,
                tsx_bytes: count(&row, "tsx")?,
                phase1_js_bytes: count(&row, "js")?,
                param_js_bytes: count(&row, "param")?,
            };
            report.scenes += day.scenes;
            report.tsx_bytes += day.tsx_bytes;
            report.phase1_js_bytes += day.phase1_js_bytes;
            report.param_js_bytes += day.param_js_bytes;
            report.days.push(day);
        }

        let sizes = |tsx: &str, js: &str, param: &str| {
            format!(
                "SELECT {tsx} AS tsx, {js} AS js, {param} AS param, \
                 CASE WHEN js_code IS NULL THEN 0 ELSE 1 END AS has_js, \
                 CASE WHEN param_js_code IS NULL THEN 0 ELSE 1 END AS has_param FROM scenes"
            )
        };
        let (sizes_sqlite, sizes_postgres) = (
            sizes(&tsx_sqlite, &js_sqlite, &param_sqlite),
            sizes(&tsx_postgres, &js_postgres, &param_postgres),
        );
        let (mut phase1_ratios, mut param_ratios) = (Vec::new(), Vec::new());
        for row in self
            .pool
            .fetch_all(Sql::each(&sizes_sqlite, &sizes_postgres), &[])
            .await?
        {
            let tsx = row.int("tsx")?.max(1) as f64;
            if row.int("has_js")? == 1 {
                phase1_ratios.push(row.int("js")? as f64 / tsx);
            }
            if row.int("has_param")? == 1 {
                param_ratios.push(row.int("param")? as f64 / tsx);
            }
        }
        report.phase1_artifacts = phase1_ratios.len() as u64;
        report.param_artifacts = param_ratios.len() as u64;
        for ratios in [&mut phase1_ratios, &mut param_ratios] {
            ratios.sort_by(f64::total_cmp);
        }
        report.phase1_ratio_p50 = percentile(&phase1_ratios, 50.0);
        report.phase1_ratio_p95 = percentile(&phase1_ratios, 95.0);
        report.param_ratio_p50 = percentile(&param_ratios, 50.0);
        report.param_ratio_p95 = percentile(&param_ratios, 95.0);

        self.count_events_and_size(&mut report).await?;
        crate::metrics::record_storage(&report);
        Ok(report)
    }

    /// Only the totals the storage gauges show (rows, TSX and JS bytes per artifact version,
    /// database size), from aggregate queries without the per-scene scan or the per-day split:
    /// what a metrics scrape needs. The ratios are `None` and `days` is empty.
    pub async fn storage_totals(&self) -> Result<StorageReport> {
        let (tsx_sqlite, tsx_postgres) = bytes("tsx_code");
        let (js_sqlite, js_postgres) = bytes("js_code");
        let (param_sqlite, param_postgres) = bytes("param_js_code");
        let totals = |tsx: &str, js: &str, param: &str| {
            format!(
                "SELECT COUNT(*) AS scenes, COALESCE(SUM({tsx}), 0) AS tsx, \
                 COALESCE(SUM({js}), 0) AS js, COALESCE(SUM({param}), 0) AS param, \
                 COUNT(js_code) AS has_js, COUNT(param_js_code) AS has_param FROM scenes"
            )
        };
        let (sqlite, postgres) = (
            totals(&tsx_sqlite, &js_sqlite, &param_sqlite),
            totals(&tsx_postgres, &js_postgres, &param_postgres),
        );
        let row = self
            .pool
            .fetch_one(Sql::each(&sqlite, &postgres), &[])
            .await?;
        let count = |column: &str| row.int(column).map(|n| n.max(0) as u64);
        let mut report = StorageReport {
            scenes: count("scenes")?,
            tsx_bytes: count("tsx")?,
            phase1_js_bytes: count("js")?,
            param_js_bytes: count("param")?,
            phase1_artifacts: count("has_js")?,
            param_artifacts: count("has_param")?,
            ..StorageReport::default()
        };
        self.count_events_and_size(&mut report).await?;
        crate::metrics::record_storage(&report);
        Ok(report)
    }

    /// Fills in the `events` row count and the database's size.
    async fn count_events_and_size(&self, report: &mut StorageReport) -> Result<()> {
        let count = |row: &crate::db::DbRow, column: &str| row.int(column).map(|n| n.max(0) as u64);
        let events = self
            .pool
            .fetch_one(Sql::both("SELECT COUNT(*) AS n FROM events"), &[])
            .await?;
        report.events = count(&events, "n")?;
        let size = self
            .pool
            .fetch_one(
                Sql::each(
                    "SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()",
                    "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint AS n \
                     FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace \
                     WHERE s.nspname = current_schema() AND c.relkind = 'r'",
                ),
                &[],
            )
            .await?;
        report.database_bytes = count(&size, "n")?;
        Ok(())
    }
}
