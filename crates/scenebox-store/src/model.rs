//! The scene types the store reads and writes.

use scenebox_compile::CompileMeta;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

/// A scene to create (compiled on write) or import (stored raw).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewScene {
    /// The project the scene belongs to.
    pub project_id: Uuid,
    /// Display name.
    pub name: String,
    /// Position within the project.
    pub order: i32,
    /// The scene's TSX source.
    pub tsx_code: String,
    /// Scene props (a JSON object).
    pub props: Value,
    /// Length in frames.
    pub duration: i32,
}

impl NewScene {
    /// A scene with order 0, props `{}` and the production default of 150 frames.
    pub fn new(project_id: Uuid, name: impl Into<String>, tsx_code: impl Into<String>) -> Self {
        Self {
            project_id,
            name: name.into(),
            order: 0,
            tsx_code: tsx_code.into(),
            props: Value::Object(Default::default()),
            duration: 150,
        }
    }
}

/// A row for [`Store::import_scenes`](crate::Store::import_scenes): a scene plus, for data
/// brought over from elsewhere, its original id and timestamps.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportScene {
    /// The original id; a fresh one when `None`. Ids already present are skipped.
    pub id: Option<Uuid>,
    /// The original creation time; now when `None`.
    pub created_at: Option<OffsetDateTime>,
    /// The original update time; `created_at` when `None`.
    pub updated_at: Option<OffsetDateTime>,
    /// The scene itself.
    pub scene: NewScene,
}

impl From<NewScene> for ImportScene {
    fn from(scene: NewScene) -> Self {
        Self {
            id: None,
            created_at: None,
            updated_at: None,
            scene,
        }
    }
}

/// Where a scene is in its compile life cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CompileStatus {
    /// `js_code` is present.
    Compiled,
    /// Neither `js_code` nor `compilation_error`: waiting for the backfill.
    Pending,
    /// `compilation_error` is present.
    Failed,
}

impl CompileStatus {
    /// The SQL condition selecting scenes in this state (the same on both backends).
    pub(crate) fn condition(self) -> &'static str {
        match self {
            Self::Compiled => "js_code IS NOT NULL",
            Self::Pending => "js_code IS NULL AND compilation_error IS NULL",
            Self::Failed => "compilation_error IS NOT NULL",
        }
    }
}

/// One stored scene: every column of `scenes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SceneRecord {
    /// Primary key.
    pub id: Uuid,
    /// The owning project.
    pub project_id: Uuid,
    /// Display name.
    pub name: Option<String>,
    /// Position within the project.
    pub order: Option<i32>,
    /// The TSX source (never lost, even when it does not compile).
    pub tsx_code: String,
    /// Scene props.
    pub props: Option<Value>,
    /// Length in frames.
    pub duration: i32,
    /// Creation time.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Last edit time.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// The Phase 1 artifact (`new Function(jsCode)()`).
    pub js_code: Option<String>,
    /// When `js_code` was produced.
    #[serde(with = "time::serde::rfc3339::option")]
    pub js_compiled_at: Option<OffsetDateTime>,
    /// `line:column: message (Kind)` when the TSX does not compile.
    pub compilation_error: Option<String>,
    /// The compilation version of `js_code` (1 = Phase 1).
    pub compilation_version: i32,
    /// The [`CompileMeta`] of `js_code`, as JSON.
    pub compile_meta: Option<Value>,
    /// The parameterized artifact (`new Function('Remotion', 'Extras', code)`).
    pub param_js_code: Option<String>,
    /// The compilation version of `param_js_code` (2).
    pub param_compilation_version: Option<i32>,
    /// The [`CompileMeta`] of `param_js_code`, as JSON.
    pub param_compile_meta: Option<Value>,
    /// `blake3:<hex>` of the TSX the artifacts (or the error) came from.
    pub content_hash: Option<String>,
    /// The backfill worker holding a claim on this scene.
    pub backfill_claimed_by: Option<String>,
    /// When that claim was taken.
    #[serde(with = "time::serde::rfc3339::option")]
    pub backfill_claimed_at: Option<OffsetDateTime>,
}

impl SceneRecord {
    /// Compiled, pending or failed.
    pub fn status(&self) -> CompileStatus {
        if self.js_code.is_some() {
            CompileStatus::Compiled
        } else if self.compilation_error.is_some() {
            CompileStatus::Failed
        } else {
            CompileStatus::Pending
        }
    }

    /// `compile_meta` read back as a [`CompileMeta`].
    pub fn phase1_meta(&self) -> Option<CompileMeta> {
        serde_json::from_value(self.compile_meta.clone()?).ok()
    }

    /// `param_compile_meta` read back as a [`CompileMeta`].
    pub fn param_meta(&self) -> Option<CompileMeta> {
        serde_json::from_value(self.param_compile_meta.clone()?).ok()
    }
}

/// What a backfill worker needs of a scene.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SceneRow {
    /// Primary key.
    pub id: Uuid,
    /// Display name.
    pub name: Option<String>,
    /// The TSX to compile.
    pub tsx_code: String,
}

/// Which scenes [`Store::list_scenes`](crate::Store::list_scenes) returns; ordered by project,
/// `order`, creation time and id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SceneFilter {
    /// Only this project's scenes.
    pub project_id: Option<Uuid>,
    /// Only scenes in this state.
    pub status: Option<CompileStatus>,
    /// At most this many.
    pub limit: Option<u32>,
    /// Skip this many first.
    pub offset: u32,
}
