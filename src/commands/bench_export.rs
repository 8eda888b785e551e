//! `scenebox bench --export`: frames per second of a whole-scene export at 1080p for typical
//! fixtures — the tree, raster and encode stages each on their own, then end to end from TSX
//! to MP4 — beside Remotion's own renderer (headless Chromium) on the same scene in the same
//! run (`benches/remotion-baseline`), printed as a ratio.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result};
use scenebox_compile::Compiler;
use scenebox_raster::{
    draw_and_encode, draw_frames, Codec, DrawOptions, VideoEncoder, VideoSettings,
};
use scenebox_runtime::{render, Model, Node, RenderRequest, RuntimeConfig, VideoConfig};
use serde::{Deserialize, Serialize};

/// The fixtures measured when none are named: plain text, cards, icons, a phone mock-up and
/// the largest scene of the corpus.
pub const TYPICAL_SCENES: [&str; 6] = [
    "title-card-spring",
    "kinetic-typography",
    "pricing-cards",
    "counter-stats-lucide",
    "phone-mockup-notifications",
    "saas-dashboard-large",
];

/// What `bench --export` measures.
pub struct ExportBench {
    /// Scene files.
    pub scenes: Vec<PathBuf>,
    /// Frames per export.
    pub frames: u32,
    /// Raster threads.
    pub jobs: usize,
    /// Run Remotion's renderer too.
    pub remotion: bool,
}

/// One scene's figures, in frames per second.
#[derive(Debug, Serialize)]
pub struct SceneFigures {
    scene: String,
    frames: u32,
    trees_fps: f64,
    raster_fps: f64,
    encode_fps: f64,
    end_to_end_fps: f64,
    remotion_fps: Option<f64>,
    /// scenebox end to end ÷ Remotion.
    ratio: Option<f64>,
}

/// The whole run.
#[derive(Debug, Serialize)]
pub struct ExportReport {
    width: u32,
    height: u32,
    jobs: usize,
    scenes: Vec<SceneFigures>,
    median_end_to_end_fps: f64,
    median_ratio: Option<f64>,
    remotion: Option<String>,
    notes: Vec<String>,
}

/// What `benches/remotion-baseline/render.mjs` prints.
#[derive(Debug, Deserialize)]
struct RemotionRun {
    fps: f64,
    remotion: String,
    chromium: String,
    concurrency: Option<u64>,
}

/// Runs the benchmark.
pub fn run(bench: &ExportBench) -> Result<ExportReport> {
    let video = VideoConfig {
        width: 1920,
        height: 1080,
        fps: 30.0,
        duration_in_frames: bench.frames,
    };
    let mut figures = Vec::new();
    let mut notes = Vec::new();
    let mut remotion_version = None;
    let remotion_ready = bench.remotion && remotion_available(&mut notes);
    let scratch =
        std::env::temp_dir().join(format!("scenebox-bench-export-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    for path in &bench.scenes {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        eprintln!("bench --export: {stem}");
        let tsx =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let measured = measure(&stem, &tsx, video, bench.jobs, &scratch);
        let _ = std::fs::remove_dir_all(&scratch).and_then(|()| std::fs::create_dir_all(&scratch));
        let mut row = measured?;
        if remotion_ready {
            match remotion_run(path, bench.frames) {
                Ok(run) => {
                    row.remotion_fps = Some(run.fps);
                    row.ratio = Some(row.end_to_end_fps / run.fps);
                    remotion_version.get_or_insert_with(|| {
                        format!(
                            "Remotion {} renderMedia, {} (concurrency {})",
                            run.remotion,
                            run.chromium,
                            run.concurrency.unwrap_or(0)
                        )
                    });
                }
                Err(error) => notes.push(format!("{stem}: Remotion baseline failed: {error:#}")),
            }
        }
        figures.push(row);
    }
    let _ = std::fs::remove_dir_all(&scratch);
    let median =
        |values: Vec<f64>| -> Option<f64> { crate::stats::Percentiles::of(&values).map(|p| p.p50) };
    Ok(ExportReport {
        width: video.width,
        height: video.height,
        jobs: bench.jobs,
        median_end_to_end_fps: median(figures.iter().map(|f| f.end_to_end_fps).collect())
            .unwrap_or(0.0),
        median_ratio: median(figures.iter().filter_map(|f| f.ratio).collect()),
        scenes: figures,
        remotion: remotion_version,
        notes,
    })
}

/// The four figures of one scene.
fn measure(
    stem: &str,
    tsx: &str,
    video: VideoConfig,
    jobs: usize,
    scratch: &Path,
) -> Result<SceneFigures> {
    let frames: Vec<u32> = (0..video.duration_in_frames).collect();
    let count = frames.len() as f64;
    let fps = |started: Instant| count / started.elapsed().as_secs_f64().max(1e-9);
    let config = RuntimeConfig::default();

    // End to end first, on a cold compiler: TSX → trees → pixels → MP4.
    let started = Instant::now();
    let trees = scene_trees(&Compiler::default(), &config, stem, tsx, video, &frames)?;
    let settings = settings(video, trees.len());
    let options = DrawOptions {
        jobs,
        ..DrawOptions::default()
    };
    let output = scratch.join(format!("{stem}.mp4"));
    draw_and_encode(&trees, &settings, &output, &options, &mut |_| true)
        .with_context(|| format!("{stem}: exporting"))?;
    let end_to_end_fps = fps(started);

    let started = Instant::now();
    let trees = scene_trees(&Compiler::default(), &config, stem, tsx, video, &frames)?;
    let trees_fps = fps(started);

    let started = Instant::now();
    let drawn = draw_frames(&trees, video.width, video.height, &options)?;
    let raster_fps = fps(started);

    let started = Instant::now();
    let mut encoder = VideoEncoder::start(&scratch.join(format!("{stem}.encode.mp4")), &settings)?;
    for image in &drawn {
        encoder.write_rgba(&image.rgba)?;
    }
    encoder.finish()?;
    let encode_fps = fps(started);

    Ok(SceneFigures {
        scene: stem.to_string(),
        frames: video.duration_in_frames,
        trees_fps,
        raster_fps,
        encode_fps,
        end_to_end_fps,
        remotion_fps: None,
        ratio: None,
    })
}

fn settings(video: VideoConfig, frames: usize) -> VideoSettings {
    VideoSettings {
        width: video.width,
        height: video.height,
        fps: video.fps,
        codec: Codec::H264,
        crf: None,
        frames,
        audio: Vec::new(),
    }
}

/// The scene's trees, compiled with `compiler` and rendered in one isolate (param model).
fn scene_trees(
    compiler: &Compiler,
    config: &RuntimeConfig,
    stem: &str,
    tsx: &str,
    video: VideoConfig,
    frames: &[u32],
) -> Result<Vec<(u32, Node)>> {
    let compiled = compiler
        .compile(stem, tsx)
        .map_err(|e| anyhow::anyhow!("{stem}:{}:{}: {}", e.line, e.column, e.message))?;
    let rendered = render(
        config,
        &RenderRequest {
            scene: stem,
            compiled: &compiled,
            model: Model::Param,
            video,
            props: serde_json::json!({}),
            frames: frames.to_vec(),
            seed: None,
        },
    )
    .result
    .map_err(|e| anyhow::anyhow!("{stem}: {e}"))?;
    Ok(rendered
        .frames
        .into_iter()
        .map(|f| (f.frame, f.tree))
        .collect())
}

fn baseline_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/remotion-baseline")
}

/// Whether the Remotion baseline can run here; says why not in `notes`.
fn remotion_available(notes: &mut Vec<String>) -> bool {
    let dir = baseline_dir();
    if !dir.join("node_modules/@remotion/renderer").is_dir() {
        notes.push(format!(
            "Remotion baseline skipped: its packages are not installed (run scripts/setup-remotion-baseline.sh; {})",
            dir.display()
        ));
        return false;
    }
    if !Path::new("/usr/bin/chromium").exists() {
        notes.push("Remotion baseline skipped: /usr/bin/chromium is missing".into());
        return false;
    }
    true
}

/// Renders `scene` with Remotion's renderer: `frames` frames at 1080p to h264.
fn remotion_run(scene: &Path, frames: u32) -> Result<RemotionRun> {
    let scene = std::fs::canonicalize(scene)?;
    let out = std::env::temp_dir().join(format!("scenebox-remotion-{}.mp4", std::process::id()));
    let output = Command::new("node")
        .current_dir(baseline_dir())
        .arg("render.mjs")
        .arg(&scene)
        .args([
            "--frames",
            &frames.to_string(),
            "--width",
            "1920",
            "--height",
            "1080",
        ])
        .arg("--out")
        .arg(&out)
        .output()
        .context("running node (is Node.js installed?)")?;
    let _ = std::fs::remove_file(&out);
    anyhow::ensure!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
            .lines()
            .rev()
            .take(3)
            .collect::<Vec<_>>()
            .join(" / ")
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .rev()
        .find(|line| line.trim_start().starts_with('{'))
        .context("render.mjs printed no JSON line")?;
    Ok(serde_json::from_str(line)?)
}

/// Prints the report as a Markdown table.
pub fn print_table(report: &ExportReport) {
    println!(
        "export at {}x{}, {} raster threads (frames per second; higher is better)\n",
        report.width, report.height, report.jobs
    );
    println!("| scene | frames | trees | raster | encode | end to end | Remotion | ratio |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let or_dash = |v: Option<f64>, suffix: &str| {
        v.map(|v| format!("{v:.1}{suffix}"))
            .unwrap_or_else(|| "–".into())
    };
    for s in &report.scenes {
        println!(
            "| {} | {} | {:.0} | {:.1} | {:.1} | {:.1} | {} | {} |",
            s.scene,
            s.frames,
            s.trees_fps,
            s.raster_fps,
            s.encode_fps,
            s.end_to_end_fps,
            or_dash(s.remotion_fps, ""),
            or_dash(s.ratio, "×"),
        );
    }
    println!(
        "\nmedian end to end: {:.1} frames/s; median ratio vs Remotion: {}",
        report.median_end_to_end_fps,
        or_dash(report.median_ratio, "×")
    );
    if let Some(remotion) = &report.remotion {
        println!("baseline: {remotion}");
    }
    for note in &report.notes {
        println!("note: {note}");
    }
}
