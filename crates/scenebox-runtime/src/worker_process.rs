//! Isolates in restartable worker processes: a V8 fatal error, an abort or the kernel's
//! OOM killer then takes down one worker, not the service. The parent reports the job as
//! `Crashed` (retried under the retry policy, like any transient error) and starts a fresh
//! worker for the next one.
//!
//! The protocol is JSON lines over the child's stdin/stdout: first the [`RuntimeConfig`], then
//! one [`RenderJob`] per line, each answered by one [`RenderOutcome`] line.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Instant;

use crate::config::RuntimeConfig;
use crate::error::{ErrorKind, RenderError};
use crate::isolate::SceneIsolate;
use crate::pool::{render_job, RenderJob};
use crate::render::{Attempt, RenderOutcome};

/// How to start a worker process: a program (typically the service's own binary) and the
/// arguments that make it call [`serve_worker`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerCommand {
    /// The executable.
    pub program: PathBuf,
    /// Its arguments (e.g. `["worker"]`).
    pub args: Vec<String>,
}

/// The child side: reads the configuration and then jobs from `input`, renders each (keeping
/// the next isolate ready while waiting, as the in-process pool does) and writes each outcome
/// to `output`. Returns when `input` closes.
pub fn serve_worker(input: impl BufRead, output: impl Write) -> std::io::Result<()> {
    let mut lines = input.lines();
    let Some(first) = lines.next() else {
        return Ok(());
    };
    let config: RuntimeConfig = serde_json::from_str(&first?).map_err(std::io::Error::other)?;
    let mut output = BufWriter::new(output);
    crate::snapshot::startup_snapshot();
    loop {
        let prepared = SceneIsolate::new(&config.limits).ok();
        let Some(line) = lines.next() else {
            return Ok(());
        };
        let job: RenderJob = serde_json::from_str(&line?).map_err(std::io::Error::other)?;
        let mut spent = None;
        write_json_line(
            &mut output,
            &render_job(&config, &job, prepared, &mut spent),
        )?;
        // Torn down after the answer is on its way.
        drop(spent);
    }
}

/// Writes `value` as one JSON line and flushes: one message of the protocol.
fn write_json_line(writer: &mut impl Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *writer, value).map_err(std::io::Error::other)?;
    writer.write_all(b"\n")?;
    writer.flush()
}

/// The parent side of one worker process.
pub(crate) struct ChildWorker {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl ChildWorker {
    /// Starts a worker and sends it `config`.
    pub fn spawn(command: &WorkerCommand, config: &RuntimeConfig) -> std::io::Result<Self> {
        use std::os::unix::process::CommandExt;
        // A process group of its own: a terminal's Ctrl-C reaches the service, which drains its
        // in-flight renders, not the workers doing them. A worker ends when its stdin closes.
        let mut child = Command::new(&command.program)
            .args(&command.args)
            .process_group(0)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdin = child
            .stdin
            .take()
            .ok_or_else(|| std::io::Error::other("no stdin"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| std::io::Error::other("no stdout"))?;
        let mut worker = Self {
            child,
            stdin: BufWriter::new(stdin),
            stdout: BufReader::new(stdout),
        };
        write_json_line(&mut worker.stdin, config)?;
        Ok(worker)
    }

    /// The worker's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends `job` and waits for its outcome; an error means the worker is gone.
    pub fn render(&mut self, job: &RenderJob) -> std::io::Result<RenderOutcome> {
        write_json_line(&mut self.stdin, job)?;
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the worker process exited",
            ));
        }
        serde_json::from_str(&line).map_err(std::io::Error::other)
    }

    /// Ends the process (if still running) and says how it ended.
    pub fn finish(mut self) -> String {
        let _ = self.child.kill();
        match self.child.wait() {
            Ok(status) => describe_exit(status),
            Err(error) => format!("could not be waited for: {error}"),
        }
    }
}

fn describe_exit(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exited with code {code}"),
        (None, Some(signal)) => format!("was killed by signal {signal}"),
        _ => "ended".to_string(),
    }
}

/// Renders `job` in `slot`'s worker process (starting one when there is none), restarting the
/// worker after a crash and retrying under `config.retry`. Crashed attempts come first in the
/// outcome's attempts.
pub(crate) fn render_in_worker(
    slot: &mut Option<ChildWorker>,
    command: &WorkerCommand,
    config: &RuntimeConfig,
    job: &RenderJob,
) -> RenderOutcome {
    let mut crashed: Vec<Attempt> = Vec::new();
    loop {
        let started = Instant::now();
        let result = match slot {
            Some(worker) => worker.render(job),
            None => ChildWorker::spawn(command, config)
                .and_then(|worker| slot.insert(worker).render(job)),
        };
        match result {
            Ok(mut outcome) => {
                let before = crashed.len() as u32;
                for attempt in &mut outcome.attempts {
                    attempt.number += before;
                }
                crashed.append(&mut outcome.attempts);
                outcome.attempts = crashed;
                return outcome;
            }
            Err(error) => {
                let how = slot
                    .take()
                    .map(ChildWorker::finish)
                    .unwrap_or_else(|| format!("could not start: {error}"));
                metrics::counter!("scenebox_worker_restarts_total").increment(1);
                let number = crashed.len() as u32 + 1;
                crashed.push(Attempt {
                    number,
                    error: Some(ErrorKind::Crashed),
                    ms: started.elapsed().as_secs_f64() * 1000.0,
                });
                if number > config.retry.max_retries {
                    return RenderOutcome {
                        result: Err(RenderError::new(
                            &job.scene,
                            ErrorKind::Crashed,
                            format!("the worker process running the scene {how} ({error})"),
                        )),
                        attempts: crashed,
                    };
                }
            }
        }
    }
}
