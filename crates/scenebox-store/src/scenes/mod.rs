//! Scene reads and compile-on-write: create and edit compile the TSX and store it with both
//! artifacts (or the compile error) and a `compile` event in one transaction.

mod columns;
mod write;

pub(crate) use columns::{scene_from_row, scene_row_from_row, SCENE_COLUMNS, SCENE_ROW_COLUMNS};
pub use write::{format_compile_error, CompileOnWrite};

use uuid::Uuid;
use write::compile_for_write;

use crate::db::{Param, Sql};
use crate::error::{Result, StoreError};
use crate::events::insert_events;
use crate::model::{NewScene, SceneFilter, SceneRecord};
use crate::Store;

impl Store {
    /// Creates a scene, compiled with the store's default [`CompileOnWrite`].
    pub async fn create_scene(&self, scene: &NewScene) -> Result<SceneRecord> {
        self.create_scene_with(scene, self.options.compile_on_write)
            .await
    }

    /// Creates a scene, compiled on write as `options` says. A TSX that does not compile is
    /// stored with its `compilation_error` and no artifacts.
    pub async fn create_scene_with(
        &self,
        scene: &NewScene,
        options: CompileOnWrite,
    ) -> Result<SceneRecord> {
        let id = Uuid::new_v4();
        let compiled =
            compile_for_write(&self.compiler, id, &scene.tsx_code, options, "create").await?;
        let now = compiled.event.at;
        let sql = format!(
            "INSERT INTO scenes (id, project_id, name, \"order\", tsx_code, props, duration, \
             created_at, updated_at, js_code, js_compiled_at, compilation_error, \
             compilation_version, compile_meta, param_js_code, param_compilation_version, \
             param_compile_meta, content_hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
             RETURNING {SCENE_COLUMNS}"
        );
        let mut params: Vec<Param> = vec![
            id.into(),
            scene.project_id.into(),
            scene.name.clone().into(),
            scene.order.into(),
            scene.tsx_code.clone().into(),
            Some(scene.props.clone()).into(),
            scene.duration.into(),
            now.into(),
        ];
        params.extend(compiled.columns.params());
        self.write_with_event(id, &sql, &params, &compiled.event)
            .await
    }

    /// Replaces a scene's TSX, compiled with the store's default [`CompileOnWrite`].
    pub async fn edit_scene(&self, id: Uuid, tsx_code: &str) -> Result<SceneRecord> {
        self.edit_scene_with(id, tsx_code, self.options.compile_on_write)
            .await
    }

    /// Replaces a scene's TSX and recompiles it as `options` says. Every artifact column is
    /// rewritten, so a TSX that no longer compiles leaves no stale artifacts behind; any
    /// backfill claim on the scene is dropped.
    pub async fn edit_scene_with(
        &self,
        id: Uuid,
        tsx_code: &str,
        options: CompileOnWrite,
    ) -> Result<SceneRecord> {
        let compiled = compile_for_write(&self.compiler, id, tsx_code, options, "edit").await?;
        let sql = format!(
            "UPDATE scenes SET tsx_code = $2, updated_at = $3, js_code = $4, \
             js_compiled_at = $5, compilation_error = $6, compilation_version = $7, \
             compile_meta = $8, param_js_code = $9, param_compilation_version = $10, \
             param_compile_meta = $11, content_hash = $12, backfill_claimed_by = NULL, \
             backfill_claimed_at = NULL WHERE id = $1 RETURNING {SCENE_COLUMNS}"
        );
        let mut params: Vec<Param> = vec![id.into(), tsx_code.into(), compiled.event.at.into()];
        params.extend(compiled.columns.params());
        self.write_with_event(id, &sql, &params, &compiled.event)
            .await
    }

    /// The scene with this id, if any.
    pub async fn get_scene(&self, id: Uuid) -> Result<Option<SceneRecord>> {
        let sql = format!("SELECT {SCENE_COLUMNS} FROM scenes WHERE id = $1");
        self.pool
            .fetch_optional(Sql::both(&sql), &[id.into()])
            .await?
            .as_ref()
            .map(scene_from_row)
            .transpose()
    }

    /// The scenes `filter` selects, by project, `order`, creation time and id.
    pub async fn list_scenes(&self, filter: &SceneFilter) -> Result<Vec<SceneRecord>> {
        let mut conditions = Vec::new();
        let mut params: Vec<Param> = Vec::new();
        if let Some(project_id) = filter.project_id {
            params.push(project_id.into());
            conditions.push(format!("project_id = ${}", params.len()));
        }
        if let Some(status) = filter.status {
            conditions.push(status.condition().to_string());
        }
        let mut sql = format!("SELECT {SCENE_COLUMNS} FROM scenes");
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        sql.push_str(" ORDER BY project_id, COALESCE(\"order\", 0), created_at, id");
        if filter.limit.is_some() || filter.offset > 0 {
            params.push(filter.limit.map_or(i64::MAX, i64::from).into());
            params.push(i64::from(filter.offset).into());
            sql.push_str(&format!(
                " LIMIT ${} OFFSET ${}",
                params.len() - 1,
                params.len()
            ));
        }
        self.pool
            .fetch_all(Sql::both(&sql), &params)
            .await?
            .iter()
            .map(scene_from_row)
            .collect()
    }

    /// Deletes a scene; returns whether it existed. Its events stay.
    pub async fn delete_scene(&self, id: Uuid) -> Result<bool> {
        let deleted = self
            .pool
            .execute(Sql::both("DELETE FROM scenes WHERE id = $1"), &[id.into()])
            .await?;
        Ok(deleted > 0)
    }
}

impl Store {
    /// Runs one scene write (`RETURNING` the row) and its compile event in one transaction.
    async fn write_with_event(
        &self,
        id: Uuid,
        sql: &str,
        params: &[Param],
        event: &crate::events::Event,
    ) -> Result<SceneRecord> {
        let mut tx = self.pool.begin_write().await?;
        let row = tx
            .fetch_optional(Sql::both(sql), params)
            .await?
            .ok_or(StoreError::NotFound(id))?;
        let record = scene_from_row(&row)?;
        insert_events(&mut tx, std::slice::from_ref(event)).await?;
        tx.commit().await?;
        Ok(record)
    }
}
