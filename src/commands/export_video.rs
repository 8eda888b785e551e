//! `scenebox export scene.tsx -o out.mp4`: the scene's frames computed in V8, drawn in parallel
//! by a raster pool (takumi), and written in order into ffmpeg. A failed frame stops the job
//! with the scene, frame and TSX line:column, and leaves no output file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};

use anyhow::{Context, Result};
use clap::Args;
use scenebox_compile::Compiler;
use scenebox_raster::{
    audio_tracks, rasterize, Assets, Codec, FrameImage, RasterWarning, VideoEncoder, VideoSettings,
};
use scenebox_runtime::{render, FrameSelection, Model, Node, RenderRequest};

use crate::runtime_args::{SandboxArgs, VideoArgs};
use crate::scene_files::read_scene_files;

/// Video options of `scenebox export`.
#[derive(Args)]
pub struct VideoExportArgs {
    /// The video file to write (`.mp4`, `.webm`, `.mov`).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Frames: `all`, `a..b` (end exclusive), `every:N`, `N` or `a,b,c`.
    #[arg(long, default_value = "all")]
    frames: FrameSelection,
    /// h264, vp9 or prores.
    #[arg(long, default_value = "h264")]
    codec: Codec,
    /// Constant rate factor (h264: 18, vp9: 32 by default).
    #[arg(long)]
    crf: Option<u32>,
    /// Raster threads (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
    /// Execution model.
    #[arg(long, default_value = "param")]
    model: Model,
    /// Directory of the scene's local assets (`staticFile`, relative `<Img src>`).
    #[arg(long, value_name = "DIR")]
    assets: Option<PathBuf>,
    #[command(flatten)]
    video: VideoArgs,
    #[command(flatten)]
    sandbox: SandboxArgs,
}

/// Exports `scene` as `args.output`.
pub fn run(scene: &Path, args: &VideoExportArgs) -> Result<ExitCode> {
    let output = args
        .output
        .as_ref()
        .context("`-o FILE` names the video to write")?;
    let file = read_scene_files(scene)?
        .into_iter()
        .next()
        .context("no scene")?;
    let name = file.name();
    let video = args.video.video();
    let frames = args.frames.resolve(video.duration_in_frames);
    anyhow::ensure!(
        !frames.is_empty(),
        "no frames selected within 0..{}",
        video.duration_in_frames
    );
    let compiled = match Compiler::default().compile(&name, &file.tsx) {
        Ok(compiled) => compiled,
        Err(error) => {
            eprintln!(
                "{name}:{}:{}: {} ({:?})",
                error.line, error.column, error.message, error.kind
            );
            return Ok(ExitCode::from(1));
        }
    };
    let started = std::time::Instant::now();
    let outcome = render(
        &args.sandbox.config()?,
        &RenderRequest {
            scene: &file.stem(),
            compiled: &compiled,
            model: args.model,
            video,
            props: args.video.props()?,
            frames: frames.clone(),
            seed: None,
        },
    );
    let rendered = match outcome.result {
        Ok(rendered) => rendered,
        Err(error) => {
            eprintln!("{name}: {error}");
            return Ok(ExitCode::from(1));
        }
    };
    let trees_ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut audio_warnings = Vec::new();
    let audio = audio_tracks(
        &rendered.media,
        video.fps,
        args.assets.as_deref(),
        &mut audio_warnings,
    );
    let settings = VideoSettings {
        width: video.width,
        height: video.height,
        fps: video.fps,
        codec: args.codec,
        crf: args.crf,
        frames: rendered.frames.len(),
        audio,
    };
    let trees: Vec<(u32, Node)> = rendered
        .frames
        .into_iter()
        .map(|f| (f.frame, f.tree))
        .collect();
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
    });
    let raster_started = std::time::Instant::now();
    let mut warnings = draw_and_encode(&trees, &settings, output, jobs, args.assets.clone())
        .with_context(|| format!("{name}: exporting {}", output.display()))?;
    warnings.extend(audio_warnings);
    let seconds = raster_started.elapsed().as_secs_f64();
    println!(
        "{}: {} frames {}x{} at {} fps, {} audio track(s) → {} (trees {:.0} ms, draw + encode {:.1} s, {:.1} frames/s)",
        name,
        trees.len(),
        video.width,
        video.height,
        video.fps,
        settings.audio.len(),
        output.display(),
        trees_ms,
        seconds,
        trees.len() as f64 / seconds.max(1e-9)
    );
    print_warnings(&warnings);
    Ok(ExitCode::SUCCESS)
}

/// Draws `trees` on `jobs` threads and feeds them to ffmpeg in frame order.
fn draw_and_encode(
    trees: &[(u32, Node)],
    settings: &VideoSettings,
    output: &Path,
    jobs: usize,
    assets_dir: Option<PathBuf>,
) -> Result<Vec<RasterWarning>> {
    let mut encoder = VideoEncoder::start(output, settings)?;
    let next = AtomicUsize::new(0);
    let warnings = Mutex::new(Vec::new());
    let (sender, receiver) = mpsc::sync_channel::<(usize, Result<FrameImage, String>)>(jobs * 2);
    let bar = indicatif::ProgressBar::new(trees.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} frames · {per_sec} · ETA {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let result = std::thread::scope(|scope| -> Result<()> {
        for _ in 0..jobs.max(1) {
            let sender = sender.clone();
            let (next, warnings, assets_dir) = (&next, &warnings, assets_dir.clone());
            scope.spawn(move || {
                // Each raster thread decodes an asset once and reuses it for every frame.
                let mut assets = Assets::new(assets_dir);
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some((frame, tree)) = trees.get(index) else {
                        return;
                    };
                    let mut found = Vec::new();
                    let image = rasterize(
                        tree,
                        settings.width,
                        settings.height,
                        &mut assets,
                        &mut found,
                    )
                    .map_err(|e| format!("frame {frame}: {e}"));
                    warnings
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .extend(found);
                    let failed = image.is_err();
                    if sender.send((index, image)).is_err() || failed {
                        // Stop handing out frames after a failure.
                        next.store(trees.len(), Ordering::SeqCst);
                        return;
                    }
                }
            });
        }
        drop(sender);
        let mut pending: BTreeMap<usize, FrameImage> = BTreeMap::new();
        let mut written = 0;
        for (index, image) in receiver {
            pending.insert(index, image.map_err(anyhow::Error::msg)?);
            while let Some(image) = pending.remove(&written) {
                encoder.write_frame(&image.rgba)?;
                written += 1;
                bar.inc(1);
            }
        }
        anyhow::ensure!(
            written == trees.len(),
            "only {written} of {} frames were drawn",
            trees.len()
        );
        Ok(())
    });
    bar.finish_and_clear();
    result?;
    encoder.finish()?;
    let mut warnings = warnings.into_inner().unwrap_or_else(|p| p.into_inner());
    warnings.sort_by(|a, b| (&a.property, &a.value).cmp(&(&b.property, &b.value)));
    warnings
        .dedup_by(|a, b| a.property == b.property && a.value == b.value && a.message == b.message);
    Ok(warnings)
}

/// The distinct warnings, at most 20.
pub fn print_warnings(warnings: &[RasterWarning]) {
    for warning in warnings.iter().take(20) {
        println!("  warning: {warning}");
    }
    if warnings.len() > 20 {
        println!("  … and {} more distinct warnings", warnings.len() - 20);
    }
}
