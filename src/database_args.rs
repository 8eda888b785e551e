//! The database option shared by the commands that use the store: `--database-url` or
//! `DATABASE_URL`, defaulting to the embedded SQLite file `scenebox.db`.

use anyhow::{Context, Result};
use clap::Args;
use scenebox_store::{Store, StoreOptions};

/// Where the scenes live.
#[derive(Args, Clone, Debug)]
pub struct DatabaseArgs {
    /// `postgres://…` for PostgreSQL, or an SQLite file path (created and migrated on first use).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "scenebox.db",
        global = true
    )]
    pub database_url: String,
}

impl DatabaseArgs {
    /// Connects (and migrates) the store.
    pub async fn connect(&self) -> Result<Store> {
        self.connect_with(StoreOptions::default()).await
    }

    /// Connects (and migrates) the store with `options`.
    pub async fn connect_with(&self, options: StoreOptions) -> Result<Store> {
        Store::connect_with(&self.database_url, options)
            .await
            .with_context(|| format!("opening the database {}", redact(&self.database_url)))
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// A current-thread tokio runtime for one command.
pub fn tokio_runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(
            super::redact("postgres://u:secret@host/db"),
            "postgres://u:***@host/db"
        );
        assert_eq!(super::redact("scenebox.db"), "scenebox.db");
    }
}
