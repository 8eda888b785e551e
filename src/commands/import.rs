//! `scenebox import`: load scenes into the store as they are (uncompiled, Phase-1 shaped):
//! every `.tsx` of a directory, or a JSONL file (one object per scene, as `export` writes or
//! `{"name", "tsx_code", "project_id"?, "props"?, "duration"?, "order"?, "id"?}`).

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Args;
use scenebox_store::{ImportScene, NewScene};
use serde::Deserialize;
use uuid::Uuid;

use crate::database_args::{tokio_runtime, DatabaseArgs};
use crate::scene_files::read_scene_files;

/// Arguments of `scenebox import`.
#[derive(Args)]
pub struct ImportArgs {
    /// A directory of .tsx scenes, or a .jsonl file.
    source: PathBuf,
    /// Project the imported .tsx scenes belong to (default: a new one).
    #[arg(long)]
    project: Option<Uuid>,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// One JSONL line.
#[derive(Deserialize)]
struct JsonScene {
    id: Option<Uuid>,
    project_id: Option<Uuid>,
    name: Option<String>,
    order: Option<i32>,
    tsx_code: String,
    props: Option<serde_json::Value>,
    duration: Option<i32>,
}

/// Runs the import.
pub fn run(args: ImportArgs) -> Result<ExitCode> {
    let project = args.project.unwrap_or_else(Uuid::new_v4);
    let scenes = if args.source.extension().is_some_and(|e| e == "jsonl") {
        read_jsonl(&args.source, project)?
    } else {
        read_scene_files(&args.source)?
            .into_iter()
            .enumerate()
            .map(|(order, file)| {
                let mut scene = NewScene::new(project, file.stem(), file.tsx);
                scene.order = order as i32;
                ImportScene::from(scene)
            })
            .collect()
    };
    let count = scenes.len();
    let summary = tokio_runtime()?.block_on(async {
        let store = args.database.connect().await?;
        let summary = store.import_scenes(scenes).await?;
        store.close().await;
        anyhow::Ok(summary)
    })?;
    println!(
        "imported {} of {count} scene(s) ({} already present) in {:.2} s",
        summary.inserted,
        summary.skipped,
        summary.elapsed.as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn read_jsonl(path: &Path, project: Uuid) -> Result<Vec<ImportScene>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut scenes = Vec::new();
    for (index, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let json: JsonScene = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a scene object", path.display(), index + 1))?;
        let mut scene = NewScene::new(
            json.project_id.unwrap_or(project),
            json.name.unwrap_or_else(|| format!("scene-{}", index + 1)),
            json.tsx_code,
        );
        scene.order = json.order.unwrap_or(index as i32);
        scene.props = json.props.unwrap_or_else(|| serde_json::json!({}));
        scene.duration = json.duration.unwrap_or(150);
        let mut import = ImportScene::from(scene);
        import.id = json.id;
        scenes.push(import);
    }
    if scenes.is_empty() {
        bail!("{} holds no scenes", path.display());
    }
    Ok(scenes)
}
