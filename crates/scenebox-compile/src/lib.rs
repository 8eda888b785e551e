//! `scenebox-compile`: turns an LLM-written Remotion scene (TSX) into the two executable
//! artifacts the rest of scenebox runs and compares.
//!
//! * **Phase 1** (`compilation_version = 1`): a function body for `new Function(jsCode)()` that
//!   reads its dependencies from `window` exactly as the scene does and returns the
//!   default-exported component.
//! * **Parameterized** (`compilation_version = 2`): a body for
//!   `new Function('Remotion', 'Extras', wrappedJs)(Remotion, Extras)` that reads no globals.
//!
//! Both come from one swc parse, carry a source map back to the TSX and a [`CompileMeta`].
//! [`Compiler`] adds a content-hash cache; [`compile`] is the uncached entry point.
//!
//! ```
//! let scene = scenebox_compile::compile(
//!     "hello",
//!     "import { AbsoluteFill } from 'remotion';\n\
//!      export default function Hello() { return <AbsoluteFill>Hi</AbsoluteFill>; }",
//! ).unwrap();
//! assert_eq!(scene.component, "Hello");
//! assert!(scene.phase1.code.contains("window.Remotion"));
//! assert!(!scene.param.code.contains("window"));
//! ```

mod artifact;
mod big_stack;
mod cache;
mod codegen;
mod component;
mod context;
mod dependencies;
mod depth;
mod diagnostics;
mod error;
mod imports;
mod js_writer;
mod names;
mod param;
mod pipeline;
mod source_map;

pub use artifact::{Artifact, ArtifactModel, CompileMeta, CompileTimings, CompiledScene};
pub use cache::{CacheStats, Compiler};
pub use codegen::SOURCE_NAME;
pub use dependencies::{ALLOWED_MODULES, EXTRAS, PHASE1_ONLY_GLOBALS};
pub use depth::MAX_NESTING;
pub use error::{CompileError, CompileErrorKind, CompileWarning};
pub use pipeline::SWC_CORE_VERSION;

/// The version of this compiler; part of the cache key and of every `compile_meta`.
pub const COMPILER_VERSION: &str = concat!("scenebox-compile ", env!("CARGO_PKG_VERSION"));

/// `blake3:<hex>` of the TSX: the content hash used by the cache and stored in `compile_meta`.
pub fn content_hash(tsx: &str) -> String {
    format!("blake3:{}", blake3::hash(tsx.as_bytes()).to_hex())
}

/// Compiles `tsx` (the scene called `scene`, used in errors) to both artifacts, uncached.
pub fn compile(scene: &str, tsx: &str) -> Result<CompiledScene, CompileError> {
    pipeline::compile_scene(scene, tsx, &content_hash(tsx))
}
