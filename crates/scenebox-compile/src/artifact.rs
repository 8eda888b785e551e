//! The artifact contract between `scenebox-compile` and the runtime: executable JS per
//! execution model, its source map back to the TSX, and the compile metadata.

use serde::{Deserialize, Serialize};

use crate::error::CompileWarning;

/// The two execution models a scene is compiled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArtifactModel {
    /// `new Function(jsCode)()`: reads `window.Remotion`, `window.React`, … and returns the component.
    Phase1,
    /// `new Function('Remotion', 'Extras', wrappedJs)(Remotion, Extras)`: reads no globals.
    Param,
}

impl ArtifactModel {
    /// The `compilation_version` stored beside the artifact (1 = Phase 1, 2 = parameterized).
    pub fn compilation_version(self) -> u32 {
        match self {
            Self::Phase1 => 1,
            Self::Param => 2,
        }
    }

    /// The short name used in file names (`foo.phase1.js`) and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Phase1 => "phase1",
            Self::Param => "param",
        }
    }

    /// The parameter names the runtime binds when it turns the code into a function.
    pub fn parameters(self) -> &'static [&'static str] {
        match self {
            Self::Phase1 => &[],
            Self::Param => &["Remotion", "Extras"],
        }
    }
}

/// One executable artifact of a scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Artifact {
    /// Which execution model this code is for.
    pub model: ArtifactModel,
    /// The body of the function the runtime builds (see [`ArtifactModel::parameters`]);
    /// running it returns the scene component.
    pub code: String,
    /// Source map (v3 JSON) from `code` back to the TSX.
    pub source_map: String,
    /// How the artifact was produced.
    pub meta: CompileMeta,
}

impl Artifact {
    /// Maps a 1-based line:column of `code` back to the 1-based TSX line:column it came from,
    /// using the nearest mapping at or before that position on the same line.
    pub fn original_position(&self, line: u32, column: u32) -> Option<(u32, u32)> {
        let map = swc_sourcemap::SourceMap::from_slice(self.source_map.as_bytes()).ok()?;
        let token = map.lookup_token(line.checked_sub(1)?, column.saturating_sub(1))?;
        if token.get_dst_line() != line - 1 {
            return None;
        }
        Some((token.get_src_line() + 1, token.get_src_col() + 1))
    }
}

/// Per-phase compile timings in milliseconds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CompileTimings {
    /// Whole compile of this artifact, parse included.
    pub total_ms: f64,
    /// Parsing the TSX (shared by both artifacts of one compile).
    pub parse_ms: f64,
    /// Lowering imports/exports, stripping types, JSX and model rewrites.
    pub transform_ms: f64,
    /// Printing JS and the source map.
    pub codegen_ms: f64,
}

/// `compile_meta`: everything a team needs to chart and audit a compile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompileMeta {
    /// Always `"swc"`.
    pub tool: String,
    /// The `swc_core` version that produced the code.
    pub tool_version: String,
    /// The scenebox compiler version (part of the cache key).
    pub compiler_version: String,
    /// 1 for Phase 1, 2 for the parameterized artifact.
    pub compilation_version: u32,
    /// `blake3:<hex>` of the TSX bytes.
    pub content_hash: String,
    /// TSX size in bytes.
    pub input_bytes: usize,
    /// Generated JS size in bytes (source map excluded).
    pub output_bytes: usize,
    /// Timings of this compile.
    pub timings: CompileTimings,
    /// RFC 3339 time of compilation (UTC).
    pub compiled_at: String,
    /// Warnings raised while compiling.
    pub warnings: Vec<CompileWarning>,
    /// Set by the store's backfill; false for compiles on create/edit.
    #[serde(default)]
    pub backfilled: bool,
}

/// Both artifacts of one TSX source and what the compiler found out about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompiledScene {
    /// The scene's name or id as given to the compiler.
    pub scene: String,
    /// The binding name of the scene component that both artifacts return.
    pub component: String,
    /// `blake3:<hex>` of the TSX.
    pub content_hash: String,
    /// The Phase 1 artifact (`compilation_version = 1`).
    pub phase1: Artifact,
    /// The parameterized artifact (`compilation_version = 2`).
    pub param: Artifact,
    /// Warnings (shared by both artifacts).
    pub warnings: Vec<CompileWarning>,
}

impl CompiledScene {
    /// The artifact for `model`.
    pub fn artifact(&self, model: ArtifactModel) -> &Artifact {
        match model {
            ArtifactModel::Phase1 => &self.phase1,
            ArtifactModel::Param => &self.param,
        }
    }
}
