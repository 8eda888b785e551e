//! `scenebox worker` (hidden): the worker process of `scenebox serve --isolation process`. Reads
//! the runtime configuration and then render jobs as JSON lines on stdin, answers each with a
//! JSON line on stdout; see `scenebox_runtime::serve_worker`.

use std::process::ExitCode;

use anyhow::Result;

/// Serves jobs until stdin closes.
pub fn run() -> Result<ExitCode> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    scenebox_runtime::serve_worker(stdin.lock(), stdout.lock())?;
    Ok(ExitCode::SUCCESS)
}
