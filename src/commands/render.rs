//! `scenebox render`: execute one scene frame by frame in the V8 runtime and print or write
//! the element trees.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use scenebox_compile::Compiler;
use scenebox_runtime::{render, FrameSelection, Model, RenderError, RenderOutcome, RenderRequest};
use serde_json::{json, Value};

use crate::runtime_args::{SandboxArgs, VideoArgs};
use crate::scene_files::read_scene_files;

/// Arguments of `scenebox render`.
#[derive(Args)]
pub struct RenderArgs {
    /// The .tsx scene.
    scene: PathBuf,
    /// Execution model.
    #[arg(long, default_value = "param")]
    model: Model,
    /// Frames: `all`, `a..b` (end exclusive), `every:N`, `N` or `a,b,c`.
    #[arg(long, default_value = "all")]
    frames: FrameSelection,
    #[command(flatten)]
    video: VideoArgs,
    #[command(flatten)]
    sandbox: SandboxArgs,
    /// Print one JSON object with every frame's tree.
    #[arg(long)]
    json: bool,
    /// Write one JSON tree per frame: DIR/<scene>.<model>.<frame>.json.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Draw each frame and write DIR/<scene>.<frame>.png (no browser: takumi).
    #[arg(long, value_name = "DIR")]
    png: Option<PathBuf>,
    /// Directory of the scene's local assets (`staticFile`, relative `<Img src>`), for `--png`.
    #[arg(long, value_name = "DIR")]
    assets: Option<PathBuf>,
}

/// Runs the command; exit code 1 when the render fails.
pub fn run(args: RenderArgs) -> Result<ExitCode> {
    let scene = read_scene_files(&args.scene)?
        .into_iter()
        .next()
        .context("no scene")?;
    let video = args.video.video()?;
    let frames = args.frames.resolve_some(video.duration_in_frames)?;
    let config = args.sandbox.config()?;
    let name = scene.name();
    let compiled = match Compiler::default().compile(&name, &scene.tsx) {
        Ok(compiled) => compiled,
        Err(error) => {
            let failure = RenderError {
                line: Some(error.line),
                column: Some(error.column),
                ..RenderError::new(
                    &name,
                    scenebox_runtime::ErrorKind::Compile,
                    error.message.clone(),
                )
            };
            return report(&args, &name, Err(&failure), &[], None);
        }
    };
    let request = RenderRequest {
        scene: &scene.stem(),
        compiled: &compiled,
        model: args.model,
        video,
        props: args.video.props()?,
        frames,
        seed: None,
    };
    let outcome = render(&config, &request);
    if let (Some(out), Ok(rendered)) = (&args.out, &outcome.result) {
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
        for frame in &rendered.frames {
            let path = out.join(format!(
                "{}.{}.{:04}.json",
                scene.stem(),
                args.model.as_str(),
                frame.frame
            ));
            std::fs::write(&path, serde_json::to_string_pretty(&frame.tree)?)
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }
    if let (Some(dir), Ok(rendered)) = (&args.png, &outcome.result) {
        let mut assets = scenebox_raster::Assets::new(args.assets.clone());
        assets.set_avatars(args.sandbox.avatar_dir());
        write_pngs(dir, &scene.stem(), rendered, video, assets)?;
    }
    report(
        &args,
        &name,
        outcome.result.as_ref().map(|_| ()),
        &outcome.attempts,
        Some(&outcome),
    )
}

/// Draws every frame of `rendered` and writes `DIR/<stem>.<frame>.png`.
fn write_pngs(
    dir: &std::path::Path,
    stem: &str,
    rendered: &scenebox_runtime::SceneRender,
    video: scenebox_runtime::VideoConfig,
    mut assets: scenebox_raster::Assets,
) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut warnings = Vec::new();
    let started = std::time::Instant::now();
    for frame in &rendered.frames {
        let image = scenebox_raster::rasterize(
            &frame.tree,
            video.width,
            video.height,
            &mut assets,
            &mut warnings,
        )
        .with_context(|| format!("{stem}: drawing frame {}", frame.frame))?;
        let path = dir.join(format!("{stem}.{:04}.png", frame.frame));
        std::fs::write(&path, image.png()?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    eprintln!(
        "{stem}: {} PNG frame(s) in {} ({:.1} ms per frame)",
        rendered.frames.len(),
        dir.display(),
        started.elapsed().as_secs_f64() * 1000.0 / rendered.frames.len().max(1) as f64
    );
    warnings.sort_by(|a, b| (&a.property, &a.value).cmp(&(&b.property, &b.value)));
    warnings.dedup_by(|a, b| a.property == b.property && a.value == b.value);
    crate::commands::export_video::print_warnings(&warnings);
    Ok(())
}

fn report(
    args: &RenderArgs,
    name: &str,
    result: Result<(), &RenderError>,
    attempts: &[scenebox_runtime::Attempt],
    outcome: Option<&RenderOutcome>,
) -> Result<ExitCode> {
    let rendered = outcome.and_then(|o| o.result.as_ref().ok());
    if args.json {
        let frames: Vec<Value> = rendered
            .map(|r| {
                r.frames
                    .iter()
                    .map(|f| json!({"frame": f.frame, "hash": f.hash, "tree": f.tree}))
                    .collect()
            })
            .unwrap_or_default();
        let error = result.err().map(|e| {
            json!({"kind": e.kind, "message": e.message, "frame": e.frame, "line": e.line, "column": e.column, "stack": e.stack})
        });
        let report = json!({
            "file": name,
            "model": args.model,
            "ok": result.is_ok(),
            "frames": frames,
            "warnings": rendered.map(|r| r.warnings.clone()).unwrap_or_default(),
            "media": rendered.map(|r| r.media.clone()).unwrap_or_default(),
            "fonts": rendered.map(|r| r.fonts.clone()).unwrap_or_default(),
            "attempts": attempts,
            "retries": attempts.len().saturating_sub(1),
            "timings": rendered.map(|r| json!(r.timings)),
            "error": error,
        });
        println!("{report}");
    } else {
        match (result, rendered) {
            (Ok(()), Some(rendered)) => {
                let distinct: BTreeSet<&str> =
                    rendered.frames.iter().map(|f| f.hash.as_str()).collect();
                let t = &rendered.timings;
                println!(
                    "{name}: {} frames under {} ({} distinct trees)",
                    rendered.frames.len(),
                    args.model.as_str(),
                    distinct.len()
                );
                println!(
                    "  isolate {:.2} ms · evaluate {:.2} ms · first frame {:.2} ms · other frames p50 {:.3} ms · total {:.1} ms",
                    t.isolate_ms,
                    t.evaluate_ms,
                    t.first_frame_ms,
                    crate::stats::Percentiles::of(&t.frame_ms).map(|p| p.p50).unwrap_or(0.0),
                    t.total_ms
                );
                for warning in &rendered.warnings {
                    println!("  warning: {warning}");
                }
                for media in &rendered.media {
                    println!("  media: {media}");
                }
                if attempts.len() > 1 {
                    println!("  attempts: {}", attempts.len());
                }
            }
            (Err(error), _) => eprintln!("{error}"),
            (Ok(()), None) => {}
        }
    }
    Ok(if result.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
