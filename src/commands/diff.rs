//! `scenebox diff`: the regression suite — both models over a corpus, frame by frame, with a
//! table, an optional JSON document and a self-contained HTML report; exit code 1 when the
//! parameterized model regresses anywhere.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{Context, Result};
use clap::Args;
use scenebox_compare::{compare, CompareRequest, Comparison, ModelSummary, Status, Summary};
use scenebox_compile::Compiler;
use scenebox_runtime::{ErrorKind, FrameSelection, Model, RenderError};
use scenebox_server::execution_events;
use serde_json::json;

use crate::database_args::{tokio_runtime, DatabaseArgs};
use crate::report_html::diff_report_html;
use crate::runtime_args::{SandboxArgs, VideoArgs};
use crate::scene_files::{read_scene_files, SceneFile};
use scenebox_store::SceneFilter;

/// Arguments of `scenebox diff`.
#[derive(Args)]
pub struct DiffArgs {
    /// A directory of .tsx scenes (or one scene); omit with `--db`.
    corpus: Option<PathBuf>,
    /// Compare the scenes stored in the database (`--database-url`) and record each model's
    /// execution (time, error class, retries) as an event.
    #[arg(long)]
    db: bool,
    #[command(flatten)]
    database: DatabaseArgs,
    /// Frames: `all`, `a..b`, `every:N`, `N` or `a,b,c`.
    #[arg(long, default_value = "all")]
    frames: FrameSelection,
    /// Scenes compared in parallel (default: the number of cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// Print `{"scenes": [...], "summary": {...}}` instead of the table.
    #[arg(long)]
    json: bool,
    /// Write a self-contained HTML report here.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    #[command(flatten)]
    video: VideoArgs,
    #[command(flatten)]
    sandbox: SandboxArgs,
}

/// A scene to compare: from a file, or from the store (then with its id).
struct DiffScene {
    file: SceneFile,
    id: Option<uuid::Uuid>,
}

/// Runs the suite.
pub fn run(args: DiffArgs) -> Result<ExitCode> {
    let (scenes, corpus_name) = match (&args.corpus, args.db) {
        (Some(path), false) => (
            read_scene_files(path)?
                .into_iter()
                .map(|file| DiffScene { file, id: None })
                .collect::<Vec<_>>(),
            path.display().to_string(),
        ),
        (None, true) => (
            stored_scenes(&args.database)?,
            format!("database {}", args.database.database_url),
        ),
        _ => anyhow::bail!("give either a directory of scenes or --db"),
    };
    let config = args.sandbox.config()?;
    let video = args.video.video()?;
    let props = args.video.props()?;
    let frames = args.frames.resolve_some(video.duration_in_frames)?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        })
        .clamp(1, scenes.len().max(1));
    let compiler = Compiler::default();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Comparison>>> = Mutex::new(vec![None; scenes.len()]);
    let progress = (!args.json).then(|| progress_bar(scenes.len()));
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(scene) = scenes.get(index) else {
                    break;
                };
                let comparison =
                    compare_scene(&compiler, &config, &scene.file, video, &props, &frames);
                results.lock().unwrap_or_else(|p| p.into_inner())[index] = Some(comparison);
                let finished = done.fetch_add(1, Ordering::SeqCst) + 1;
                if let Some(bar) = &progress {
                    bar.set_position(finished as u64);
                }
            });
        }
    });
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let comparisons: Vec<Comparison> = results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|c| c.expect("every scene was compared"))
        .collect();
    let summary = Summary::of(&comparisons);
    if args.db {
        record_executions(&args.database, &scenes, &comparisons)?;
    }
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({"scenes": comparisons, "summary": summary}))?
        );
    } else {
        print_table(&comparisons, &summary, frames.len());
    }
    if let Some(path) = &args.html {
        std::fs::write(path, diff_report_html(&comparisons, &summary, &corpus_name))
            .with_context(|| format!("writing {}", path.display()))?;
        if !args.json {
            println!("report: {}", path.display());
        }
    }
    Ok(if summary.regressions() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Every stored scene, as scene files named after the scene (or its id).
fn stored_scenes(database: &DatabaseArgs) -> Result<Vec<DiffScene>> {
    tokio_runtime()?.block_on(async {
        let store = database.connect().await?;
        let records = store.list_scenes(&SceneFilter::default()).await?;
        store.close().await;
        anyhow::Ok(
            records
                .into_iter()
                .map(|record| DiffScene {
                    file: SceneFile {
                        path: PathBuf::from(
                            record.name.clone().unwrap_or_else(|| record.id.to_string()),
                        ),
                        tsx: record.tsx_code,
                    },
                    id: Some(record.id),
                })
                .collect(),
        )
    })
}

/// One `execute` event per attempt of each model on each scene: duration, error class, retries.
fn record_executions(
    database: &DatabaseArgs,
    scenes: &[DiffScene],
    comparisons: &[Comparison],
) -> Result<()> {
    tokio_runtime()?.block_on(async {
        let store = database.connect().await?;
        for (scene, comparison) in scenes.iter().zip(comparisons) {
            for (model, run) in [
                (Model::Phase1, &comparison.phase1),
                (Model::Param, &comparison.param),
            ] {
                for event in execution_events(scene.id, model, &run.attempts, run.error.as_ref()) {
                    store.record_event(&event).await?;
                }
            }
        }
        store.close().await;
        anyhow::Ok(())
    })
}

fn progress_bar(len: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} scenes · {per_sec} · ETA {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// Compiles and compares one scene; a compile failure fails both models alike.
fn compare_scene(
    compiler: &Compiler,
    config: &scenebox_runtime::RuntimeConfig,
    scene: &SceneFile,
    video: scenebox_runtime::VideoConfig,
    props: &serde_json::Value,
    frames: &[u32],
) -> Comparison {
    let file = scene.name();
    match compiler.compile(&file, &scene.tsx) {
        Ok(compiled) => compare(
            config,
            &CompareRequest {
                file: &file,
                scene: &scene.stem(),
                compiled: &compiled,
                video,
                props: props.clone(),
                frames: frames.to_vec(),
            },
        ),
        Err(error) => {
            let failed = ModelSummary {
                ok: false,
                error: Some(RenderError {
                    line: Some(error.line),
                    column: Some(error.column),
                    ..RenderError::new(&file, ErrorKind::Compile, error.message.clone())
                }),
                retries: 0,
                ms: 0.0,
                attempts: Vec::new(),
            };
            Comparison {
                file,
                status: Status::BothFail,
                first_difference: None,
                differing_frames: 0,
                phase1: failed.clone(),
                param: failed,
            }
        }
    }
}

fn print_table(comparisons: &[Comparison], summary: &Summary, frames: usize) {
    for c in comparisons.iter().filter(|c| c.status != Status::Identical) {
        println!("{:<18} {}", c.status.as_str(), c.file);
        if let Some(d) = &c.first_difference {
            println!(
                "    frame {} at {}: phase1 {} · param {}",
                d.frame, d.path, d.phase1, d.param
            );
        }
        for (model, run) in [("phase1", &c.phase1), ("param", &c.param)] {
            if let Some(e) = &run.error {
                println!("    {model}: {e}");
            }
        }
    }
    println!();
    println!("| scenes | frames each | identical | differs | phase1 only fails | param only fails | both fail | retries |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {} | {} | {} | {} | {} | {} | {} | {} |",
        summary.scenes,
        frames,
        summary.identical,
        summary.differs,
        summary.phase1_only_fails,
        summary.param_only_fails,
        summary.both_fail,
        summary.retries
    );
    let verdict = if summary.regressions() == 0 {
        "no regressions"
    } else {
        "REGRESSIONS"
    };
    println!(
        "\n{verdict}: {} scene(s) where the parameterized model differs or fails and Phase 1 works",
        summary.regressions()
    );
}
