//! `scenebox`: compile and execute LLM-written Remotion scenes server-side. A thin command
//! line over the library crates; each subcommand lives in `commands/`.

mod commands;
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

/// The binary is built for x86-64-v3 (`.cargo/config.toml`: AVX2, FMA, BMI2). On an older CPU
/// it would die of SIGILL at the first such instruction; this names what is missing instead,
/// before any of that code runs. It asks CPUID itself: `is_x86_feature_detected!` answers
/// "yes" at compile time for every feature the build enables.
fn missing_cpu_features() -> Vec<&'static str> {
    #[allow(unused_mut)]
    let mut missing = Vec::new();
    #[cfg(all(target_arch = "x86_64", target_feature = "avx2"))]
    {
        use std::arch::x86_64::{__cpuid, __cpuid_count, _xgetbv};
        let bit = |register: u32, n: u32| register & (1 << n) != 0;
        // SAFETY: CPUID exists on every x86-64 CPU; leaves above the reported maximum are not
        // read; XGETBV is only executed when CPUID says the OS enabled it (OSXSAVE).
        unsafe {
            let basic = __cpuid(1);
            let max_leaf = __cpuid(0).eax;
            let extended = if max_leaf >= 7 {
                __cpuid_count(7, 0).ebx
            } else {
                0
            };
            let lzcnt = bit(__cpuid(0x8000_0001).ecx, 5);
            let os_saves_avx = bit(basic.ecx, 27) && _xgetbv(0) & 0b110 == 0b110;
            for (name, present) in [
                ("AVX (with OS support)", bit(basic.ecx, 28) && os_saves_avx),
                ("AVX2", bit(extended, 5)),
                ("FMA", bit(basic.ecx, 12)),
                ("BMI1", bit(extended, 3)),
                ("BMI2", bit(extended, 8)),
                ("F16C", bit(basic.ecx, 29)),
                ("MOVBE", bit(basic.ecx, 22)),
                ("LZCNT", lzcnt),
            ] {
                if !present {
                    missing.push(name);
                }
            }
        }
    }
    missing
}

fn main() -> ExitCode {
    let missing = missing_cpu_features();
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

#[cfg(test)]
mod tests {
    /// This test binary is itself built for x86-64-v3 and running, so the CPU has every
    /// feature the check asks CPUID for: any name reported here is a misread CPUID bit.
    #[test]
    #[cfg(all(target_arch = "x86_64", target_feature = "avx2"))]
    fn the_cpu_check_finds_every_feature_the_running_build_uses() {
        assert_eq!(super::missing_cpu_features(), Vec::<&str>::new());
    }
}
