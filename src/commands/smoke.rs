//! `scenebox smoke`: the staging smoke test. Picks stored scenes stratified by age and size,
//! renders a few frames of each under Phase 1, the parameterized model and
//! `param_with_fallback`, and prints a go/no-go table; exit code 1 on any regression.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;
use clap::Args;
use scenebox_compare::smoke::{smoke_scene, stratified_sample, SampleCandidate, SmokeScene};
use scenebox_compare::{ShadowRunner, ShadowSink};
use scenebox_runtime::{IsolatePool, VideoConfig};
use scenebox_server::request_events;
use scenebox_store::{SceneFilter, Store};
use serde_json::json;

use crate::runtime_args::SandboxArgs;
use crate::stats::Percentiles;

/// Arguments of `scenebox smoke`.
#[derive(Args)]
pub struct SmokeArgs {
    /// `postgres://…` or an SQLite file (the embedded `scenebox.db` by default).
    #[arg(long = "db", env = "DATABASE_URL", default_value = "scenebox.db")]
    db: String,
    /// How many stored scenes to check.
    #[arg(long, default_value_t = 50)]
    sample: usize,
    /// Frames per scene, spread from the first to the last.
    #[arg(long, default_value_t = 3)]
    frames: u32,
    /// Isolate workers (default: one per core).
    #[arg(long)]
    workers: Option<usize>,
    /// Print the results as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    sandbox: SandboxArgs,
}

struct NoShadow;

impl ShadowSink for NoShadow {
    fn record(&self, _: &str, _: scenebox_runtime::Model, _: scenebox_compare::Comparison) {}
}

/// Runs the smoke test.
pub fn run(args: SmokeArgs) -> Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let store = Store::connect(&args.db).await?;
        let records = store.list_scenes(&SceneFilter::default()).await?;
        let candidates: Vec<SampleCandidate> = records
            .iter()
            .map(|r| SampleCandidate {
                created_at: r.created_at,
                size: r.tsx_code.len(),
            })
            .collect();
        let picked = stratified_sample(&candidates, args.sample);
        let workers = args.workers.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        });
        let pool = Arc::new(IsolatePool::new(args.sandbox.config()?, workers, 64));
        let runner =
            ShadowRunner::new(pool, Arc::new(NoShadow), std::time::Duration::from_secs(60));
        let record_events = store.flags().await?.metrics;
        let bar = indicatif::ProgressBar::new(picked.len() as u64);
        if args.json {
            bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
        }
        let mut results = Vec::new();
        for index in picked {
            let record = &records[index];
            let duration = u32::try_from(record.duration).unwrap_or(150).max(1);
            let scene = SmokeScene {
                scene: record.id.to_string(),
                compiled: store
                    .compiler()
                    .compile(&record.id.to_string(), &record.tsx_code)
                    .map_err(|e| (format!("{:?}", e.kind), e.message.clone())),
                video: VideoConfig {
                    duration_in_frames: duration,
                    ..VideoConfig::default()
                },
                props: record.props.clone().unwrap_or_else(|| json!({})),
            };
            let count = args.frames.clamp(1, duration);
            let mut frames: Vec<u32> = (0..count)
                .map(|i| {
                    if count == 1 {
                        0
                    } else {
                        i * (duration - 1) / (count - 1)
                    }
                })
                .collect();
            frames.dedup();
            let (result, runs) = smoke_scene(&runner, &scene, frames).await?;
            if let (true, Some(runs)) = (record_events, runs) {
                for execution in [&runs.phase1, &runs.param, &runs.fallback] {
                    for event in request_events(Some(record.id), execution) {
                        store.record_event(&event).await?;
                    }
                }
            }
            results.push(result);
            bar.inc(1);
        }
        bar.finish_and_clear();
        store.close().await;
        let regressions: Vec<_> = results
            .iter()
            .filter(|r| r.status.is_regression())
            .collect();
        if args.json {
            println!(
                "{}",
                json!({"scenes": results, "regressions": regressions.len(),
                       "go": regressions.is_empty()})
            );
        } else {
            print_table(&results, &args.db);
        }
        anyhow::Ok(if regressions.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        })
    })
}

fn print_table(results: &[scenebox_compare::smoke::SmokeResult], db: &str) {
    let fallbacks = results.iter().filter(|r| r.fallback).count();
    let regressions: Vec<_> = results
        .iter()
        .filter(|r| r.status.is_regression())
        .collect();
    println!(
        "smoke: {} scene(s) from {db}, stratified by age and size",
        results.len()
    );
    println!("| mode | ok | failed | errors by class | p50 ms | p95 ms |");
    println!("|---|---:|---:|---|---:|---:|");
    for mode in ["phase1", "param", "param_with_fallback"] {
        let mut classes: BTreeMap<&str, usize> = BTreeMap::new();
        for result in results {
            if let Some(class) = result.errors.get(mode) {
                *classes.entry(class).or_default() += 1;
            }
        }
        let failed: usize = classes.values().sum();
        let ms: Vec<f64> = results
            .iter()
            .filter_map(|r| r.ms.get(mode).copied())
            .collect();
        let p = Percentiles::of(&ms);
        println!(
            "| {mode} | {} | {failed} | {} | {} | {} |",
            results.len() - failed,
            classes
                .iter()
                .map(|(class, n)| format!("{class} {n}"))
                .collect::<Vec<_>>()
                .join(", "),
            p.as_ref()
                .map(|p| format!("{:.1}", p.p50))
                .unwrap_or_default(),
            p.as_ref()
                .map(|p| format!("{:.1}", p.p95))
                .unwrap_or_default(),
        );
    }
    println!("fallbacks: {fallbacks}");
    println!(
        "regressions (param fails or differs where Phase 1 works): {}",
        regressions.len()
    );
    for regression in &regressions {
        println!(
            "  {} {}: {}",
            regression.scene,
            regression.status.as_str(),
            regression.detail.as_deref().unwrap_or("")
        );
    }
    println!(
        "{}",
        if regressions.is_empty() {
            "GO"
        } else {
            "NO-GO"
        }
    );
}
