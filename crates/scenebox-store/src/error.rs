//! The store's error type.

use uuid::Uuid;

/// Everything that can go wrong in the store. A scene that fails to *compile* is not an
/// error: it is stored with its `compilation_error`.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database reported an error (connection, SQL, constraint, …).
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// Applying the embedded migrations failed.
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A column held a value the store cannot read (bad UUID, JSON or timestamp text).
    #[error("column `{column}`: {message}")]
    Decode {
        /// The column being read.
        column: String,
        /// What was wrong with it.
        message: String,
    },
    /// No scene has this id.
    #[error("scene {0} not found")]
    NotFound(Uuid),
    /// The connection string is neither a PostgreSQL URL nor a usable SQLite location.
    #[error("invalid database location `{0}`")]
    InvalidLocation(String),
    /// Writing an export failed.
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// Serialising a value to JSON failed.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// A rollout flag name or value that does not exist.
    #[error("flag: {0}")]
    Flag(String),
    /// A flag change that breaks the rollout order (metrics before artifact versioning).
    #[error("{0}")]
    FlagOrder(String),
    /// A compile task running on the blocking pool panicked or was cancelled.
    #[error("compile task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// `Result` with [`StoreError`].
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    /// A [`StoreError::Decode`] for `column`.
    pub(crate) fn decode(column: &str, message: impl std::fmt::Display) -> Self {
        Self::Decode {
            column: column.to_string(),
            message: message.to_string(),
        }
    }
}
