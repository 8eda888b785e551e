//! Effect groups (opacity, blend modes, filters) lying wholly outside the frame are skipped
//! (vendor/takumi-raster/SCENEBOX.md) without changing a pixel, while a filter reaching into
//! the frame from outside it is still drawn; content across the frame's edges is cut at them
//! (by takumi's canvas: the page takumi draws has no clip of its own).

use scenebox_runtime::Node;
use serde_json::{json, Value};

use crate::tree;

const SIZE: (u32, u32) = (320, 180);

/// The frame of a dark background, a visible card and then `extra` boxes.
fn draw(extra: Vec<Value>) -> Vec<u8> {
    let mut children = vec![
        json!({"type": "div", "props": {"style": {
            "position": "absolute", "left": 0, "top": 0, "width": SIZE.0, "height": SIZE.1,
            "backgroundColor": "#111"
        }}, "children": []}),
        json!({"type": "div", "props": {"style": {
            "position": "absolute", "left": 40, "top": 30, "width": 120, "height": 80,
            "backgroundColor": "#3b82f6", "opacity": 0.8, "borderRadius": 12
        }}, "children": []}),
    ];
    children.extend(extra);
    let root: Node = tree(json!({"type": "#root", "props": {}, "children": children}));
    let mut warnings = Vec::new();
    let image = scenebox_raster::rasterize(
        &root,
        SIZE.0,
        SIZE.1,
        &mut scenebox_raster::Assets::default(),
        &mut warnings,
    )
    .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    image.rgba
}

/// How many pixels of two frames differ.
fn differing(a: &[u8], b: &[u8]) -> usize {
    a.chunks_exact(4)
        .zip(b.chunks_exact(4))
        .filter(|(a, b)| a != b)
        .count()
}

/// An absolutely placed box at (`left`, `top`) of `width`×`height` in `color`, with `style`
/// added.
fn box_at(left: i32, top: i32, width: i32, height: i32, color: &str, style: Value) -> Value {
    let mut base = json!({
        "position": "absolute", "left": left, "top": top, "width": width, "height": height,
        "backgroundColor": color
    });
    base.as_object_mut()
        .unwrap()
        .extend(style.as_object().unwrap().clone());
    json!({"type": "div", "props": {"style": base}, "children": []})
}

/// An absolutely placed 40×40 orange box at (`left`, `top`) with `style` added.
fn placed(left: i32, top: i32, style: Value) -> Value {
    box_at(left, top, 40, 40, "#f97316", style)
}

#[test]
fn groups_outside_the_frame_leave_every_pixel_as_it_was() {
    let without = draw(vec![]);
    let with = draw(vec![
        placed(5000, 20, json!({"opacity": 0.5})),
        placed(
            -400,
            20,
            json!({"opacity": 0.3, "transform": "rotate(30deg)"}),
        ),
        placed(100, 900, json!({"mixBlendMode": "multiply"})),
        placed(100, -300, json!({"filter": "blur(4px)"})),
        placed(-2000, -2000, json!({"opacity": 0.9, "filter": "blur(2px)"})),
    ]);
    assert_eq!(
        differing(&without, &with),
        0,
        "pixels changed by boxes outside the frame"
    );
}

#[test]
fn a_blur_reaching_into_the_frame_from_outside_is_still_drawn() {
    let without = draw(vec![]);
    // The same boxes inside the frame do show (so the comparisons above can fail).
    let inside = draw(vec![placed(200, 100, json!({"opacity": 0.5}))]);
    assert!(differing(&without, &inside) >= 1600);
    // The box ends 10 px left of the frame; its blur spreads about three sigmas past it.
    let with = draw(vec![placed(
        -50,
        100,
        json!({"filter": "blur(20px)", "opacity": 0.9}),
    )]);
    let shown = differing(&without, &with);
    assert!(shown > 100, "only {shown} pixels show the blur");
}

#[test]
fn content_across_the_frame_edges_is_cut_at_them() {
    let green =
        |left, top, width, height, style| box_at(left, top, width, height, "#22c55e", style);
    let (w, h) = (SIZE.0 as i32, SIZE.1 as i32);
    for style in [json!({}), json!({"opacity": 0.6})] {
        // Boxes half past the left, top, right and bottom edges, and the parts of them that
        // are inside the frame.
        let across = draw(vec![
            green(-30, 20, 60, 40, style.clone()),
            green(200, -25, 50, 50, style.clone()),
            green(w - 20, 120, 60, 30, style.clone()),
            green(60, h - 15, 40, 50, style.clone()),
        ]);
        let inside = draw(vec![
            green(0, 20, 30, 40, style.clone()),
            green(200, 0, 50, 25, style.clone()),
            green(w - 20, 120, 20, 30, style.clone()),
            green(60, h - 15, 40, 15, style.clone()),
        ]);
        assert_eq!(differing(&across, &inside), 0, "style {style}");
        // And they do show.
        assert!(
            differing(&draw(vec![]), &across) >= 4 * 300,
            "style {style}"
        );
    }
}
