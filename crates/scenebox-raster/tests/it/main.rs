//! Tests of the rasteriser: React-DOM's style rules, warnings instead of failures, offline
//! images and fonts, and real pixels from real scenes.

mod assets;
mod blur;
mod css;
mod fidelity;
mod fonts;
mod frames;
mod offscreen;
mod pipeline;
mod pixel_format;
mod ssim;
mod video;

use scenebox_runtime::Node;
use serde_json::json;

/// A tree from JSON in the runtime's `{type, props, children}` form.
pub fn tree(value: serde_json::Value) -> Node {
    serde_json::from_value(value).expect("a tree")
}

/// An absolutely placed box of `color`.
pub fn boxed(style: serde_json::Value) -> Node {
    tree(json!({"type": "#root", "props": {}, "children": [
        {"type": "div", "props": {"style": style}, "children": []}
    ]}))
}

/// Frame `frame` of a scene (TSX) compiled, run under the param model at `width`×`height`, and
/// drawn, with the warnings the drawing recorded.
pub fn draw_scene_frame(
    scene: &str,
    tsx: &str,
    (width, height): (u32, u32),
    frame: u32,
) -> (
    scenebox_raster::FrameImage,
    Vec<scenebox_raster::RasterWarning>,
) {
    let compiled = scenebox_compile::compile(scene, tsx).unwrap();
    let rendered = scenebox_runtime::render(
        &scenebox_runtime::RuntimeConfig::default(),
        &scenebox_runtime::RenderRequest {
            scene,
            compiled: &compiled,
            model: scenebox_runtime::Model::Param,
            video: scenebox_runtime::VideoConfig {
                width,
                height,
                ..Default::default()
            },
            props: json!({}),
            frames: vec![frame],
            seed: None,
        },
    )
    .result
    .unwrap();
    let mut warnings = Vec::new();
    let image = scenebox_raster::rasterize(
        &rendered.frames[0].tree,
        width,
        height,
        &mut scenebox_raster::Assets::default(),
        &mut warnings,
    )
    .unwrap();
    (image, warnings)
}

/// The RGBA pixel at (x, y).
pub fn pixel(image: &scenebox_raster::FrameImage, x: u32, y: u32) -> [u8; 4] {
    let i = ((y * image.width + x) * 4) as usize;
    [
        image.rgba[i],
        image.rgba[i + 1],
        image.rgba[i + 2],
        image.rgba[i + 3],
    ]
}
