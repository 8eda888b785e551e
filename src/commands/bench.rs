//! `scenebox bench`: p50/p95/p99 of each stage over a corpus, beside the baselines (sucrase in
//! Node) measured in the same run, printed as ratios.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use scenebox_compile::{compile, Compiler};
use serde::Serialize;

use super::bench_sucrase::{SucraseProcess, SucraseRound};
use crate::scene_files::read_scene_files;
use crate::stats::Percentiles;

/// Arguments of `scenebox bench`.
#[derive(Args)]
pub struct BenchArgs {
    /// Directory of .tsx scenes to measure.
    #[arg(long, default_value = "fixtures/scenes")]
    corpus: PathBuf,
    /// Timed iterations per scene and stage.
    #[arg(long, default_value_t = 30)]
    iterations: usize,
    /// Print the table as JSON.
    #[arg(long)]
    json: bool,
    /// Skip the runtime stages (compile only).
    #[arg(long)]
    compile_only: bool,
    /// Only issue 3's start-up figure: one-frame jobs (isolate start, scene load + first
    /// frame, and the two together), `--iterations` rounds over the corpus per model.
    #[arg(long, conflicts_with_all = ["compile_only", "export"])]
    startup_only: bool,
    /// Measure exports instead: frames/s of 1080p video per stage and end to end for typical
    /// fixtures, beside Remotion's renderer.
    #[arg(long)]
    export: bool,
    /// Scenes for `--export` (default: six typical fixtures).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "FILE,…",
        conflicts_with = "export_every"
    )]
    export_scenes: Vec<PathBuf>,
    /// For `--export`: a systematic sample of the corpus instead, every Nth scene in name
    /// order starting with the first (3: 20 of the 59 fixtures).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    export_every: Option<u32>,
    /// Frames per export for `--export`.
    #[arg(long, default_value_t = 150)]
    export_frames: u32,
    /// Skip Remotion's renderer in `--export`.
    #[arg(long)]
    no_remotion: bool,
}

/// One measured stage.
#[derive(Serialize)]
struct StageRow {
    stage: String,
    tool: String,
    #[serde(flatten)]
    percentiles: Percentiles,
}

/// One baseline comparison.
#[derive(Serialize)]
struct Ratio {
    what: String,
    baseline: String,
    /// Baseline p50 divided by scenebox p50 (above 1: scenebox is faster).
    speedup_p50: f64,
}

impl Ratio {
    fn new(what: &str, baseline: &str, baseline_p50: f64, ours_p50: f64) -> Self {
        Self {
            what: what.to_string(),
            baseline: baseline.to_string(),
            speedup_p50: baseline_p50 / ours_p50,
        }
    }
}

/// Times `f` once per scene per iteration, in milliseconds.
fn time_each(
    scenes: &[crate::scene_files::SceneFile],
    iterations: usize,
    mut f: impl FnMut(&crate::scene_files::SceneFile),
) -> Vec<f64> {
    let mut samples = Vec::with_capacity(scenes.len() * iterations);
    for _ in 0..iterations {
        for scene in scenes {
            let started = Instant::now();
            f(scene);
            samples.push(ms(started));
        }
    }
    samples
}

#[derive(Serialize)]
struct BenchReport {
    corpus: String,
    scenes: usize,
    stages: Vec<StageRow>,
    ratios: Vec<Ratio>,
    notes: Vec<String>,
}

/// Runs the benchmark and prints the table.
pub fn run(args: BenchArgs) -> Result<ExitCode> {
    if args.export {
        return run_export(&args);
    }
    let scenes = read_scene_files(&args.corpus)?;
    let iterations = args.iterations.max(1);
    if args.startup_only {
        let report = BenchReport {
            corpus: args.corpus.display().to_string(),
            scenes: scenes.len(),
            stages: startup_stages(&scenes, iterations)?,
            ratios: Vec::new(),
            notes: Vec::new(),
        };
        return print_report(&report, args.json);
    }
    let mut stages = Vec::new();
    let mut notes = Vec::new();

    for scene in &scenes {
        compile(&scene.name(), &scene.tsx)
            .with_context(|| format!("{} does not compile", scene.name()))?;
    }
    // scenebox's compile rounds interleave with sucrase's (when Node is there), so that both
    // tools see the same machine over the same stretch of time.
    let mut sucrase = match SucraseProcess::start(&args.corpus) {
        Ok(process) => Some(process),
        Err(error) => {
            notes.push(format!("sucrase baseline skipped: {error:#}"));
            None
        }
    };
    let mut cold = Vec::with_capacity(scenes.len() * iterations);
    let (mut plain, mut mapped) = (Vec::new(), Vec::new());
    for _ in 0..iterations {
        cold.extend(time_each(&scenes, 1, |scene| {
            drop(compile(&scene.name(), &scene.tsx));
        }));
        if let Some(process) = sucrase.as_mut() {
            let rounds = process
                .round(SucraseRound::Plain)
                .and_then(|p| Ok((p, process.round(SucraseRound::Mapped)?)));
            match rounds {
                Ok((p, m)) => {
                    plain.extend(p);
                    mapped.extend(m);
                }
                Err(error) => {
                    notes.push(format!("sucrase baseline stopped: {error:#}"));
                    sucrase = None;
                }
            }
        }
    }
    let compiler = Compiler::default();
    for scene in &scenes {
        compiler.compile(&scene.name(), &scene.tsx)?;
    }
    let cached = time_each(&scenes, iterations, |scene| {
        drop(compiler.compile(&scene.name(), &scene.tsx));
    });
    let cold = row("compile (cold, both artifacts)", "swc", &cold);
    let cached = row("compile (cached)", "swc", &cached);

    let mut ratios = Vec::new();
    if let Some(baseline) = sucrase {
        let tool = format!("sucrase {}", baseline.version);
        let warm = row("compile (warm, interleaved)", &tool, &plain);
        let ours = cold.percentiles.p50;
        ratios.push(Ratio::new(
            "compile",
            "sucrase warm",
            warm.percentiles.p50,
            ours,
        ));
        ratios.push(Ratio::new(
            "compile",
            "sucrase cold (load + first transform)",
            baseline.cold_ms,
            ours,
        ));
        let both = row(
            "compile (warm, interleaved, 2 outputs + source maps)",
            &tool,
            &mapped,
        );
        ratios.push(Ratio::new(
            "compile (same job: both artifacts + maps)",
            "sucrase warm, 2 transforms with source maps",
            both.percentiles.p50,
            ours,
        ));
        stages.push(warm);
        stages.push(both);
        notes.push(format!(
            "sucrase cold start (require + first transform): {:.2} ms",
            baseline.cold_ms
        ));
    }
    stages.insert(0, cached);
    stages.insert(0, cold);
    if !args.compile_only {
        stages.extend(runtime_stages(&scenes)?);
        stages.extend(pooled_stage(&scenes)?);
        stages.extend(shadow_stage(&scenes)?);
        match node_render_baseline(&scenes) {
            Ok(node) => {
                for model in ["phase1", "param"] {
                    let find = |stage: &str| {
                        stages
                            .iter()
                            .find(|s| s.stage == stage && s.tool == format!("V8 ({model})"))
                            .map(|s| s.percentiles.p50)
                    };
                    let Some(baseline) = node.iter().find(|b| b.model == model) else {
                        continue;
                    };
                    let tool = format!("Node {} ({model})", node_version());
                    let first = row("scene load + first frame", &tool, &baseline.first_frame_ms);
                    let warm = row("warm frame", &tool, &baseline.warm_frame_ms);
                    if let (Some(ours_first), Some(ours_warm)) =
                        (find("scene load + first frame"), find("warm frame"))
                    {
                        ratios.push(Ratio::new(
                            &format!("first frame ({model})"),
                            "Node, same bundle, warm process",
                            first.percentiles.p50,
                            ours_first,
                        ));
                        ratios.push(Ratio::new(
                            &format!("warm frame ({model})"),
                            "Node, same bundle",
                            warm.percentiles.p50,
                            ours_warm,
                        ));
                    }
                    stages.push(row(
                        "new context + bundle evaluation",
                        &tool,
                        &baseline.context_ms,
                    ));
                    stages.push(first);
                    stages.push(warm);
                }
            }
            Err(error) => notes.push(format!("Node render baseline skipped: {error:#}")),
        }
    }

    let report = BenchReport {
        corpus: args.corpus.display().to_string(),
        scenes: scenes.len(),
        stages,
        ratios,
        notes,
    };
    print_report(&report, args.json)
}

fn print_report(report: &BenchReport, json: bool) -> Result<ExitCode> {
    if json {
        println!("{}", serde_json::to_string_pretty(report)?);
    } else {
        print_table(report);
    }
    Ok(ExitCode::SUCCESS)
}

/// The `.tsx` scenes of `corpus` in name order, every `every`th one from the first.
fn every_nth_scene(corpus: &Path, every: usize) -> Result<Vec<PathBuf>> {
    Ok(read_scene_files(corpus)?
        .into_iter()
        .step_by(every.max(1))
        .map(|scene| scene.path)
        .collect())
}

/// `bench --export`: see [`super::bench_export`].
fn run_export(args: &BenchArgs) -> Result<ExitCode> {
    use super::bench_export::{print_table, ExportBench, TYPICAL_SCENES};
    let scenes = if let Some(every) = args.export_every {
        every_nth_scene(&args.corpus, every as usize)?
    } else if args.export_scenes.is_empty() {
        TYPICAL_SCENES
            .iter()
            .map(|stem| args.corpus.join(format!("{stem}.tsx")))
            .collect()
    } else {
        args.export_scenes.clone()
    };
    let report = super::bench_export::run(&ExportBench {
        scenes,
        frames: args.export_frames,
        jobs: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2),
        remotion: !args.no_remotion,
    })?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_table(&report);
    }
    Ok(ExitCode::SUCCESS)
}

/// Renders every scene's 150 frames under each model; reports isolate start, first frame
/// (scene evaluation + first frame), the two together per scene (what issue 3's start-up
/// target measures), warm frames and whole scenes.
fn runtime_stages(scenes: &[crate::scene_files::SceneFile]) -> Result<Vec<StageRow>> {
    use scenebox_runtime::{Model, RuntimeConfig};
    let config = RuntimeConfig::default();
    let compiler = Compiler::default();
    let mut rows = Vec::new();
    for model in [Model::Phase1, Model::Param] {
        let (mut startup, mut warm, mut whole) =
            (StartupSamples::default(), Vec::new(), Vec::new());
        for scene in scenes {
            let t = timed_render(&config, &compiler, scene, model, (0..150).collect())?;
            startup.push(&t);
            warm.extend_from_slice(&t.frame_ms);
            whole.push(t.total_ms);
        }
        let tool = format!("V8 ({})", model.as_str());
        rows.extend(startup.rows(&tool));
        rows.push(row("warm frame", &tool, &warm));
        rows.push(row("full 150-frame scene", &tool, &whole));
    }
    Ok(rows)
}

/// Renders `frames` of `scene` under `model` as one job (a fresh isolate) and returns the
/// attempt's timings, or an error naming the scene.
fn timed_render(
    config: &scenebox_runtime::RuntimeConfig,
    compiler: &Compiler,
    scene: &crate::scene_files::SceneFile,
    model: scenebox_runtime::Model,
    frames: Vec<u32>,
) -> Result<scenebox_runtime::RenderTimings> {
    use scenebox_runtime::{render, RenderRequest, VideoConfig};
    let compiled = compiler.compile(&scene.name(), &scene.tsx)?;
    let request = RenderRequest {
        scene: &scene.stem(),
        compiled: &compiled,
        model,
        video: VideoConfig::default(),
        props: serde_json::json!({}),
        frames,
        seed: None,
    };
    let rendered = render(config, &request).result.map_err(|e| {
        anyhow::anyhow!(
            "{} does not render under {}: {e}",
            scene.name(),
            model.as_str()
        )
    })?;
    Ok(rendered.timings)
}

/// One-frame jobs, `iterations` rounds over the corpus per model (the models interleaved
/// round by round, so both see the same machine): isolate start, scene load + first frame,
/// and the two together — issue 3's start-up figure, with more samples than one pass gives.
fn startup_stages(
    scenes: &[crate::scene_files::SceneFile],
    iterations: usize,
) -> Result<Vec<StageRow>> {
    use scenebox_runtime::{Model, RuntimeConfig};
    let config = RuntimeConfig::default();
    let compiler = Compiler::default();
    let models = [Model::Phase1, Model::Param];
    let mut samples: [StartupSamples; 2] = Default::default();
    for _ in 0..iterations {
        for (model, startup) in models.iter().zip(samples.iter_mut()) {
            for scene in scenes {
                startup.push(&timed_render(&config, &compiler, scene, *model, vec![0])?);
            }
        }
    }
    let mut rows = Vec::new();
    for (model, startup) in models.iter().zip(&samples) {
        rows.extend(startup.rows(&format!("V8 ({}), 1-frame jobs", model.as_str())));
    }
    Ok(rows)
}

/// Start-up samples of jobs, one each per job: isolate start, scene load + first frame
/// (evaluation and the first frame), and the two together (issue 3's figure).
#[derive(Default)]
struct StartupSamples {
    isolate: Vec<f64>,
    first: Vec<f64>,
    to_first: Vec<f64>,
}

impl StartupSamples {
    fn push(&mut self, t: &scenebox_runtime::RenderTimings) {
        let first = t.evaluate_ms + t.first_frame_ms;
        self.isolate.push(t.isolate_ms);
        self.first.push(first);
        self.to_first.push(t.isolate_ms + first);
    }

    fn rows(&self, tool: &str) -> [StageRow; 3] {
        [
            row("isolate start (from snapshot)", tool, &self.isolate),
            row("scene load + first frame", tool, &self.first),
            row("isolate start to first frame", tool, &self.to_first),
        ]
    }
}

/// A one-frame job through an [`IsolatePool`](scenebox_runtime::IsolatePool), timed from
/// submission to its result: what a service request waits for. Each pool worker makes its next
/// job's isolate while it waits for the job (still a fresh isolate per job), so this is scene
/// load + first frame + the hand-offs + dropping the job's isolate, without the isolate start;
/// the bench pauses between jobs long enough for that isolate to be ready.
fn pooled_stage(scenes: &[crate::scene_files::SceneFile]) -> Result<Vec<StageRow>> {
    use scenebox_runtime::{IsolatePool, Model, RenderJob, RuntimeConfig, VideoConfig};
    let pool = IsolatePool::with_available_parallelism(RuntimeConfig::default());
    let compiler = Compiler::default();
    // About three isolate starts: the worker that ran the last job has made its next isolate,
    // and the core has not gone idle for long (on this VM long pauses slow the next job down).
    let ready = std::time::Duration::from_millis(10);
    let mut rows = Vec::new();
    for model in [Model::Phase1, Model::Param] {
        let mut latency = Vec::new();
        for scene in scenes {
            let job = RenderJob {
                scene: scene.stem(),
                compiled: compiler.compile(&scene.name(), &scene.tsx)?,
                model,
                video: VideoConfig::default(),
                props: serde_json::json!({}),
                frames: vec![0],
                seed: None,
            };
            std::thread::sleep(ready);
            let started = Instant::now();
            let outcome = pool.render_blocking(job)?;
            latency.push(ms(started));
            outcome.result.map_err(|e| {
                anyhow::anyhow!(
                    "{} does not render under {}: {e}",
                    scene.name(),
                    model.as_str()
                )
            })?;
        }
        let tool = format!("V8 pool ({})", model.as_str());
        rows.push(row(
            "pooled job to first frame (isolate made ahead)",
            &tool,
            &latency,
        ));
    }
    Ok(rows)
}

/// A full 150-frame scene under shadow mode: Phase 1 answers while the parameterized model
/// runs beside it on the pool's other worker; timed until the primary returns.
fn shadow_stage(scenes: &[crate::scene_files::SceneFile]) -> Result<Vec<StageRow>> {
    use scenebox_compare::{Comparison, ExecutionMode, ShadowRunner, ShadowSink};
    use scenebox_runtime::{IsolatePool, Model, RenderJob, RuntimeConfig, VideoConfig};
    struct Done(std::sync::Mutex<std::sync::mpsc::Sender<()>>);
    impl ShadowSink for Done {
        fn record(&self, _scene: &str, _primary: scenebox_runtime::Model, _comparison: Comparison) {
            let _ = self.0.lock().map(|tx| tx.send(()));
        }
    }
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    let pool = std::sync::Arc::new(IsolatePool::with_available_parallelism(
        RuntimeConfig::default(),
    ));
    let sink = std::sync::Arc::new(Done(std::sync::Mutex::new(done_tx)));
    let runner = ShadowRunner::new(pool, sink, std::time::Duration::from_secs(60));
    let tokio = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let compiler = Compiler::default();
    let mut whole = Vec::new();
    for scene in scenes {
        let job = RenderJob {
            scene: scene.stem(),
            compiled: compiler.compile(&scene.name(), &scene.tsx)?,
            model: Model::Phase1,
            video: VideoConfig::default(),
            props: serde_json::json!({}),
            frames: (0..150).collect(),
            seed: None,
        };
        let started = Instant::now();
        let outcome = tokio
            .block_on(runner.run(
                job,
                ExecutionMode::Shadow {
                    primary: Model::Phase1,
                },
            ))?
            .outcome;
        outcome.result.map_err(|e| anyhow::anyhow!("{e}"))?;
        whole.push(ms(started));
        // Let the shadow finish (untimed) before the next scene so runs do not pile up.
        let _ = done_rx.recv_timeout(std::time::Duration::from_secs(60));
    }
    Ok(vec![row(
        "full 150-frame scene",
        "V8 (shadow: phase1 + param)",
        &whole,
    )])
}

/// One model's timings from `benches/node-render.mjs`.
struct NodeBaseline {
    model: &'static str,
    context_ms: Vec<f64>,
    first_frame_ms: Vec<f64>,
    warm_frame_ms: Vec<f64>,
}

fn node_version() -> String {
    Command::new("node")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// Renders every scene's 150 frames with the same bundle in Node, per model.
fn node_render_baseline(scenes: &[crate::scene_files::SceneFile]) -> Result<Vec<NodeBaseline>> {
    let dir = std::env::temp_dir().join(format!("scenebox-node-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let script = dir.join("node-render.mjs");
    std::fs::write(&script, include_str!("../../benches/node-render.mjs"))?;
    let bundle = dir.join("scenebox-host.js");
    std::fs::write(&bundle, scenebox_runtime::HOST_BUNDLE)?;
    let compiler = Compiler::default();
    let mut baselines = Vec::new();
    for model in ["phase1", "param"] {
        let mut artifacts = Vec::new();
        for scene in scenes {
            let compiled = compiler.compile(&scene.name(), &scene.tsx)?;
            let code = if model == "phase1" {
                &compiled.phase1.code
            } else {
                &compiled.param.code
            };
            let path = dir.join(format!("{}.{model}.js", scene.stem()));
            std::fs::write(&path, code)?;
            artifacts.push(path);
        }
        let output = Command::new("node")
            .arg(&script)
            .arg(&bundle)
            .arg(model)
            .arg("150")
            .args(&artifacts)
            .env("TZ", "UTC")
            .output()
            .context("running node (is Node.js installed?)")?;
        if !output.status.success() {
            anyhow::bail!(
                "node failed: {}",
                String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .next()
                    .unwrap_or("")
            );
        }
        let value: serde_json::Value = serde_json::from_slice(&output.stdout)?;
        let list = |key: &str| -> Vec<f64> {
            value[key]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
                .unwrap_or_default()
        };
        baselines.push(NodeBaseline {
            model,
            context_ms: list("context_ms"),
            first_frame_ms: list("first_frame_ms"),
            warm_frame_ms: list("warm_frame_ms"),
        });
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(baselines)
}

fn row(stage: &str, tool: &str, samples: &[f64]) -> StageRow {
    StageRow {
        stage: stage.to_string(),
        tool: tool.to_string(),
        percentiles: Percentiles::of(samples).expect("at least one sample"),
    }
}

fn print_table(report: &BenchReport) {
    println!("corpus: {} ({} scenes)\n", report.corpus, report.scenes);
    println!("| stage | tool | n | p50 ms | p95 ms | p99 ms |");
    println!("|---|---|---:|---:|---:|---:|");
    for s in &report.stages {
        let p = &s.percentiles;
        println!(
            "| {} | {} | {} | {:.4} | {:.4} | {:.4} |",
            s.stage, s.tool, p.n, p.p50, p.p95, p.p99
        );
    }
    if !report.ratios.is_empty() {
        println!("\n| scenebox vs | baseline | speed-up at p50 |");
        println!("|---|---|---:|");
        for r in &report.ratios {
            println!("| {} | {} | {:.1}× |", r.what, r.baseline, r.speedup_p50);
        }
    }
    for note in &report.notes {
        println!("\nnote: {note}");
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_third_fixture_is_a_sample_in_name_order() {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/scenes");
        let all = every_nth_scene(&corpus, 1).unwrap();
        let sample = every_nth_scene(&corpus, 3).unwrap();
        assert!(all.len() >= 40, "{} fixtures", all.len());
        assert!(all.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(sample.len(), all.len().div_ceil(3));
        for (index, scene) in sample.iter().enumerate() {
            assert_eq!(scene, &all[index * 3]);
        }
    }
}
