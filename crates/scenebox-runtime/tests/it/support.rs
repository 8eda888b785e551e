//! Shared helpers: fixtures, compiling, rendering.

use scenebox_compile::CompiledScene;
use scenebox_runtime::{render, Model, RenderOutcome, RenderRequest, RuntimeConfig, VideoConfig};

pub use scenebox_fixtures::{fixture, load, Fixture};

/// Compiles a fixture (panics with the error if it does not compile).
pub fn compile_fixture(fixture: &Fixture) -> CompiledScene {
    scenebox_compile::compile(&fixture.stem, &fixture.tsx).unwrap_or_else(|e| panic!("{e}"))
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
