//! `scenebox export scene.tsx -o out.mp4`: the scene's frames computed in V8, drawn in parallel
//! by a raster pool (takumi), and written in order into ffmpeg. A failed frame stops the job
//! with the scene, frame and TSX line:column, and leaves no output file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use scenebox_compile::Compiler;
use scenebox_raster::{
    audio_tracks, draw_and_encode, Codec, DrawOptions, RasterWarning, VideoEncoder, VideoSettings,
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
    // Checked before any frame is computed (the encoder checks again when it starts).
    VideoEncoder::check_target(output, args.codec, args.crf)?;
    let file = read_scene_files(scene)?
        .into_iter()
        .next()
        .context("no scene")?;
    let name = file.name();
    let video = args.video.video()?;
    let frames = args.frames.resolve_some(video.duration_in_frames)?;
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
    let options = DrawOptions {
        jobs,
        assets_dir: args.assets.clone(),
        avatars: args.sandbox.avatar_dir(),
    };
    let raster_started = std::time::Instant::now();
    let bar = indicatif::ProgressBar::new(trees.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} frames · {per_sec} · ETA {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let drawn = draw_and_encode(&trees, &settings, output, &options, &mut |written| {
        bar.set_position(written as u64);
        true
    });
    bar.finish_and_clear();
    let mut warnings = drawn.with_context(|| format!("{name}: exporting {}", output.display()))?;
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

/// The distinct warnings, at most 20.
pub fn print_warnings(warnings: &[RasterWarning]) {
    for warning in warnings.iter().take(20) {
        println!("  warning: {warning}");
    }
    if warnings.len() > 20 {
        println!("  … and {} more distinct warnings", warnings.len() - 20);
    }
}
