//! The sucrase baseline of `scenebox bench`: `benches/sucrase-compile.cjs` kept running in
//! Node and asked for one timed round at a time, so that its rounds interleave with
//! scenebox's and a noisy machine slows both alike.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use anyhow::{bail, Context, Result};
use serde::Deserialize;

/// What the script reports once it is warm.
#[derive(Deserialize)]
struct Header {
    version: String,
    cold_ms: f64,
}

/// One kind of timed round.
#[derive(Clone, Copy)]
pub enum SucraseRound {
    /// One transform per file, no source map.
    Plain,
    /// Two transforms per file, each with a source map (the job scenebox's compile does).
    Mapped,
}

/// A warm sucrase in a Node child process.
pub struct SucraseProcess {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// sucrase's version.
    pub version: String,
    /// `require('sucrase')` plus the first transform, in ms.
    pub cold_ms: f64,
}

impl SucraseProcess {
    /// Starts Node on the script for the `.tsx` files of `corpus` and waits until it is warm.
    pub fn start(corpus: &Path) -> Result<Self> {
        let script =
            std::env::temp_dir().join(format!("scenebox-sucrase-{}.cjs", std::process::id()));
        std::fs::write(&script, include_str!("../../benches/sucrase-compile.cjs"))?;
        let node_modules = std::env::var_os("SCENEBOX_NODE_MODULES")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("crates/scenebox-runtime/js/node_modules")
            });
        let child = Command::new("node")
            .arg(&script)
            .arg(corpus)
            .env("NODE_PATH", &node_modules)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .context("running node (is Node.js installed?)");
        let mut child = match child {
            Ok(child) => child,
            Err(error) => {
                let _ = std::fs::remove_file(&script);
                return Err(error);
            }
        };
        let stdin = child.stdin.take().context("node's stdin")?;
        let mut stdout = BufReader::new(child.stdout.take().context("node's stdout")?);
        let mut line = String::new();
        let read = stdout.read_line(&mut line);
        let _ = std::fs::remove_file(&script);
        if read.unwrap_or(0) == 0 {
            let output = child.wait_with_output()?;
            bail!(
                "node failed (sucrase installed in {}? run `npm ci` there): {}",
                node_modules.display(),
                String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .next()
                    .unwrap_or("")
            );
        }
        let header: Header = serde_json::from_str(&line).context("the sucrase script's header")?;
        Ok(Self {
            child,
            stdin,
            stdout,
            version: header.version,
            cold_ms: header.cold_ms,
        })
    }

    /// Runs one round over every file and returns its per-file samples in ms.
    pub fn round(&mut self, round: SucraseRound) -> Result<Vec<f64>> {
        let command = match round {
            SucraseRound::Plain => "plain\n",
            SucraseRound::Mapped => "mapped\n",
        };
        self.stdin.write_all(command.as_bytes())?;
        self.stdin.flush()?;
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            bail!("the sucrase script exited mid-benchmark");
        }
        serde_json::from_str(&line).with_context(|| format!("a sucrase round answered {line}"))
    }
}

impl Drop for SucraseProcess {
    fn drop(&mut self) {
        // Closing stdin ends the script; kill it in case it is stuck.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
