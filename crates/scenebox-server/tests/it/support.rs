//! A server for one test: a store (temp-file SQLite or a fresh PostgreSQL schema), an isolate
//! pool, the app on `127.0.0.1:0`, a reqwest client, and a clean stop.

use std::sync::Arc;
use std::time::Duration;

use scenebox_fixtures::postgres::PgSchema;
use scenebox_runtime::{IsolatePool, RuntimeConfig};
use scenebox_server::{AppState, ServerConfig};
use scenebox_store::{FlagName, Store};
use serde_json::Value;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Where the test's database lives.
pub enum Database {
    /// A SQLite file in a temp dir.
    Sqlite(tempfile::TempDir),
    /// A schema on the local PostgreSQL server.
    Postgres(Arc<PgSchema>),
}

impl Database {
    /// A fresh SQLite file.
    pub fn sqlite() -> Self {
        Self::Sqlite(tempfile::tempdir().expect("a temp dir"))
    }

    /// What `Store::connect` takes.
    pub fn url(&self) -> String {
        match self {
            Self::Sqlite(dir) => dir
                .path()
                .join("scenebox.db")
                .to_string_lossy()
                .into_owned(),
            Self::Postgres(schema) => schema.url.clone(),
        }
    }
}

/// How a test server is built.
pub struct Options {
    pub config: ServerConfig,
    pub runtime: RuntimeConfig,
    pub workers: usize,
    pub queue: usize,
    /// Turn `metrics` and `artifact_versioning` on before starting.
    pub rolled_out: bool,
    /// Where exports go (default: a temp dir of the server's own).
    pub exports_dir: Option<std::path::PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            config: ServerConfig::default(),
            runtime: RuntimeConfig::default(),
            workers: 2,
            queue: 8,
            rolled_out: true,
            exports_dir: None,
        }
    }
}

/// A running server.
pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    pub store: Store,
    database: Database,
    pub state: AppState,
    _exports: tempfile::TempDir,
    shutdown: Option<oneshot::Sender<()>>,
    handle: Option<JoinHandle<std::io::Result<()>>>,
}

impl TestServer {
    /// A server with default options on a fresh SQLite file.
    pub async fn start() -> Self {
        Self::start_with(Database::sqlite(), Options::default()).await
    }

    /// A server on `database` built as `options` says, with the rollout switches `metrics` and
    /// `artifact_versioning` on (as after the rollout; `flags.rs` tests them off).
    pub async fn start_with(database: Database, options: Options) -> Self {
        let store = Store::connect(&database.url()).await.expect("the store");
        if options.rolled_out {
            for flag in [FlagName::Metrics, FlagName::ArtifactVersioning] {
                store
                    .set_flag(flag, "on", None, "test")
                    .await
                    .expect("a flag");
            }
        }
        let pool = Arc::new(IsolatePool::new(
            options.runtime,
            options.workers,
            options.queue,
        ));
        let exports = tempfile::tempdir().expect("a temp dir");
        let mut config = options.config;
        config.exports.dir = options
            .exports_dir
            .unwrap_or_else(|| exports.path().to_path_buf());
        let state = AppState::new(store.clone(), pool, config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let base = format!("http://{}", listener.local_addr().expect("an address"));
        let (shutdown, signal) = oneshot::channel::<()>();
        let handle = tokio::spawn(scenebox_server::serve(listener, state.clone(), async {
            let _ = signal.await;
        }));
        Self {
            base,
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(120))
                .build()
                .expect("a client"),
            store,
            database,
            state,
            _exports: exports,
            shutdown: Some(shutdown),
            handle: Some(handle),
        }
    }

    /// What `Store::connect` takes to reach this server's database.
    pub fn database_url(&self) -> String {
        self.database.url()
    }

    /// The URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `GET path` → (status, JSON body).
    pub async fn get(&self, path: &str) -> (u16, Value) {
        let response = self.client.get(self.url(path)).send().await.expect("GET");
        read(response).await
    }

    /// `method path` with a JSON body → (status, JSON body).
    pub async fn send(&self, method: reqwest::Method, path: &str, body: &Value) -> (u16, Value) {
        let response = self
            .client
            .request(method, self.url(path))
            .json(body)
            .send()
            .await
            .expect("request");
        read(response).await
    }

    /// `POST path` with a JSON body.
    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, body).await
    }

    /// Creates a scene from `tsx` and returns its id.
    pub async fn create_scene(&self, name: &str, tsx: &str) -> String {
        let (status, body) = self
            .post("/scenes", &serde_json::json!({"name": name, "tsx": tsx}))
            .await;
        assert_eq!(status, 201, "{body}");
        body["id"].as_str().expect("an id").to_string()
    }

    /// Stops accepting, waits for in-flight requests and returns what `serve` returned.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        let result = match self.handle.take() {
            Some(handle) => handle.await.expect("the server task"),
            None => Ok(()),
        };
        self.store.close().await;
        result
    }
}

/// The status and the JSON body (`Value::Null` when the body is not JSON).
pub async fn read(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.expect("a body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Asserts the documented error shape and kind; returns the `error` object.
pub fn assert_error(status: u16, body: &Value, expected_status: u16, kind: &str) -> Value {
    assert_eq!(status, expected_status, "{body}");
    let error = &body["error"];
    assert_eq!(error["kind"], kind, "{body}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    for key in ["scene_id", "line", "column"] {
        assert!(error.get(key).is_some(), "`{key}` missing from {body}");
    }
    error.clone()
}

/// Polls `check` every 50 ms until it returns `Some`, for at most `limit`.
pub async fn eventually<T, F, Fut>(limit: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "condition not met within {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
