//! `scenebox export --jsonl`: every scene with every column, one JSON object per line.

use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::database_args::{tokio_runtime, DatabaseArgs};

/// Arguments of `scenebox export`.
#[derive(Args)]
pub struct ExportArgs {
    /// Write JSON lines (the only format; the flag documents it).
    #[arg(long, default_value_t = true)]
    jsonl: bool,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// Writes the export to standard output.
pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let _ = args.jsonl;
    let count = tokio_runtime()?.block_on(async {
        let store = args.database.connect().await?;
        let stdout = std::io::stdout();
        let count = store
            .export_jsonl(std::io::BufWriter::new(stdout.lock()))
            .await?;
        store.close().await;
        anyhow::Ok(count)
    })?;
    eprintln!("exported {count} scene(s)");
    Ok(ExitCode::SUCCESS)
}
