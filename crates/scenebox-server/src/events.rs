//! What a render leaves in the store: one `execute` event per attempt of a model, and one
//! `shadow` event per shadowed request (recorded by [`StoreShadowSink`]).

use scenebox_compare::{Comparison, ShadowSink, Status};
use scenebox_runtime::{Attempt, Model, RenderError};
use scenebox_store::{Event, EventKind, Store};
use serde_json::json;
use uuid::Uuid;

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

/// Records each shadow comparison in the store: the secondary model's `execute` events and a
/// `shadow` event. Writing happens on the tokio runtime, off the request's path.
pub struct StoreShadowSink {
    store: Store,
    handle: tokio::runtime::Handle,
}

impl StoreShadowSink {
    /// A sink writing to `store` from tasks on `handle`.
    pub fn new(store: Store, handle: tokio::runtime::Handle) -> Self {
        Self { store, handle }
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
        self.handle.spawn(async move {
            for event in &events {
                if let Err(error) = store.record_event(event).await {
                    eprintln!("scenebox serve: recording a shadow event: {error}");
                }
            }
        });
    }
}
