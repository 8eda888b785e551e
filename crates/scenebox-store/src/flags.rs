//! Rollout switches stored in the database, so every process reads the same ones: `metrics`
//! (on/off), `artifact_versioning` (on/off: write `compilation_version = 2` artifacts on
//! create/edit) and `execution_model` (the default for new requests, globally or per project).
//! Every change is audited in `flag_changes`; the rollout order is enforced here, where every
//! writer goes through.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::Sql;
use crate::error::{Result, StoreError};
use crate::timefmt;
use crate::Store;

/// The scope of global flags.
const GLOBAL: &str = "global";

/// The execution models `execution_model` accepts (what `scenebox-compare` parses).
pub const EXECUTION_MODELS: [&str; 5] = [
    "phase1",
    "param",
    "shadow",
    "shadow:param",
    "param_with_fallback",
];

/// The switches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagName {
    /// Record execution events and expose live metrics.
    Metrics,
    /// Write the parameterized artifact on create/edit (off: Phase 1 only, the old behaviour).
    ArtifactVersioning,
    /// The execution model of requests that name none; per project or global.
    ExecutionModel,
}

impl FlagName {
    /// Every flag.
    pub const ALL: [Self; 3] = [
        Self::Metrics,
        Self::ArtifactVersioning,
        Self::ExecutionModel,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Metrics => "metrics",
            Self::ArtifactVersioning => "artifact_versioning",
            Self::ExecutionModel => "execution_model",
        }
    }
}

impl std::str::FromStr for FlagName {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|flag| flag.as_str() == s)
            .ok_or_else(|| {
                StoreError::Flag(format!(
                    "unknown flag `{s}` (expected metrics, artifact_versioning or execution_model)"
                ))
            })
    }
}

/// Every switch as currently stored; an unset switch is off (the old behaviour).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flags {
    /// `metrics`.
    pub metrics: bool,
    /// `artifact_versioning`.
    pub artifact_versioning: bool,
    /// The global `execution_model`, if set.
    pub execution_model: Option<String>,
    /// Per-project `execution_model` overrides.
    pub project_execution_models: BTreeMap<Uuid, String>,
}

impl Flags {
    /// The execution model for a request of `project`: its override, else the global one.
    pub fn execution_model_for(&self, project: Option<Uuid>) -> Option<&str> {
        project
            .and_then(|p| self.project_execution_models.get(&p))
            .or(self.execution_model.as_ref())
            .map(String::as_str)
    }
}

/// One audited change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagChange {
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The project, for a per-project value.
    pub project_id: Option<Uuid>,
    /// Which flag.
    pub name: String,
    /// The value before (`None`: unset).
    pub old_value: Option<String>,
    /// The value after.
    pub new_value: String,
    /// Who changed it.
    pub actor: String,
}

impl Store {
    /// Every switch as stored now.
    pub async fn flags(&self) -> Result<Flags> {
        let rows = self
            .pool
            .fetch_all(Sql::both("SELECT scope, name, value FROM flags"), &[])
            .await?;
        let mut flags = Flags::default();
        for row in rows {
            let (scope, name, value) = (row.text("scope")?, row.text("name")?, row.text("value")?);
            match (scope.as_str(), name.as_str()) {
                (GLOBAL, "metrics") => flags.metrics = value == "on",
                (GLOBAL, "artifact_versioning") => flags.artifact_versioning = value == "on",
                (GLOBAL, "execution_model") => flags.execution_model = Some(value),
                (project, "execution_model") => {
                    if let Ok(project) = Uuid::parse_str(project) {
                        flags.project_execution_models.insert(project, value);
                    }
                }
                _ => {}
            }
        }
        Ok(flags)
    }

    /// Sets `name` to `value` (globally, or for `project` where the flag allows it) and audits
    /// the change as made by `actor`. Refuses values the flag does not take, and the rollout
    /// order: `artifact_versioning` goes on only while `metrics` is on, and `metrics` goes off
    /// only while `artifact_versioning` is off.
    pub async fn set_flag(
        &self,
        name: FlagName,
        value: &str,
        project: Option<Uuid>,
        actor: &str,
    ) -> Result<FlagChange> {
        let value = normalize(name, value)?;
        if project.is_some() && name != FlagName::ExecutionModel {
            return Err(StoreError::Flag(format!(
                "`{}` is global; only execution_model can be set per project",
                name.as_str()
            )));
        }
        let scope = project.map_or_else(|| GLOBAL.to_string(), |p| p.to_string());
        let mut tx = self.pool.begin_write().await?;
        let stored: Vec<(String, String, String)> = tx
            .fetch_all(Sql::both("SELECT scope, name, value FROM flags"), &[])
            .await?
            .iter()
            .map(|row| Ok((row.text("scope")?, row.text("name")?, row.text("value")?)))
            .collect::<Result<_>>()?;
        let value_of = |scope: &str, flag: &str| {
            stored
                .iter()
                .find(|(s, n, _)| s == scope && n == flag)
                .map(|(_, _, v)| v.clone())
        };
        let metrics_on = value_of(GLOBAL, "metrics").as_deref() == Some("on");
        let versioning_on = value_of(GLOBAL, "artifact_versioning").as_deref() == Some("on");
        match (name, value.as_str()) {
            (FlagName::ArtifactVersioning, "on") if !metrics_on => {
                return Err(StoreError::FlagOrder(
                    "refusing to turn artifact_versioning on while metrics is off: the rollout \
                     order is metrics first (`scenebox flags set metrics on`), then artifact \
                     versioning"
                        .into(),
                ))
            }
            (FlagName::Metrics, "off") if versioning_on => {
                return Err(StoreError::FlagOrder(
                    "refusing to turn metrics off while artifact_versioning is on: turn \
                     artifact_versioning off first"
                        .into(),
                ))
            }
            _ => {}
        }
        let old_value = value_of(&scope, name.as_str());
        let at = timefmt::now();
        tx.execute(
            Sql::both(
                "INSERT INTO flags (scope, name, value, updated_at, updated_by) \
                 VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (scope, name) DO UPDATE SET value = $3, updated_at = $4, updated_by = $5",
            ),
            &[
                scope.clone().into(),
                name.as_str().into(),
                value.clone().into(),
                at.into(),
                actor.into(),
            ],
        )
        .await?;
        tx.execute(
            Sql::both(
                "INSERT INTO flag_changes (at, scope, name, old_value, new_value, actor) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            ),
            &[
                at.into(),
                scope.into(),
                name.as_str().into(),
                old_value.clone().into(),
                value.clone().into(),
                actor.into(),
            ],
        )
        .await?;
        tx.commit().await?;
        Ok(FlagChange {
            at,
            project_id: project,
            name: name.as_str().to_string(),
            old_value,
            new_value: value,
            actor: actor.to_string(),
        })
    }

    /// The latest `limit` audited changes, newest first.
    pub async fn flag_changes(&self, limit: u32) -> Result<Vec<FlagChange>> {
        let rows = self
            .pool
            .fetch_all(
                Sql::both(
                    "SELECT at, scope, name, old_value, new_value, actor FROM flag_changes \
                     ORDER BY at DESC, id DESC LIMIT $1",
                ),
                &[i64::from(limit).into()],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let scope = row.text("scope")?;
                Ok(FlagChange {
                    at: row.time("at")?,
                    project_id: Uuid::parse_str(&scope).ok(),
                    name: row.text("name")?,
                    old_value: row.opt_text("old_value")?,
                    new_value: row.text("new_value")?,
                    actor: row.text("actor")?,
                })
            })
            .collect()
    }
}

/// The stored form of `value` for `name`, or why it is not one.
fn normalize(name: FlagName, value: &str) -> Result<String> {
    let value = value.trim().to_ascii_lowercase();
    match name {
        FlagName::Metrics | FlagName::ArtifactVersioning => match value.as_str() {
            "on" | "true" | "1" => Ok("on".into()),
            "off" | "false" | "0" => Ok("off".into()),
            _ => Err(StoreError::Flag(format!(
                "`{}` takes on or off, not `{value}`",
                name.as_str()
            ))),
        },
        FlagName::ExecutionModel if EXECUTION_MODELS.contains(&value.as_str()) => Ok(value),
        FlagName::ExecutionModel => Err(StoreError::Flag(format!(
            "`execution_model` takes one of {}, not `{value}`",
            EXECUTION_MODELS.join(", ")
        ))),
    }
}
