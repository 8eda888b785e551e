//! The `scenes` column list and reading a row of it into a [`SceneRecord`].

use crate::db::DbRow;
use crate::error::Result;
use crate::model::{SceneRecord, SceneRow};

/// Every column of `scenes`, in [`SceneRecord`] order.
pub(crate) const SCENE_COLUMNS: &str = "id, project_id, name, \"order\", tsx_code, props, \
     duration, created_at, updated_at, js_code, js_compiled_at, compilation_error, \
     compilation_version, compile_meta, param_js_code, param_compilation_version, \
     param_compile_meta, content_hash, backfill_claimed_by, backfill_claimed_at";

/// The columns a backfill worker reads.
pub(crate) const SCENE_ROW_COLUMNS: &str = "id, name, tsx_code";

/// Reads a row selected with [`SCENE_COLUMNS`].
pub(crate) fn scene_from_row(row: &DbRow) -> Result<SceneRecord> {
    Ok(SceneRecord {
        id: row.uuid("id")?,
        project_id: row.uuid("project_id")?,
        name: row.opt_text("name")?,
        order: row.opt_i32("order")?,
        tsx_code: row.text("tsx_code")?,
        props: row.opt_json("props")?,
        duration: row.i32("duration")?,
        created_at: row.time("created_at")?,
        updated_at: row.time("updated_at")?,
        js_code: row.opt_text("js_code")?,
        js_compiled_at: row.opt_time("js_compiled_at")?,
        compilation_error: row.opt_text("compilation_error")?,
        compilation_version: row.i32("compilation_version")?,
        compile_meta: row.opt_json("compile_meta")?,
        param_js_code: row.opt_text("param_js_code")?,
        param_compilation_version: row.opt_i32("param_compilation_version")?,
        param_compile_meta: row.opt_json("param_compile_meta")?,
        content_hash: row.opt_text("content_hash")?,
        backfill_claimed_by: row.opt_text("backfill_claimed_by")?,
        backfill_claimed_at: row.opt_time("backfill_claimed_at")?,
    })
}

/// Reads a row selected with [`SCENE_ROW_COLUMNS`].
pub(crate) fn scene_row_from_row(row: &DbRow) -> Result<SceneRow> {
    Ok(SceneRow {
        id: row.uuid("id")?,
        name: row.opt_text("name")?,
        tsx_code: row.text("tsx_code")?,
    })
}
