//! `scenebox fidelity`: the Chromium fidelity harness. Each chosen frame of each scene is
//! drawn twice from the same element tree — by scenebox (takumi) and by headless Chromium
//! with the same fonts — and compared with SSIM; `DIR/report.html` shows the worst frames side
//! by side and every frame worst first, `DIR/summary.json` holds the figures. Exit code 1 when
//! the mean or the lowest frame is below its target, or a frame could not be compared.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use anyhow::{Context, Result};
use clap::Args;
use scenebox_compile::Compiler;
use scenebox_raster::chromium::Chromium;
use scenebox_raster::fidelity::{
    compare_frame, frames_to_compare, read_explanations, report_html, spread, write_jpeg,
    FrameResult, ShownFrame, Summary, Targets,
};
use scenebox_raster::{rasterize, Assets, RasterWarning};
use scenebox_runtime::{render, FrameSelection, Model, Node, RenderRequest};

use crate::runtime_args::{SandboxArgs, VideoArgs};
use crate::scene_files::{read_scene_files, SceneFile};

/// Arguments of `scenebox fidelity`.
#[derive(Args)]
pub struct FidelityArgs {
    /// Scene files, or directories of them.
    #[arg(default_value = "fixtures/scenes")]
    scenes: Vec<PathBuf>,
    /// Frames compared per scene: evenly spaced from the middle frame to the one at 90 %.
    #[arg(long, default_value_t = 2)]
    frames_per_scene: u32,
    /// Exactly these frames of every scene instead (`a..b`, `every:N`, `N`, `a,b,c`).
    #[arg(long)]
    frames: Option<FrameSelection>,
    /// Compare an evenly spread, deterministic sample of this many scenes.
    #[arg(long)]
    sample: Option<usize>,
    /// Where `report.html`, `summary.json` and the report's pictures go.
    #[arg(long, default_value = "fidelity-report", value_name = "DIR")]
    out: PathBuf,
    /// The lowest acceptable mean SSIM.
    #[arg(long, default_value_t = 0.98)]
    min_mean: f64,
    /// The lowest acceptable SSIM of any frame.
    #[arg(long, default_value_t = 0.93)]
    min_frame: f64,
    /// How many of the worst frames the report shows side by side.
    #[arg(long, default_value_t = 8)]
    show: usize,
    /// Width of the report's pictures (JPEG, scaled down by a whole factor).
    #[arg(long, default_value_t = 960)]
    picture_width: u32,
    /// Known causes of differences, a JSON object keyed by scene.
    #[arg(
        long,
        default_value = "docs/fidelity/explanations.json",
        value_name = "FILE"
    )]
    explanations: PathBuf,
    /// Keep every frame's full-size PNGs (scenebox, Chromium, heat map) in DIR/frames.
    #[arg(long)]
    keep_frames: bool,
    /// Frames compared at once (each runs one Chromium).
    #[arg(long)]
    jobs: Option<usize>,
    /// Directory of the scenes' local assets (`staticFile`, relative `<Img src>`).
    #[arg(long, value_name = "DIR")]
    assets: Option<PathBuf>,
    /// Execution model.
    #[arg(long, default_value = "param")]
    model: Model,
    #[command(flatten)]
    video: VideoArgs,
    #[command(flatten)]
    sandbox: SandboxArgs,
}

/// One frame to compare.
struct Job {
    scene: String,
    frame: u32,
    tree: Node,
}

/// Runs the harness; exit code 1 when the targets are not met.
pub fn run(args: FidelityArgs) -> Result<ExitCode> {
    let mut files = Vec::new();
    for path in &args.scenes {
        files.extend(read_scene_files(path)?);
    }
    if let Some(count) = args.sample {
        let picked = spread(&(0..files.len()).collect::<Vec<_>>(), count);
        files = files
            .into_iter()
            .enumerate()
            .filter(|(i, _)| picked.contains(i))
            .map(|(_, file)| file)
            .collect();
    }
    anyhow::ensure!(!files.is_empty(), "no scenes to compare");
    let targets = Targets {
        min_mean: args.min_mean,
        min_frame: args.min_frame,
    };
    let explanations = read_explanations(&args.explanations).map_err(anyhow::Error::msg)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let work = args.out.join(".work");
    let chromium = Chromium::new(&work)?;
    let browser = browser_version(chromium.binary());
    eprintln!(
        "fidelity: {} scene(s), Chromium: {browser}, output in {}",
        files.len(),
        args.out.display()
    );

    // Trees first (V8, fast), then the frames in parallel (takumi + Chromium + SSIM).
    let mut jobs = Vec::new();
    let mut results = Vec::new();
    for file in &files {
        match trees(&args, file) {
            Ok(frames) => jobs.extend(frames),
            Err(error) => results.push(FrameResult {
                scene: file.stem(),
                frame: 0,
                ssim: 0.0,
                warnings: Vec::new(),
                error: Some(format!("{error:#}")),
            }),
        }
    }
    let frames_dir = work.join("frames");
    std::fs::create_dir_all(&frames_dir)?;
    let total = jobs.len();
    let queue = Mutex::new(jobs.into_iter().enumerate());
    let compared = Mutex::new(Vec::new());
    let threads = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1);
    let video = args.video.video()?;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut assets = Assets::new(args.assets.clone());
                loop {
                    let next = queue.lock().expect("queue").next();
                    let Some((index, job)) = next else { break };
                    let result = compare(
                        &job,
                        &chromium,
                        &mut assets,
                        args.assets.as_deref(),
                        (video.width, video.height),
                        &frames_dir,
                    );
                    eprintln!(
                        "  [{}/{total}] {} frame {}: {}",
                        index + 1,
                        result.scene,
                        result.frame,
                        result
                            .error
                            .clone()
                            .unwrap_or_else(|| format!("SSIM {:.4}", result.ssim))
                    );
                    compared.lock().expect("results").push(result);
                }
            });
        }
    });
    results.extend(compared.into_inner().expect("results"));
    let summary = Summary::new(results, targets, &browser);

    // The worst frames' pictures (the previous run's removed), then the report.
    for entry in std::fs::read_dir(&args.out)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if [".scenebox.jpg", ".chromium.jpg", ".diff.jpg"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
        {
            std::fs::remove_file(entry.path())?;
        }
    }
    let mut shown = Vec::new();
    for result in summary
        .results
        .iter()
        .filter(|r| r.error.is_none())
        .take(args.show)
    {
        let stem = format!("{}.{:04}", result.scene, result.frame);
        let mut pictures = Vec::new();
        for kind in ["scenebox", "chromium", "diff"] {
            let png = frames_dir.join(format!("{stem}.{kind}.png"));
            let image = scenebox_raster::chromium::decode_png(
                &std::fs::read(&png).with_context(|| format!("reading {}", png.display()))?,
            )?;
            let name = format!("{stem}.{kind}.jpg");
            write_jpeg(&image, &args.out.join(&name), args.picture_width)
                .with_context(|| format!("writing {name}"))?;
            pictures.push(name);
        }
        let [scenebox, chromium, diff] = <[String; 3]>::try_from(pictures).expect("three");
        shown.push(ShownFrame {
            scene: result.scene.clone(),
            frame: result.frame,
            scenebox,
            chromium,
            diff,
        });
    }
    let report = args.out.join("report.html");
    std::fs::write(&report, report_html(&summary, &shown, &explanations))
        .with_context(|| format!("writing {}", report.display()))?;
    std::fs::write(
        args.out.join("summary.json"),
        serde_json::to_string_pretty(&summary)? + "\n",
    )?;
    if args.keep_frames {
        let kept = args.out.join("frames");
        let _ = std::fs::remove_dir_all(&kept);
        std::fs::rename(&frames_dir, &kept)
            .with_context(|| format!("moving the frames to {}", kept.display()))?;
    }
    let _ = std::fs::remove_dir_all(&work);

    println!(
        "fidelity: {} frames of {} scenes: mean SSIM {:.4} (target ≥ {}), lowest {:.4} (target ≥ {}): {}",
        summary.frames,
        summary.scenes,
        summary.mean,
        targets.min_mean,
        summary.min,
        targets.min_frame,
        if summary.passed { "targets met" } else { "TARGETS NOT MET" }
    );
    for result in summary.results.iter().take(5) {
        println!(
            "  {:.4}  {} frame {}{}",
            result.ssim,
            result.scene,
            result.frame,
            explanations
                .get(&result.scene)
                .map(|e| format!(" — {e}"))
                .unwrap_or_default()
        );
    }
    println!("  report: {}", report.display());
    Ok(if summary.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Compiles `file` and computes the trees of the frames to compare.
fn trees(args: &FidelityArgs, file: &SceneFile) -> Result<Vec<Job>> {
    let video = args.video.video()?;
    let frames = match &args.frames {
        Some(selection) => selection.resolve_some(video.duration_in_frames)?,
        None => frames_to_compare(video.duration_in_frames, args.frames_per_scene),
    };
    let compiled = Compiler::default()
        .compile(&file.name(), &file.tsx)
        .map_err(|e| anyhow::anyhow!("{}:{}:{}: {}", file.name(), e.line, e.column, e.message))?;
    let config = args.sandbox.config()?;
    let stem = file.stem();
    let outcome = render(
        &config,
        &RenderRequest {
            scene: &stem,
            compiled: &compiled,
            model: args.model,
            video,
            props: args.video.props()?,
            frames,
            seed: None,
        },
    );
    let rendered = outcome.result.map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(rendered
        .frames
        .into_iter()
        .map(|frame| Job {
            scene: stem.clone(),
            frame: frame.frame,
            tree: frame.tree,
        })
        .collect())
}

/// Draws one frame both ways, compares them and keeps the three pictures in `frames_dir`.
fn compare(
    job: &Job,
    chromium: &Chromium,
    assets: &mut Assets,
    asset_dir: Option<&Path>,
    (width, height): (u32, u32),
    frames_dir: &Path,
) -> FrameResult {
    let mut warnings: Vec<RasterWarning> = Vec::new();
    let outcome = (|| -> Result<f64> {
        let ours = rasterize(&job.tree, width, height, assets, &mut warnings)?;
        let theirs = chromium.render(&job.tree, width, height, assets, asset_dir)?;
        let comparison = compare_frame(&ours, &theirs)?;
        for (kind, image) in [
            ("scenebox", &ours),
            ("chromium", &theirs),
            ("diff", &comparison.heat_map),
        ] {
            let path = frames_dir.join(format!("{}.{:04}.{kind}.png", job.scene, job.frame));
            std::fs::write(&path, image.png()?)
                .with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(comparison.ssim)
    })();
    warnings.sort_by(|a, b| (&a.property, &a.value).cmp(&(&b.property, &b.value)));
    warnings.dedup_by(|a, b| a.property == b.property && a.value == b.value);
    let (ssim, error) = match outcome {
        Ok(ssim) => (ssim, None),
        Err(error) => (0.0, Some(format!("{error:#}"))),
    };
    FrameResult {
        scene: job.scene.clone(),
        frame: job.frame,
        ssim,
        warnings,
        error,
    }
}

/// `chromium --version`, or the binary's path when that fails.
fn browser_version(binary: &Path) -> String {
    std::process::Command::new(binary)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| binary.display().to_string())
}
