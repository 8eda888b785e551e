//! `scenebox export`: either a scene to video (`scenebox export scene.tsx -o out.mp4`, see
//! `export_video`) or, with `--jsonl`, every stored scene with every column as JSON lines.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::Args;

use crate::commands::export_video::{self, VideoExportArgs};
use crate::database_args::{tokio_runtime, DatabaseArgs};

/// Arguments of `scenebox export`.
#[derive(Args)]
pub struct ExportArgs {
    /// The .tsx scene to export as a video (with `-o`).
    scene: Option<PathBuf>,
    /// Print every stored scene as JSON lines instead.
    #[arg(long, conflicts_with = "scene")]
    jsonl: bool,
    #[command(flatten)]
    video: VideoExportArgs,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// Runs the export.
pub fn run(args: ExportArgs) -> Result<ExitCode> {
    match (&args.scene, args.jsonl) {
        (Some(scene), false) => export_video::run(scene, &args.video),
        (None, true) => export_jsonl(&args.database),
        _ => bail!("give a scene and `-o FILE` to export a video, or `--jsonl` to dump the store"),
    }
}

fn export_jsonl(database: &DatabaseArgs) -> Result<ExitCode> {
    let count = tokio_runtime()?.block_on(async {
        let store = database.connect().await?;
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
