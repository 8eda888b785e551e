//! Maps swc spans of one scene onto TSX line:column and builds errors and warnings from them.

use swc_core::common::{sync::Lrc, SourceMap, Span};

use crate::error::{CompileError, CompileErrorKind, CompileWarning};

/// The scene being compiled: its name and the source map that knows its positions.
pub(crate) struct SceneContext<'a> {
    pub cm: Lrc<SourceMap>,
    pub scene: &'a str,
}

impl SceneContext<'_> {
    /// 1-based line and column of the start of `span` (1:1 for generated nodes).
    pub fn position(&self, span: Span) -> (u32, u32) {
        if span.lo.is_dummy() {
            return (1, 1);
        }
        let loc = self.cm.lookup_char_pos(span.lo);
        (loc.line as u32, loc.col.0 as u32 + 1)
    }

    /// A compile error of `kind` at the start of `span`.
    pub fn error(
        &self,
        kind: CompileErrorKind,
        span: Span,
        message: impl Into<String>,
    ) -> CompileError {
        let (line, column) = self.position(span);
        CompileError {
            scene: self.scene.to_string(),
            kind,
            message: message.into(),
            line,
            column,
        }
    }

    /// A warning of `kind` at the start of `span`.
    pub fn warning(&self, kind: &str, span: Span, message: impl Into<String>) -> CompileWarning {
        let (line, column) = self.position(span);
        CompileWarning {
            kind: kind.to_string(),
            message: message.into(),
            line,
            column,
        }
    }
}
