//! The daily report: per UTC day, compiles and their failures, compile time percentiles,
//! executions and their errors per model, fallbacks and retries. SQL does only the counting
//! (grouping by day the portable way for each backend); percentiles are computed here, so both
//! backends give the same numbers for the same events.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::db::Sql;
use crate::error::Result;
use crate::Store;

/// One UTC day of events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DailyReport {
    /// `YYYY-MM-DD` (UTC).
    pub day: String,
    /// `compile` events.
    pub compiles: u64,
    /// `compile` events with an error class.
    pub compile_failures: u64,
    /// Median compile time (ms) over the day's compiles.
    pub compile_ms_p50: Option<f64>,
    /// 95th percentile compile time (ms) over the day's compiles.
    pub compile_ms_p95: Option<f64>,
    /// `execute` events per model (`unknown` when the event names none).
    pub executions: BTreeMap<String, u64>,
    /// `execute` events with an error class, per model.
    pub execution_errors: BTreeMap<String, u64>,
    /// `fallback` events.
    pub fallbacks: u64,
    /// Retries summed over all the day's events.
    pub retries: u64,
}

/// The day of `at` as `YYYY-MM-DD`: a prefix of SQLite's UTC text, `to_char` on PostgreSQL.
const DAY: Sql<'static> = Sql::each(
    "substr(at, 1, 10)",
    "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
);

impl Store {
    /// One [`DailyReport`] per UTC day that has events with `from <= at < to`, oldest first.
    pub async fn daily_report(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> Result<Vec<DailyReport>> {
        let counts = |day: &str| {
            format!(
                "SELECT {day} AS day, kind, COALESCE(model, 'unknown') AS model, \
                 CASE WHEN error_class IS NULL THEN 0 ELSE 1 END AS failed, \
                 COUNT(*) AS n, COALESCE(SUM(retries), 0) AS retries \
                 FROM events WHERE at >= $1 AND at < $2 GROUP BY 1, 2, 3, 4"
            )
        };
        let durations = |day: &str| {
            format!(
                "SELECT {day} AS day, duration_ms FROM events \
                 WHERE kind = 'compile' AND at >= $1 AND at < $2"
            )
        };
        let range = [from.into(), to.into()];
        let (counts_sqlite, counts_postgres) = (counts(DAY.sqlite), counts(DAY.postgres));
        let count_rows = self
            .pool
            .fetch_all(Sql::each(&counts_sqlite, &counts_postgres), &range)
            .await?;
        let (durations_sqlite, durations_postgres) =
            (durations(DAY.sqlite), durations(DAY.postgres));
        let duration_rows = self
            .pool
            .fetch_all(Sql::each(&durations_sqlite, &durations_postgres), &range)
            .await?;

        let mut days: BTreeMap<String, DailyReport> = BTreeMap::new();
        for row in &count_rows {
            let day = row.text("day")?;
            let report = days.entry(day.clone()).or_insert_with(|| DailyReport {
                day,
                ..DailyReport::default()
            });
            let n = row.int("n")?.max(0) as u64;
            let failed = row.int("failed")? != 0;
            report.retries += row.int("retries")?.max(0) as u64;
            match row.text("kind")?.as_str() {
                "compile" => {
                    report.compiles += n;
                    if failed {
                        report.compile_failures += n;
                    }
                }
                "execute" => {
                    let model = row.text("model")?;
                    *report.executions.entry(model.clone()).or_default() += n;
                    if failed {
                        *report.execution_errors.entry(model).or_default() += n;
                    }
                }
                "fallback" => report.fallbacks += n,
                _ => {}
            }
        }
        let mut compile_ms: BTreeMap<String, Vec<f64>> = BTreeMap::new();
        for row in &duration_rows {
            compile_ms
                .entry(row.text("day")?)
                .or_default()
                .push(row.float("duration_ms")?);
        }
        for (day, mut values) in compile_ms {
            values.sort_by(f64::total_cmp);
            if let Some(report) = days.get_mut(&day) {
                report.compile_ms_p50 = percentile(&values, 50.0);
                report.compile_ms_p95 = percentile(&values, 95.0);
            }
        }
        Ok(days.into_values().collect())
    }
}

/// The `p`th percentile of `sorted` (ascending) by linear interpolation between the closest
/// ranks (the usual "type 7" definition); `None` when empty.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = (p / 100.0).clamp(0.0, 1.0) * last as f64;
    let (low, high) = (rank.floor() as usize, rank.ceil() as usize);
    let weight = rank - low as f64;
    Some(sorted[low] + (sorted[high] - sorted[low]) * weight)
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentiles_interpolate() {
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&[3.0], 95.0), Some(3.0));
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 50.0), Some(2.5));
        let hundred: Vec<f64> = (1..=101).map(f64::from).collect();
        assert_eq!(percentile(&hundred, 95.0), Some(96.0));
    }
}
