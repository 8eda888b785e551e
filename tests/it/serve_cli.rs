//! `scenebox serve` as a real process: the no-argument defaults (embedded SQLite, 127.0.0.1),
//! SIGTERM draining an in-flight render, and the bounded soak test (ignored by default; see
//! the README): 10,000 renders at concurrency 16, none lost, no 5xx, RSS growth under 5 %.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;

/// A `scenebox serve` child process and the address it printed.
pub(crate) struct ServeProcess {
    pub(crate) child: Child,
    pub(crate) base: String,
}

impl ServeProcess {
    /// Starts `scenebox serve args…` in `dir` and waits for its "listening on" line.
    pub(crate) fn start(dir: &Path, args: &[&str]) -> Self {
        // `SCENEBOX_BIN` (relative to the repository root) picks another build, e.g. release.
        let binary = std::env::var("SCENEBOX_BIN")
            .map(|bin| Path::new(env!("CARGO_MANIFEST_DIR")).join(bin))
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_scenebox").into());
        let mut child = Command::new(binary)
            .arg("serve")
            .args(args)
            .current_dir(dir)
            .env_remove("DATABASE_URL")
            .env_remove("SCENEBOX_ADDR")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starting scenebox serve");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let first = lines
            .next()
            .expect("a first line")
            .expect("readable stdout");
        let base = first
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in `{first}`"))
            .to_string();
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines.by_ref() {});
        Self { child, base }
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGTERM and waits for the exit status.
    fn terminate(mut self) -> std::process::ExitStatus {
        send_signal(self.pid(), "TERM");
        self.child.wait().expect("the server exits")
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn send_signal(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

/// Resident set size of `pid` and its child processes (the isolate workers) in KiB.
fn rss_kib(pid: u32) -> u64 {
    let own = |pid: u32| -> Option<u64> {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()?
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|value| value.split_whitespace().next()?.parse().ok())
    };
    let parent_of = |entry: &std::fs::DirEntry| -> Option<(u32, u32)> {
        let child: u32 = entry.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
        // `pid (comm) state ppid …`: the fields after the last `)`.
        let ppid = stat
            .rsplit(')')
            .next()?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()?;
        Some((child, ppid))
    };
    let children: u64 = std::fs::read_dir("/proc")
        .expect("/proc")
        .flatten()
        .filter_map(|entry| parent_of(&entry))
        .filter(|&(_, ppid)| ppid == pid)
        .filter_map(|(child, _)| own(child))
        .sum();
    own(pid).expect("VmRSS of the server") + children
}

pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
}

#[test]
fn serve_without_arguments_uses_the_embedded_database_on_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServeProcess::start(dir.path(), &[]);
    assert_eq!(server.base, "http://127.0.0.1:8080");
    let health: serde_json::Value = runtime().block_on(async {
        reqwest::get(format!("{}/readyz", server.base))
            .await
            .expect("the server answers")
            .json()
            .await
            .unwrap()
    });
    assert_eq!(health["database"], "sqlite");
    assert!(
        dir.path().join("scenebox.db").exists(),
        "the embedded database file"
    );
    assert!(server.terminate().success());
}

#[test]
fn sigterm_drains_an_in_flight_render_then_exits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    // The in-flight gauge is read from /metrics, which answers once the switch is on.
    let db = dir.path().join("scenebox.db");
    let on = crate::scenebox(&[
        "flags",
        "set",
        "metrics",
        "on",
        "--database-url",
        db.to_str().unwrap(),
    ]);
    assert!(on.status.success());
    let server = ServeProcess::start(dir.path(), &["--addr", "127.0.0.1:0"]);
    let tsx = scenebox_fixtures::fixture("scenes", "title-card-spring").tsx;
    let base = server.base.clone();
    let pid = server.pid();
    let response = runtime().block_on(async move {
        let client = reqwest::Client::new();
        let request = client
            .post(format!("{base}/render"))
            .json(&json!({"tsx": tsx, "frames": "all", "model": "shadow", "output": "hashes"}))
            .send();
        let in_flight = tokio::spawn(request);
        // SIGTERM once the render is in flight (the in-flight gauge says so).
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = client
                .get(format!("{base}/metrics"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            // This /metrics request itself counts as one; the render is the second.
            if text
                .lines()
                .any(|l| l.starts_with("scenebox_http_in_flight 2"))
            {
                break;
            }
            assert!(Instant::now() < deadline, "the render never started");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        send_signal(pid, "TERM");
        in_flight
            .await
            .unwrap()
            .expect("the in-flight render is answered")
    });
    assert_eq!(response.status().as_u16(), 200);
    assert!(server.terminate_after_signal().success());
}

impl ServeProcess {
    /// Waits for an exit already asked for.
    fn terminate_after_signal(mut self) -> std::process::ExitStatus {
        self.child.wait().expect("the server exits")
    }
}

/// The bounded soak test: `SCENEBOX_SOAK_REQUESTS` (10,000) render requests at concurrency 16
/// against one server on loopback. Run it with
/// `cargo test --release --test it -- --ignored soak --nocapture`.
#[test]
#[ignore = "a soak test of about a minute in release; run explicitly (see README)"]
fn soak_renders_lose_nothing_and_memory_stays_flat() {
    let requests: usize = std::env::var("SCENEBOX_SOAK_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let warm_up = (requests / 20).max(50);
    let concurrency = 16;
    let dir = tempfile::tempdir().unwrap();
    // As in production after the rollout: both artifacts written, every execution an event row.
    let db = dir.path().join("scenebox.db");
    for flag in ["metrics", "artifact_versioning"] {
        let on = crate::scenebox(&[
            "flags",
            "set",
            flag,
            "on",
            "--database-url",
            db.to_str().unwrap(),
        ]);
        assert!(on.status.success());
    }
    let server = ServeProcess::start(dir.path(), &["--addr", "127.0.0.1:0", "--queue", "32"]);
    let rss_boot = rss_kib(server.pid());
    let fixtures = ["title-card-spring", "small-minimal-fade"]
        .map(|stem| scenebox_fixtures::fixture("scenes", stem).tsx);
    let base = server.base.clone();
    let pid = server.pid();

    let report = runtime().block_on(async move {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(concurrency)
            .build()
            .unwrap();
        let mut ids = Vec::new();
        for (i, tsx) in fixtures.iter().enumerate() {
            let created: serde_json::Value = client
                .post(format!("{base}/scenes"))
                .json(&json!({"name": format!("soak-{i}"), "tsx": tsx}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            ids.push(created["id"].as_str().unwrap().to_string());
        }
        let next = Arc::new(AtomicUsize::new(0));
        let results = Arc::new(Mutex::new(Vec::with_capacity(requests)));
        let rss_start = Arc::new(Mutex::new(None));
        let workers: Vec<_> = (0..concurrency)
            .map(|_| {
                let (client, base, ids) = (client.clone(), base.clone(), ids.clone());
                let (next, results, rss_start) = (next.clone(), results.clone(), rss_start.clone());
                tokio::spawn(async move {
                    loop {
                        let n = next.fetch_add(1, Ordering::SeqCst);
                        if n >= requests {
                            return;
                        }
                        if n == warm_up {
                            *rss_start.lock().unwrap() = Some(rss_kib(pid));
                        }
                        let frames = [0, 30 + (n % 60) as u32, 120];
                        let started = Instant::now();
                        let outcome = client
                            .post(format!("{base}/scenes/{}/render", ids[n % ids.len()]))
                            .json(&json!({"frames": frames, "model": "param", "output": "hashes"}))
                            .send()
                            .await;
                        let status = match outcome {
                            Ok(response) => {
                                let status = response.status().as_u16();
                                let body = response.bytes().await.map(|b| b.len()).unwrap_or(0);
                                if body == 0 {
                                    0
                                } else {
                                    status
                                }
                            }
                            Err(_) => 0,
                        };
                        results.lock().unwrap().push((status, started.elapsed()));
                    }
                })
            })
            .collect();
        let started = Instant::now();
        for worker in workers {
            worker.await.unwrap();
        }
        let elapsed = started.elapsed();
        let results = std::mem::take(&mut *results.lock().unwrap());
        let rss_start = rss_start
            .lock()
            .unwrap()
            .expect("measured after the warm-up");
        (results, elapsed, rss_start)
    });
    let (results, elapsed, rss_start) = report;
    let rss_end = rss_kib(server.pid());
    let count = |f: &dyn Fn(u16) -> bool| results.iter().filter(|(s, _)| f(*s)).count();
    let ok = count(&|s| s == 200);
    let throttled = count(&|s| s == 429);
    let server_errors = count(&|s| s >= 500);
    let lost = count(&|s| s == 0);
    let other = results.len() - ok - throttled - server_errors - lost;
    let mut latencies: Vec<f64> = results
        .iter()
        .filter(|(s, _)| *s == 200)
        .map(|(_, d)| d.as_secs_f64() * 1000.0)
        .collect();
    latencies.sort_by(f64::total_cmp);
    let statuses: std::collections::BTreeMap<u16, usize> =
        results.iter().fold(Default::default(), |mut m, (s, _)| {
            *m.entry(*s).or_default() += 1;
            m
        });
    assert!(!latencies.is_empty(), "no request succeeded: {statuses:?}");
    let pick = |p: f64| latencies[((latencies.len() - 1) as f64 * p).round() as usize];
    let growth = (rss_end as f64 - rss_start as f64) / rss_start as f64 * 100.0;
    println!(
        "soak: {} requests at concurrency {concurrency} in {:.1} s ({:.0} req/s): {ok} ok, \
         {throttled} 429, {server_errors} 5xx, {lost} lost, {other} other; latency p50 {:.1} ms, \
         p99 {:.1} ms; RSS {} MiB at boot, {} MiB after {warm_up} warm-up requests, {} MiB at \
         the end ({growth:+.2} %)",
        results.len(),
        elapsed.as_secs_f64(),
        results.len() as f64 / elapsed.as_secs_f64(),
        pick(0.5),
        pick(0.99),
        rss_boot / 1024,
        rss_start / 1024,
        rss_end / 1024,
    );
    assert_eq!(results.len(), requests, "every request was answered");
    assert_eq!(lost, 0, "lost requests");
    assert_eq!(server_errors, 0, "5xx answers");
    assert_eq!(other, 0, "unexpected statuses");
    assert!(growth < 5.0, "RSS grew {growth:.2} % after the warm-up");
    assert!(server.terminate().success());
}

#[test]
fn a_flag_set_from_the_command_line_reaches_a_running_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("flags.db");
    let db = db.to_str().unwrap();
    let server = ServeProcess::start(dir.path(), &["--addr", "127.0.0.1:0", "--database-url", db]);
    let tsx = scenebox_fixtures::fixture("scenes", "title-card-spring").tsx;
    let base = server.base.clone();
    let mode = move |base: &str| -> String {
        runtime().block_on(async {
            let body: serde_json::Value = reqwest::Client::new()
                .post(format!("{base}/render"))
                .json(&json!({"tsx": tsx, "frames": [0], "output": "hashes"}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            body["mode"].as_str().unwrap_or_default().to_string()
        })
    };
    assert_eq!(mode(&base), "phase1");
    // The rollout order is enforced on the command line too.
    let refused = crate::scenebox(&[
        "flags",
        "set",
        "artifact_versioning",
        "on",
        "--database-url",
        db,
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("metrics first"));
    let set = crate::scenebox(&[
        "flags",
        "set",
        "execution_model",
        "shadow:param",
        "--database-url",
        db,
        "--actor",
        "ci",
    ]);
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while mode(&base) != "shadow:param" {
        assert!(Instant::now() < deadline, "the server never saw the change");
        std::thread::sleep(Duration::from_millis(100));
    }
    let listed = crate::scenebox(&["flags", "list", "--database-url", db]);
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.contains("execution_model      shadow:param") && listed.contains("by ci"),
        "{listed}"
    );
    assert!(server.terminate().success());
}
