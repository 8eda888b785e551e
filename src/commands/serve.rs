//! `scenebox serve`: the export service over HTTP (see `scenebox-server`). With no arguments it
//! uses the embedded SQLite file and listens on 127.0.0.1:8080; SIGTERM or Ctrl-C stops it
//! gracefully (in-flight renders finish first).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use scenebox_compare::ExecutionMode;
use scenebox_runtime::{IsolatePool, WorkerCommand};
use scenebox_server::{AppState, ExportSettings, ServerConfig};

use crate::database_args::DatabaseArgs;
use crate::runtime_args::SandboxArgs;

/// Arguments of `scenebox serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free one; the chosen address is printed).
    #[arg(long, env = "SCENEBOX_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    #[command(flatten)]
    database: DatabaseArgs,
    /// Isolate worker threads (default: one per core).
    #[arg(long)]
    workers: Option<usize>,
    /// Renders waiting for a worker before requests get 429 (default: 4 per worker).
    #[arg(long)]
    queue: Option<usize>,
    /// Largest request body, in KiB.
    #[arg(long, default_value_t = 1024)]
    body_limit_kb: usize,
    /// Time limit of one request, in ms.
    #[arg(long, default_value_t = 60_000)]
    request_timeout_ms: u64,
    /// Default execution model: phase1, param, shadow, shadow:param or param_with_fallback
    /// (the execution_model switch wins over it; else SCENE_EXECUTION_MODEL, else phase1).
    #[arg(long)]
    model: Option<ExecutionMode>,
    /// Where isolates run: `process` (restartable worker processes: a V8 fatal error costs one
    /// worker, not the server) or `thread` (in this process).
    #[arg(long, value_enum, default_value = "process")]
    isolation: Isolation,
    /// Where export jobs write their videos (instances sharing a database share it too).
    #[arg(long, default_value = "exports", value_name = "DIR")]
    exports_dir: PathBuf,
    /// Export jobs this instance runs at once (0: queue and serve files, draw nothing).
    #[arg(long, default_value_t = 1)]
    export_workers: usize,
    /// An export claim not renewed for this long (ms) is taken over by another instance.
    #[arg(long, default_value_t = 30_000)]
    export_lease_ms: u64,
    /// Directory of local assets for exports (`staticFile`, relative `<Img src>`).
    #[arg(long, value_name = "DIR")]
    assets: Option<PathBuf>,
    #[command(flatten)]
    sandbox: SandboxArgs,
}

/// Where the isolates of `scenebox serve` run.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Isolation {
    /// One restartable worker process per isolate worker.
    Process,
    /// Threads of the server process.
    Thread,
}

/// Runs the server until SIGTERM or Ctrl-C.
pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let store = args.database.connect().await?;
        let workers = args.workers.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        });
        let queue = args.queue.unwrap_or(workers * 4);
        let config = args.sandbox.config()?;
        let pool = Arc::new(match args.isolation {
            Isolation::Thread => IsolatePool::new(config, workers, queue),
            Isolation::Process => IsolatePool::with_worker_processes(
                config,
                workers,
                queue,
                WorkerCommand {
                    program: std::env::current_exe().context("locating the scenebox binary")?,
                    args: vec!["worker".into()],
                },
            ),
        });
        let config = ServerConfig {
            body_limit_bytes: args.body_limit_kb * 1024,
            request_timeout: Duration::from_millis(args.request_timeout_ms),
            default_mode: args.model,
            exports: ExportSettings {
                dir: args.exports_dir.clone(),
                workers: args.export_workers,
                lease: Duration::from_millis(args.export_lease_ms),
                assets_dir: args.assets.clone(),
                avatars_dir: args.sandbox.avatar_dir(),
                ..ExportSettings::default()
            },
            ..ServerConfig::default()
        };
        let state = AppState::new(store.clone(), pool, config);
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("listening on {}", args.addr))?;
        let local = listener.local_addr()?;
        println!(
            "scenebox serve: listening on http://{local} ({} database, {workers} isolate workers in {}, queue {queue}; {} export worker(s) as {}, videos in {})",
            store.backend().as_str(),
            match args.isolation {
                Isolation::Process => "worker processes",
                Isolation::Thread => "threads",
            },
            state.config().exports.workers,
            state.config().exports.instance,
            state.config().exports.dir.display(),
        );
        use std::io::Write;
        std::io::stdout().flush()?;
        scenebox_server::serve(listener, state, shutdown_signal()).await?;
        println!("scenebox serve: stopped after draining in-flight requests");
        store.close().await;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Resolves on SIGTERM or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
