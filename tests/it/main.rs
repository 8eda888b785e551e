//! Integration tests of the `scenebox` command line (one test binary; one module per command).

mod bench_cli;
mod compile_cli;
mod diff_cli;
mod export_cli;
mod export_jobs;
mod fidelity;
mod render_cli;
mod rollout_cli;
mod serve_cli;
mod store_cli;
mod worker_processes;

use std::process::{Command, Output};

/// Runs the built `scenebox` binary from the repository root.
pub fn scenebox(args: &[&str]) -> Output {
    scenebox_with_env(args, &[])
}

/// Runs `scenebox` with extra environment variables.
pub fn scenebox_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scenebox"));
    command.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("running scenebox")
}

/// Standard output as JSON lines.
pub fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}
