//! `scenebox migrate`: applies the embedded, additive-only migrations to the database (every
//! store command also does this on connect) and prints the schema version.

use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::database_args::{tokio_runtime, DatabaseArgs};

/// Arguments of `scenebox migrate`.
#[derive(Args)]
pub struct MigrateArgs {
    #[command(flatten)]
    database: DatabaseArgs,
}

/// Applies the migrations.
pub fn run(args: MigrateArgs) -> Result<ExitCode> {
    tokio_runtime()?.block_on(async {
        let store = args.database.connect().await?;
        let latest = scenebox_store::migrator(store.backend())
            .iter()
            .map(|m| m.version)
            .max()
            .unwrap_or(0);
        println!(
            "{} database migrated to version {latest}",
            store.backend().as_str()
        );
        store.close().await;
        anyhow::Ok(ExitCode::SUCCESS)
    })
}
