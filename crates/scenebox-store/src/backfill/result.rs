//! What a backfill worker produced for one claimed scene.

use std::time::Instant;

use scenebox_compile::{CompileError, Compiler};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::SceneRow;
use crate::timefmt;

/// The outcome of compiling one claimed scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BackfillOutcome {
    /// It compiled: the Phase 1 artifact and its meta (`backfilled: true`).
    Compiled {
        /// The Phase 1 code for `js_code`.
        js_code: String,
        /// The meta for `compile_meta`.
        meta: scenebox_compile::CompileMeta,
    },
    /// It did not compile.
    Failed {
        /// The compiler's error.
        error: CompileError,
    },
}

/// One scene's result, handed to [`Store::complete_backfill`](crate::Store::complete_backfill).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackfillResult {
    /// The scene.
    pub id: Uuid,
    /// `blake3:<hex>` of the TSX that was compiled.
    pub content_hash: String,
    /// TSX size in bytes.
    pub input_bytes: usize,
    /// Wall time of the compile.
    pub duration_ms: f64,
    /// Compiled or failed.
    pub outcome: BackfillOutcome,
}

impl BackfillResult {
    /// Compiles `row` with `compiler` (blocking: run it off the async executor).
    pub fn compile(compiler: &Compiler, row: &SceneRow) -> Self {
        let start = Instant::now();
        let compiled = compiler.compile(&row.id.to_string(), &row.tsx_code);
        let duration_ms = start.elapsed().as_secs_f64() * 1e3;
        crate::metrics::record_compile(
            "backfill",
            duration_ms,
            row.tsx_code.len(),
            compiled.as_ref().ok().map(|scene| scene.phase1.code.len()),
            compiled.as_ref().err().map(|error| error.kind.as_str()),
        );
        let outcome = match compiled {
            Ok(scene) => {
                let mut meta = scene.phase1.meta.clone();
                meta.backfilled = true;
                if let Ok(now) =
                    timefmt::now().format(&time::format_description::well_known::Rfc3339)
                {
                    meta.compiled_at = now;
                }
                BackfillOutcome::Compiled {
                    js_code: scene.phase1.code.clone(),
                    meta,
                }
            }
            Err(error) => BackfillOutcome::Failed { error },
        };
        Self {
            id: row.id,
            content_hash: scenebox_compile::content_hash(&row.tsx_code),
            input_bytes: row.tsx_code.len(),
            duration_ms,
            outcome,
        }
    }

    /// Whether the scene compiled.
    pub fn is_compiled(&self) -> bool {
        matches!(self.outcome, BackfillOutcome::Compiled { .. })
    }
}
