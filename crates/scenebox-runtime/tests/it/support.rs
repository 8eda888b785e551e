//! Shared helpers: fixtures, compiling, rendering.

use std::path::{Path, PathBuf};

use scenebox_compile::CompiledScene;
use scenebox_runtime::{render, Model, RenderOutcome, RenderRequest, RuntimeConfig, VideoConfig};

/// The repository's `fixtures/` directory.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// A fixture: file stem, TSX and header lines.
pub struct Fixture {
    pub stem: String,
    pub tsx: String,
}

impl Fixture {
    /// The value of a `// key: value` header line.
    pub fn header(&self, key: &str) -> Option<String> {
        let prefix = format!("// {key}:");
        self.tsx
            .lines()
            .take_while(|line| line.starts_with("//"))
            .find_map(|line| line.strip_prefix(&prefix).map(|v| v.trim().to_string()))
    }

    /// Compiles the fixture (panics with the error if it does not compile).
    pub fn compile(&self) -> CompiledScene {
        scenebox_compile::compile(&self.stem, &self.tsx).unwrap_or_else(|e| panic!("{e}"))
    }
}

/// Every `.tsx` of `fixtures/<corpus>`, sorted.
pub fn load(corpus: &str) -> Vec<Fixture> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join(corpus))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsx"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| Fixture {
            stem: path.file_stem().unwrap().to_string_lossy().into_owned(),
            tsx: std::fs::read_to_string(&path).unwrap(),
        })
        .collect()
}

/// One fixture by stem.
pub fn fixture(corpus: &str, stem: &str) -> Fixture {
    let path = fixtures_dir().join(corpus).join(format!("{stem}.tsx"));
    Fixture {
        stem: stem.to_string(),
        tsx: std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    }
}

/// Renders `frames` of a compiled scene under `model` with the default 1080p/30fps/150 config.
pub fn render_frames(
    config: &RuntimeConfig,
    stem: &str,
    compiled: &CompiledScene,
    model: Model,
    frames: &[u32],
) -> RenderOutcome {
    render_with(config, stem, compiled, model, frames, serde_json::json!({}))
}

/// Like [`render_frames`] with props.
pub fn render_with(
    config: &RuntimeConfig,
    stem: &str,
    compiled: &CompiledScene,
    model: Model,
    frames: &[u32],
    props: serde_json::Value,
) -> RenderOutcome {
    render(
        config,
        &RenderRequest {
            scene: stem,
            compiled,
            model,
            video: VideoConfig::default(),
            props,
            frames: frames.to_vec(),
            seed: None,
        },
    )
}

/// Compiles inline TSX.
pub fn compile_inline(name: &str, tsx: &str) -> CompiledScene {
    scenebox_compile::compile(name, tsx).unwrap_or_else(|e| panic!("{e}"))
}
