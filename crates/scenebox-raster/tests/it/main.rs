//! Tests of the rasteriser: React-DOM's style rules, warnings instead of failures, offline
//! images and fonts, and real pixels from real scenes.

mod assets;
mod css;
mod fidelity;
mod fonts;
mod frames;
mod pipeline;
mod pixel_format;
mod ssim;

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
