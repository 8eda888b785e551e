//! Collects the diagnostics swc transforms report through its `HANDLER` (without one set,
//! JSX transform errors would be silently dropped).

use std::sync::{Arc, Mutex};

use swc_core::common::errors::{DiagnosticBuilder, Emitter, Handler, Level};
use swc_core::common::{BytePos, Span};

/// An error-level diagnostic: message and the span it points at.
#[derive(Debug, Clone)]
pub(crate) struct Reported {
    pub message: String,
    pub span: Span,
}

/// A handler whose errors land in the returned shared list.
pub(crate) fn collecting_handler() -> (Handler, Arc<Mutex<Vec<Reported>>>) {
    let reported = Arc::new(Mutex::new(Vec::new()));
    let emitter = CollectingEmitter {
        reported: reported.clone(),
    };
    (
        Handler::with_emitter(false, false, Box::new(emitter)),
        reported,
    )
}

struct CollectingEmitter {
    reported: Arc<Mutex<Vec<Reported>>>,
}

impl Emitter for CollectingEmitter {
    fn emit(&mut self, db: &mut DiagnosticBuilder<'_>) {
        if !matches!(
            db.level,
            Level::Bug | Level::Fatal | Level::PhaseFatal | Level::Error
        ) {
            return;
        }
        let span = db
            .span
            .primary_span()
            .unwrap_or_else(|| Span::new(BytePos::DUMMY, BytePos::DUMMY));
        if let Ok(mut reported) = self.reported.lock() {
            reported.push(Reported {
                message: db.message(),
                span,
            });
        }
    }
}
