//! Typed render errors: what went wrong executing a scene, and where in the TSX.

use serde::{Deserialize, Serialize};

/// The class of a [`RenderError`], with stable names used in JSON and the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ErrorKind {
    /// The artifact did not compile (TSX compile error, or V8 rejected the JS).
    Compile,
    /// The scene's module-level code threw while being evaluated.
    Evaluate,
    /// Evaluating the scene did not produce a React component.
    NoComponent,
    /// Rendering a frame threw.
    Render,
    /// A time limit was exceeded (including a `delayRender` that never resolved).
    Timeout,
    /// The scene exceeded the heap limit.
    OutOfMemory,
    /// The isolate died in a way the host did not anticipate.
    Crashed,
}

impl ErrorKind {
    /// The stable name (`"Render"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Compile => "Compile",
            Self::Evaluate => "Evaluate",
            Self::NoComponent => "NoComponent",
            Self::Render => "Render",
            Self::Timeout => "Timeout",
            Self::OutOfMemory => "OutOfMemory",
            Self::Crashed => "Crashed",
        }
    }

    /// Whether the error depends on the run rather than on the code: worth one more attempt in
    /// a fresh isolate under the default retry policy.
    pub fn is_transient(self) -> bool {
        matches!(self, Self::Timeout | Self::OutOfMemory | Self::Crashed)
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed scene execution: the kind, a message, the frame (if rendering), the JS stack and
/// the TSX position the stack maps to through the artifact's source map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", self.describe())]
pub struct RenderError {
    /// The scene's name or id.
    pub scene: String,
    /// The class of failure.
    pub kind: ErrorKind,
    /// What happened.
    pub message: String,
    /// The frame being rendered, if any.
    pub frame: Option<u32>,
    /// The JS stack, if one was captured.
    pub stack: Option<String>,
    /// 1-based TSX line the error maps to.
    pub line: Option<u32>,
    /// 1-based TSX column the error maps to.
    pub column: Option<u32>,
}

impl RenderError {
    /// An error of `kind` for `scene`, without position.
    pub fn new(scene: &str, kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            scene: scene.to_string(),
            kind,
            message: message.into(),
            frame: None,
            stack: None,
            line: None,
            column: None,
        }
    }

    /// `scene:line:column: Kind at frame N: message` (the parts that are known).
    pub fn describe(&self) -> String {
        let mut out = self.scene.clone();
        if let (Some(line), Some(column)) = (self.line, self.column) {
            out.push_str(&format!(":{line}:{column}"));
        }
        out.push_str(&format!(": {}", self.kind));
        if let Some(frame) = self.frame {
            out.push_str(&format!(" at frame {frame}"));
        }
        out.push_str(&format!(": {}", self.message));
        out
    }
}
