//! Typed compile errors and warnings, each pinned to a TSX line:column.

use serde::{Deserialize, Serialize};

/// What kind of failure a [`CompileError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CompileErrorKind {
    /// The TSX does not parse (including errors the parser recovered from).
    Syntax,
    /// An `import` names a module that is not a known scene dependency.
    UnknownImport,
    /// An export form the scene model cannot express (`export * from`, re-exports, `export =`).
    ExportForm,
    /// No default export and no top-level component to return.
    NoComponent,
    /// No default export and more than one top-level component could be the scene.
    AmbiguousComponent,
    /// The source nests deeper than the compiler accepts.
    TooDeep,
    /// A transform (TypeScript strip, JSX) rejected the code.
    Transform,
    /// A defect inside the compiler itself (a caught panic); never the scene's fault.
    Internal,
}

impl CompileErrorKind {
    /// The stable name used in JSON output and in fixture expectations.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Syntax => "Syntax",
            Self::UnknownImport => "UnknownImport",
            Self::ExportForm => "ExportForm",
            Self::NoComponent => "NoComponent",
            Self::AmbiguousComponent => "AmbiguousComponent",
            Self::TooDeep => "TooDeep",
            Self::Transform => "Transform",
            Self::Internal => "Internal",
        }
    }
}

impl std::fmt::Display for CompileErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A compile failure: which scene, what went wrong and where in the TSX (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{scene}:{line}:{column}: {message}")]
pub struct CompileError {
    /// The scene's name or id, as given to the compiler.
    pub scene: String,
    /// The class of failure.
    pub kind: CompileErrorKind,
    /// A human-readable explanation.
    pub message: String,
    /// 1-based line in the TSX.
    pub line: u32,
    /// 1-based column (in characters) in the TSX.
    pub column: u32,
}

/// A non-fatal finding, such as a `window` property the parameterized model will not provide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompileWarning {
    /// A stable machine-readable class, e.g. `unknown_window_global`.
    pub kind: String,
    /// A human-readable explanation naming the identifier.
    pub message: String,
    /// 1-based line in the TSX.
    pub line: u32,
    /// 1-based column in the TSX.
    pub column: u32,
}
