//! Events: one row per compile, execution, fallback, … with its timing and outcome; the raw
//! material of the daily report.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::{placeholders, DbRow, Param, Sql, Tx};
use crate::error::Result;
use crate::timefmt;
use crate::Store;

/// What an event records.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum EventKind {
    /// A TSX compile (on create/edit or by the backfill).
    Compile,
    /// A scene execution in the runtime.
    Execute,
    /// A fall back from one execution model to the other.
    Fallback,
    /// Any other kind, stored as written.
    Other(String),
}

impl EventKind {
    /// The text stored in `events.kind`.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Compile => "compile",
            Self::Execute => "execute",
            Self::Fallback => "fallback",
            Self::Other(kind) => kind,
        }
    }
}

impl From<String> for EventKind {
    fn from(kind: String) -> Self {
        match kind.as_str() {
            "compile" => Self::Compile,
            "execute" => Self::Execute,
            "fallback" => Self::Fallback,
            _ => Self::Other(kind),
        }
    }
}

impl From<EventKind> for String {
    fn from(kind: EventKind) -> Self {
        kind.as_str().to_string()
    }
}

/// One row of `events`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Assigned by the database; `None` on an event not stored yet.
    pub id: Option<i64>,
    /// When it happened (stored at microsecond precision).
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The scene concerned, if any.
    pub scene_id: Option<Uuid>,
    /// What happened.
    pub kind: EventKind,
    /// The execution model (`phase1`, `param`, `both`), if relevant.
    pub model: Option<String>,
    /// How long it took.
    pub duration_ms: f64,
    /// Input size (e.g. TSX bytes).
    pub input_bytes: Option<i64>,
    /// Output size (e.g. JS bytes).
    pub output_bytes: Option<i64>,
    /// The class of failure (`Syntax`, `Timeout`, …); `None` for a success.
    pub error_class: Option<String>,
    /// Retries it took.
    pub retries: i32,
    /// Anything else, as JSON.
    pub detail: Option<Value>,
}

impl Event {
    /// A successful event of `kind` that took `duration_ms`, happening now.
    pub fn new(kind: EventKind, duration_ms: f64) -> Self {
        Self {
            id: None,
            at: timefmt::now(),
            scene_id: None,
            kind,
            model: None,
            duration_ms,
            input_bytes: None,
            output_bytes: None,
            error_class: None,
            retries: 0,
            detail: None,
        }
    }

    fn params(&self) -> [Param; 10] {
        [
            timefmt::truncate_to_micros(self.at).into(),
            self.scene_id.into(),
            self.kind.as_str().into(),
            self.model.clone().into(),
            self.duration_ms.into(),
            self.input_bytes.into(),
            self.output_bytes.into(),
            self.error_class.clone().into(),
            self.retries.into(),
            self.detail.clone().into(),
        ]
    }

    fn from_row(row: &DbRow) -> Result<Self> {
        Ok(Self {
            id: Some(row.int("id")?),
            at: row.time("at")?,
            scene_id: row.opt_uuid("scene_id")?,
            kind: EventKind::from(row.text("kind")?),
            model: row.opt_text("model")?,
            duration_ms: row.float("duration_ms")?,
            input_bytes: row.opt_int("input_bytes")?,
            output_bytes: row.opt_int("output_bytes")?,
            error_class: row.opt_text("error_class")?,
            retries: row.i32("retries")?,
            detail: row.opt_json("detail")?,
        })
    }
}

const INSERT_COLUMNS: &str = "INSERT INTO events (at, scene_id, kind, model, duration_ms, \
     input_bytes, output_bytes, error_class, retries, detail) VALUES ";

const EVENT_COLUMNS: &str = "id, at, scene_id, kind, model, duration_ms, input_bytes, \
     output_bytes, error_class, retries, detail";

/// Rows per multi-row `INSERT` (10 parameters each).
const EVENTS_PER_STATEMENT: usize = 500;

/// Inserts `events` inside `tx` with multi-row `INSERT`s.
pub(crate) async fn insert_events(tx: &mut Tx, events: &[Event]) -> Result<()> {
    for chunk in events.chunks(EVENTS_PER_STATEMENT) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| placeholders(i * 10 + 1, 10))
            .collect();
        let sql = format!("{INSERT_COLUMNS}{}", rows.join(", "));
        let params: Vec<Param> = chunk.iter().flat_map(Event::params).collect();
        tx.execute(Sql::both(&sql), &params).await?;
    }
    Ok(())
}

impl Store {
    /// Stores `event`; returns its id.
    pub async fn record_event(&self, event: &Event) -> Result<i64> {
        let sql = format!("{INSERT_COLUMNS}{} RETURNING id", placeholders(1, 10));
        let row = self
            .pool
            .fetch_one(Sql::both(&sql), &event.params())
            .await?;
        row.int("id")
    }

    /// The events with `from <= at < to`, oldest first.
    pub async fn events_between(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
    ) -> Result<Vec<Event>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE at >= $1 AND at < $2 ORDER BY at, id"
        );
        self.pool
            .fetch_all(Sql::both(&sql), &[from.into(), to.into()])
            .await?
            .iter()
            .map(Event::from_row)
            .collect()
    }

    /// The most recent failed `execute` event of a scene, if any: its last execution error.
    pub async fn last_execution_error(&self, scene_id: Uuid) -> Result<Option<Event>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE scene_id = $1 AND kind = 'execute' \
             AND error_class IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1"
        );
        self.pool
            .fetch_optional(Sql::both(&sql), &[scene_id.into()])
            .await?
            .as_ref()
            .map(Event::from_row)
            .transpose()
    }

    /// The events about one scene, oldest first.
    pub async fn scene_events(&self, scene_id: Uuid) -> Result<Vec<Event>> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE scene_id = $1 ORDER BY at, id");
        self.pool
            .fetch_all(Sql::both(&sql), &[scene_id.into()])
            .await?
            .iter()
            .map(Event::from_row)
            .collect()
    }
}
