//! Compile on write: what create/edit store for a TSX source — both artifacts and their
//! metadata, or the compile error with every stale artifact cleared — and the `compile`
//! event that goes with it.

use std::sync::Arc;
use std::time::Instant;

use scenebox_compile::{CompileError, CompiledScene, Compiler};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::Param;
use crate::error::Result;
use crate::events::{Event, EventKind};
use crate::timefmt;

/// What create/edit write besides the TSX.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompileOnWrite {
    /// Also store the parameterized artifact (`param_js_code`, compilation version 2).
    pub write_param: bool,
}

impl Default for CompileOnWrite {
    fn default() -> Self {
        Self { write_param: true }
    }
}

/// `line:column: message (Kind)`: how a compile error is stored in `compilation_error`.
pub fn format_compile_error(error: &CompileError) -> String {
    format!(
        "{}:{}: {} ({})",
        error.line, error.column, error.message, error.kind
    )
}

/// The artifact columns of one compile, ready to bind.
#[derive(Debug, Clone)]
pub(crate) struct ArtifactColumns {
    pub js_code: Option<String>,
    pub js_compiled_at: Option<OffsetDateTime>,
    pub compilation_error: Option<String>,
    pub compilation_version: i32,
    pub compile_meta: Option<Value>,
    pub param_js_code: Option<String>,
    pub param_compilation_version: Option<i32>,
    pub param_compile_meta: Option<Value>,
    pub content_hash: String,
}

impl ArtifactColumns {
    /// The columns in the order the scene statements bind them.
    pub fn params(&self) -> [Param; 9] {
        [
            self.js_code.clone().into(),
            self.js_compiled_at.into(),
            self.compilation_error.clone().into(),
            self.compilation_version.into(),
            self.compile_meta.clone().into(),
            self.param_js_code.clone().into(),
            self.param_compilation_version.into(),
            self.param_compile_meta.clone().into(),
            Param::from(self.content_hash.clone()),
        ]
    }
}

/// A finished compile-on-write: the columns to store and the event to record.
pub(crate) struct WriteCompile {
    pub columns: ArtifactColumns,
    pub event: Event,
}

/// Compiles `tsx` for scene `id` on the blocking pool and turns the outcome into columns.
pub(crate) async fn compile_for_write(
    compiler: &Arc<Compiler>,
    id: Uuid,
    tsx: &str,
    options: CompileOnWrite,
    trigger: &str,
) -> Result<WriteCompile> {
    let compiler = compiler.clone();
    let source = tsx.to_string();
    let (outcome, duration_ms) = tokio::task::spawn_blocking(move || {
        let start = Instant::now();
        let outcome = compiler.compile(&id.to_string(), &source);
        (outcome, start.elapsed().as_secs_f64() * 1e3)
    })
    .await?;
    crate::metrics::record_compile(
        "write",
        duration_ms,
        tsx.len(),
        outcome
            .as_ref()
            .ok()
            .map(|scene| scene.phase1.code.len() + scene.param.code.len()),
        outcome.as_ref().err().map(|error| error.kind.as_str()),
    );
    Ok(write_compile(
        id,
        tsx,
        outcome,
        duration_ms,
        options,
        trigger,
    ))
}

fn write_compile(
    id: Uuid,
    tsx: &str,
    outcome: std::result::Result<Arc<CompiledScene>, CompileError>,
    duration_ms: f64,
    options: CompileOnWrite,
    trigger: &str,
) -> WriteCompile {
    let now = timefmt::now();
    let content_hash = scenebox_compile::content_hash(tsx);
    let mut event = Event::new(EventKind::Compile, duration_ms);
    event.at = now;
    event.scene_id = Some(id);
    event.input_bytes = Some(tsx.len() as i64);
    let columns = match outcome {
        Ok(scene) => {
            let phase1_meta = meta_json(&scene.phase1.meta, now);
            let mut output = scene.phase1.code.len();
            let (param_js_code, param_version, param_meta) = if options.write_param {
                output += scene.param.code.len();
                (
                    Some(scene.param.code.clone()),
                    Some(scene.param.meta.compilation_version as i32),
                    Some(meta_json(&scene.param.meta, now)),
                )
            } else {
                (None, None, None)
            };
            event.model = Some(
                if options.write_param {
                    "both"
                } else {
                    "phase1"
                }
                .into(),
            );
            event.output_bytes = Some(output as i64);
            event.detail = Some(json!({
                "trigger": trigger,
                "component": scene.component,
                "content_hash": content_hash,
                "warnings": scene.warnings.len(),
            }));
            ArtifactColumns {
                js_code: Some(scene.phase1.code.clone()),
                js_compiled_at: Some(now),
                compilation_error: None,
                compilation_version: scene.phase1.meta.compilation_version as i32,
                compile_meta: Some(phase1_meta),
                param_js_code,
                param_compilation_version: param_version,
                param_compile_meta: param_meta,
                content_hash,
            }
        }
        Err(error) => {
            event.error_class = Some(error.kind.as_str().to_string());
            event.detail = Some(json!({
                "trigger": trigger,
                "content_hash": content_hash,
                "line": error.line,
                "column": error.column,
                "message": error.message,
            }));
            ArtifactColumns {
                js_code: None,
                js_compiled_at: None,
                compilation_error: Some(format_compile_error(&error)),
                compilation_version: 1,
                compile_meta: None,
                param_js_code: None,
                param_compilation_version: None,
                param_compile_meta: None,
                content_hash,
            }
        }
    };
    WriteCompile { columns, event }
}

/// The stored `compile_meta`: the compiler's meta with this write's time (a cached compile
/// keeps the time of the first one).
fn meta_json(meta: &scenebox_compile::CompileMeta, now: OffsetDateTime) -> Value {
    let mut meta = meta.clone();
    meta.compiled_at = now
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or(meta.compiled_at);
    serde_json::to_value(meta).expect("CompileMeta serialises")
}
