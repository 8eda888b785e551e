//! Tests of the rasteriser: React-DOM's style rules, warnings instead of failures, offline
//! images and fonts, and real pixels from real scenes.

mod assets;
mod blur;
mod css;
mod fidelity;
mod fonts;
mod frames;
mod offscreen;
mod opacity_groups;
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

/// Draws frame 0 of `tests/it/data/<name>.tsx` at `width`×`height` and checks every pixel
/// against `tests/it/data/<name>.png`, which the crates drew before one of scenebox's patches
/// (the patch may change how fast pixels are worked out, never what they are). Also checks the
/// reference is not flat, so the comparison means something.
pub fn assert_draws_as_before_the_patch(name: &str, (width, height): (u32, u32)) {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/data");
    let tsx = std::fs::read_to_string(data.join(format!("{name}.tsx"))).unwrap();
    let (image, warnings) = draw_scene_frame(name, &tsx, (width, height), 0);
    assert!(warnings.is_empty(), "{warnings:?}");
    let png = std::fs::read(data.join(format!("{name}.png"))).unwrap();
    let reference = scenebox_raster::chromium::decode_png(&png).expect("the reference PNG");
    assert_eq!(
        (image.width, image.height),
        (reference.width, reference.height)
    );
    let differing = image
        .rgba
        .chunks_exact(4)
        .zip(reference.rgba.chunks_exact(4))
        .filter(|(drawn, expected)| drawn != expected)
        .count();
    assert_eq!(
        differing, 0,
        "{name}: pixels that differ from the reference"
    );
    let mut colours: Vec<&[u8]> = reference.rgba.chunks_exact(4).collect();
    colours.sort();
    colours.dedup();
    assert!(colours.len() > 100, "{} distinct colours", colours.len());
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
