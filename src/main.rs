//! `scenebox`: compile and execute LLM-written Remotion scenes server-side. A thin command
//! line over the library crates; each subcommand lives in `commands/`.

mod commands;
mod cpu_features;
mod database_args;
mod report_html;
mod runtime_args;
mod scene_files;
mod stats;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// swc allocates and frees many small AST nodes per compile; mimalloc does that faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Compile and execute LLM-written Remotion scenes (TSX) server-side.
#[derive(Parser)]
#[command(name = "scenebox", version, about)]
struct Cli {
    /// Write the live metrics (Prometheus text format) to this file when the command ends.
    #[arg(long, global = true, value_name = "FILE")]
    metrics_out: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile TSX scenes to the Phase 1 and parameterized artifacts.
    Compile(commands::compile::CompileArgs),
    /// Execute a scene frame by frame in V8 and print its element trees.
    Render(commands::render::RenderArgs),
    /// Compare Phase 1 and the parameterized model over a corpus (the regression suite).
    Diff(commands::diff::DiffArgs),
    /// Load scenes (a directory of .tsx or a .jsonl file) into the store, uncompiled.
    Import(commands::import::ImportArgs),
    /// Export a scene as a video (`export scene.tsx -o out.mp4`), or the store as JSON lines
    /// (`export --jsonl`).
    Export(commands::export::ExportArgs),
    /// Compile stored scenes whose Phase 1 artifact is missing, in batches.
    Backfill(commands::backfill::BackfillArgs),
    /// Daily compile and execution figures from the events table, as a table, JSON or charts.
    Report(commands::report::ReportArgs),
    /// Apply the database migrations (additive only; every store command also does on connect).
    Migrate(commands::migrate::MigrateArgs),
    /// Staging smoke test: stored scenes under Phase 1, param and fallback; go/no-go.
    Smoke(commands::smoke::SmokeArgs),
    /// Read or change the rollout switches stored in the database.
    Flags(commands::flags::FlagsArgs),
    /// Serve the export API over HTTP (embedded SQLite and 127.0.0.1 by default).
    Serve(commands::serve::ServeArgs),
    /// A worker process of `serve --isolation process` (JSON lines on stdin/stdout).
    #[command(hide = true)]
    Worker,
    /// Measure p50/p95/p99 of each stage beside the baselines, printed as ratios.
    Bench(commands::bench::BenchArgs),
    /// Draw fixture frames with scenebox and with headless Chromium; SSIM report vs targets.
    Fidelity(commands::fidelity::FidelityArgs),
}

/// `scenebox compile … | head`: once the reader has gone, end like any Unix filter instead of
/// panicking in `println!`. Only for commands that write nothing but stdout: the others write
/// into pipes of child processes (ffmpeg, Node, workers), whose early exit must surface as an
/// ordinary error.
fn stop_quietly_on_closed_stdout() {
    // SAFETY: restores the default disposition of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Transparent huge pages off for this process and its children (`PR_SET_THP_DISABLE`).
/// mimalloc asks for huge pages for its arenas, and a raster frees and allocates frame-sized
/// pixmaps every frame: each time mimalloc had returned the memory to the kernel, the next first
/// touch cost the kernel zeroing a whole 2 MB page (`clear_page_erms` under
/// `do_huge_pmd_anonymous_page`, 6.5 % of an export's samples in perf). `scenebox export` of
/// saas-dashboard-large, three rounds interleaved: 4.30–4.45 → 4.11–4.29 s wall, system time
/// 0.73–0.93 → 0.44–0.67 s; weather-card-export-end unchanged; compile and isolate start-up
/// unchanged.
fn without_transparent_huge_pages() {
    // SAFETY: sets one flag of this process's memory map; no pointers are passed.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    without_transparent_huge_pages();
    let missing = cpu_features::missing();
    if !missing.is_empty() {
        eprintln!(
            "error: this scenebox was built for x86-64-v3 CPUs (.cargo/config.toml), and this CPU \
             lacks {}; rebuild without `-C target-cpu=x86-64-v3` to run it here",
            missing.join(", ")
        );
        return ExitCode::from(2);
    }
    let cli = Cli::parse();
    let metrics = cli.metrics_out.as_ref().and_then(|_| {
        metrics_exporter_prometheus::PrometheusBuilder::new()
            .install_recorder()
            .ok()
    });
    if matches!(cli.command, Command::Compile(_) | Command::Diff(_)) {
        stop_quietly_on_closed_stdout();
    }
    let outcome = match cli.command {
        Command::Compile(args) => commands::compile::run(args),
        Command::Bench(args) => commands::bench::run(args),
        Command::Render(args) => commands::render::run(args),
        Command::Diff(args) => commands::diff::run(args),
        Command::Import(args) => commands::import::run(args),
        Command::Export(args) => commands::export::run(args),
        Command::Backfill(args) => commands::backfill::run(args),
        Command::Report(args) => commands::report::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Flags(args) => commands::flags::run(args),
        Command::Migrate(args) => commands::migrate::run(args),
        Command::Smoke(args) => commands::smoke::run(args),
        Command::Worker => commands::worker::run(),
        Command::Fidelity(args) => commands::fidelity::run(args),
    };
    if let (Some(path), Some(handle)) = (&cli.metrics_out, &metrics) {
        if let Err(error) = std::fs::write(path, handle.render()) {
            eprintln!("scenebox: writing {}: {error}", path.display());
        }
    }
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("scenebox: {error:#}");
            ExitCode::from(2)
        }
    }
}
