//! Bulk import of Phase-1-shaped scenes, stored raw (no compile, `js_code` NULL) with
//! multi-row `INSERT`s in large transactions, and export of every column as JSON lines.

use std::io::Write;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::{placeholders, Param, Sql};
use crate::error::Result;
use crate::model::ImportScene;
use crate::scenes::{scene_from_row, SCENE_COLUMNS};
use crate::timefmt;
use crate::Store;

/// Columns bound per imported row.
const IMPORT_COLUMNS: usize = 9;
/// Rows per multi-row `INSERT` (9 parameters each: well under both backends' limits).
const ROWS_PER_STATEMENT: usize = 500;
/// Rows per transaction.
const ROWS_PER_TRANSACTION: usize = 10_000;
/// Rows per page read by the export.
const EXPORT_PAGE: i64 = 500;

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// Rows inserted.
    pub inserted: u64,
    /// Rows whose id was already present (left as they were).
    pub skipped: u64,
    /// Wall time.
    pub elapsed: Duration,
}

impl Store {
    /// Inserts `scenes` as they are, without compiling (the backfill compiles them later).
    pub async fn import_scenes<I, S>(&self, scenes: I) -> Result<ImportSummary>
    where
        I: IntoIterator<Item = S>,
        S: Into<ImportScene>,
    {
        let start = Instant::now();
        let (mut inserted, mut skipped) = (0, 0);
        let mut scenes = scenes.into_iter().map(Into::into).peekable();
        while scenes.peek().is_some() {
            let mut tx = self.pool.begin_write().await?;
            let mut in_transaction = 0;
            while in_transaction < ROWS_PER_TRANSACTION && scenes.peek().is_some() {
                let chunk: Vec<ImportScene> = scenes.by_ref().take(ROWS_PER_STATEMENT).collect();
                in_transaction += chunk.len();
                let (sql, params) = insert_statement(&chunk);
                let written = tx.execute(Sql::both(&sql), &params).await?;
                inserted += written;
                skipped += chunk.len() as u64 - written;
            }
            tx.commit().await?;
        }
        Ok(ImportSummary {
            inserted,
            skipped,
            elapsed: start.elapsed(),
        })
    }

    /// Writes every scene, ordered by id, as one JSON object per line with all its columns
    /// (the shape of [`SceneRecord`](crate::SceneRecord)); returns how many were written.
    pub async fn export_jsonl<W: Write>(&self, mut writer: W) -> Result<u64> {
        let first = format!("SELECT {SCENE_COLUMNS} FROM scenes ORDER BY id LIMIT $1");
        let next = format!("SELECT {SCENE_COLUMNS} FROM scenes WHERE id > $2 ORDER BY id LIMIT $1");
        let mut after: Option<Uuid> = None;
        let mut written = 0;
        loop {
            let rows = match after {
                None => {
                    self.pool
                        .fetch_all(Sql::both(&first), &[EXPORT_PAGE.into()])
                        .await?
                }
                Some(id) => {
                    self.pool
                        .fetch_all(Sql::both(&next), &[EXPORT_PAGE.into(), id.into()])
                        .await?
                }
            };
            for row in &rows {
                let scene = scene_from_row(row)?;
                serde_json::to_writer(&mut writer, &scene)?;
                writer.write_all(b"\n")?;
                after = Some(scene.id);
                written += 1;
            }
            if (rows.len() as i64) < EXPORT_PAGE {
                break;
            }
        }
        writer.flush()?;
        Ok(written)
    }
}

/// One multi-row `INSERT … ON CONFLICT (id) DO NOTHING` for `chunk`.
fn insert_statement(chunk: &[ImportScene]) -> (String, Vec<Param>) {
    let now = timefmt::now();
    let rows: Vec<String> = (0..chunk.len())
        .map(|i| placeholders(i * IMPORT_COLUMNS + 1, IMPORT_COLUMNS))
        .collect();
    let sql = format!(
        "INSERT INTO scenes (id, project_id, name, \"order\", tsx_code, props, duration, \
         created_at, updated_at) VALUES {} ON CONFLICT (id) DO NOTHING",
        rows.join(", ")
    );
    let mut params = Vec::with_capacity(chunk.len() * IMPORT_COLUMNS);
    for row in chunk {
        let created_at = row.created_at.unwrap_or(now);
        params.extend([
            Param::from(row.id.unwrap_or_else(Uuid::new_v4)),
            row.scene.project_id.into(),
            row.scene.name.clone().into(),
            row.scene.order.into(),
            row.scene.tsx_code.clone().into(),
            Some(row.scene.props.clone()).into(),
            row.scene.duration.into(),
            created_at.into(),
            row.updated_at.unwrap_or(created_at).into(),
        ]);
    }
    (sql, params)
}
