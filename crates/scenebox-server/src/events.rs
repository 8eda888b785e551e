//! What a render leaves in the store (while the `metrics` switch is on): one `execute` event
//! per attempt of a model, a `fallback` event when Phase 1 stood in for the parameterized
//! model, and one `shadow` event per shadowed request (recorded by [`StoreShadowSink`]).

use std::sync::Arc;

use scenebox_compare::{Comparison, Execution, Fallback, ShadowSink, Status};
use scenebox_runtime::{Attempt, Model, RenderError};
use scenebox_store::{Event, EventKind, Store};
use serde_json::json;
use uuid::Uuid;

use crate::flag_cache::FlagCache;

/// One `execute` event per attempt: its wall time, error class and how many attempts came
/// before it. The last attempt's event carries `error` (message, frame, TSX line:column) in
/// its `detail` when the run failed.
pub fn execution_events(
    scene_id: Option<Uuid>,
    model: Model,
    attempts: &[Attempt],
    error: Option<&RenderError>,
) -> Vec<Event> {
    attempts
        .iter()
        .enumerate()
        .map(|(index, attempt)| {
            let mut event = Event::new(EventKind::Execute, attempt.ms);
            event.scene_id = scene_id;
            event.model = Some(model.as_str().to_string());
            event.error_class = attempt.error.map(|kind| kind.as_str().to_string());
            event.retries = attempt.number.saturating_sub(1) as i32;
            if index + 1 == attempts.len() && attempt.error.is_some() {
                event.detail = error.map(|e| {
                    json!({"message": e.message, "frame": e.frame, "line": e.line, "column": e.column})
                });
            }
            event
        })
        .collect()
}

/// The `shadow` event of one comparison: `error_class` is the status when the models did not
/// agree, and `detail` holds the status, first difference and both errors.
pub fn shadow_event(scene_id: Option<Uuid>, primary: Model, comparison: &Comparison) -> Event {
    let mut event = Event::new(
        EventKind::Other("shadow".into()),
        comparison.phase1.ms + comparison.param.ms,
    );
    event.scene_id = scene_id;
    event.model = Some("both".into());
    event.error_class =
        (comparison.status != Status::Identical).then(|| comparison.status.as_str().to_string());
    event.detail = Some(json!({
        "primary": primary.as_str(),
        "status": comparison.status.as_str(),
        "first_difference": comparison.first_difference,
        "differing_frames": comparison.differing_frames,
        "phase1_error": comparison.phase1.error,
        "param_error": comparison.param.error,
    }));
    event
}

/// The `fallback` event of a request that fell back from the parameterized model to Phase 1:
/// the frame and both errors (Phase 1's is `null` when it answered).
pub fn fallback_event(scene_id: Option<Uuid>, fallback: &Fallback) -> Event {
    let error = |e: &RenderError| json!({"kind": e.kind, "message": e.message, "frame": e.frame, "line": e.line, "column": e.column});
    let mut event = Event::new(
        EventKind::Fallback,
        fallback.phase1_attempts.iter().map(|a| a.ms).sum(),
    );
    event.scene_id = scene_id;
    event.model = Some(Model::Phase1.as_str().to_string());
    event.error_class = Some(fallback.param_error.kind.as_str().to_string());
    event.retries = fallback.param_attempts.len().saturating_sub(1) as i32;
    event.detail = Some(json!({
        "frame": fallback.param_error.frame,
        "param_error": error(&fallback.param_error),
        "phase1_error": fallback.phase1_error.as_ref().map(error),
    }));
    event
}

/// Every event of one request: `execute` events per attempt of each model that ran, and a
/// `fallback` event when Phase 1 stood in for the parameterized model.
pub fn request_events(scene_id: Option<Uuid>, execution: &Execution) -> Vec<Event> {
    match &execution.fallback {
        None => execution_events(
            scene_id,
            execution.model,
            &execution.outcome.attempts,
            execution.outcome.result.as_ref().err(),
        ),
        Some(fallback) => {
            let mut events = execution_events(
                scene_id,
                Model::Param,
                &fallback.param_attempts,
                Some(&fallback.param_error),
            );
            events.extend(execution_events(
                scene_id,
                Model::Phase1,
                &fallback.phase1_attempts,
                fallback.phase1_error.as_ref(),
            ));
            events.push(fallback_event(scene_id, fallback));
            events
        }
    }
}

/// Records each shadow comparison in the store while the `metrics` switch is on: the secondary
/// model's `execute` events and a `shadow` event. Writing happens on the tokio runtime, off the
/// request's path.
pub struct StoreShadowSink {
    store: Store,
    flags: Arc<FlagCache>,
    handle: tokio::runtime::Handle,
}

impl StoreShadowSink {
    /// A sink writing to `store` (when `flags` say so) from tasks on `handle`.
    pub fn new(store: Store, flags: Arc<FlagCache>, handle: tokio::runtime::Handle) -> Self {
        Self {
            store,
            flags,
            handle,
        }
    }
}

impl ShadowSink for StoreShadowSink {
    fn record(&self, scene: &str, primary: Model, comparison: Comparison) {
        let scene_id = Uuid::parse_str(scene).ok();
        let (secondary, secondary_run) = match primary {
            Model::Phase1 => (Model::Param, &comparison.param),
            Model::Param => (Model::Phase1, &comparison.phase1),
        };
        metrics::counter!("scenebox_shadow_comparisons_total", "status" => comparison.status.as_str())
            .increment(1);
        let mut events = execution_events(
            scene_id,
            secondary,
            &secondary_run.attempts,
            secondary_run.error.as_ref(),
        );
        events.push(shadow_event(scene_id, primary, &comparison));
        let store = self.store.clone();
        let flags = self.flags.clone();
        self.handle.spawn(async move {
            if !flags.get().await.is_ok_and(|flags| flags.metrics) {
                return;
            }
            for event in &events {
                if let Err(error) = store.record_event(event).await {
                    eprintln!("scenebox serve: recording a shadow event: {error}");
                }
            }
        });
    }
}
