//! Blurs past sigma 135 (scaled down, blurred, scaled back up) draw exactly as takumi-core
//! 0.35.0 drew them before scenebox's patch of its resampler (vendor/takumi-core/SCENEBOX.md),
//! which only changed how fast the pixels are worked out.

use std::path::Path;

use scenebox_raster::chromium::decode_png;

use crate::draw_scene_frame;

#[test]
fn blurs_past_the_largest_sigma_draw_the_same_pixels_as_before_the_patch() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/data");
    let tsx = std::fs::read_to_string(data.join("blur-past-max-sigma.tsx")).unwrap();
    let (image, warnings) = draw_scene_frame("blur-past-max-sigma", &tsx, (480, 270), 0);
    assert!(warnings.is_empty(), "{warnings:?}");

    // Drawn by the unpatched crate (`scenebox render … --width 480 --height 270 --png`).
    let reference = decode_png(&std::fs::read(data.join("blur-past-max-sigma.png")).unwrap())
        .expect("the reference PNG");
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
    assert_eq!(differing, 0, "pixels that differ from the reference");
    // The reference is not flat: the blurred layers left gradients behind.
    let mut colours: Vec<&[u8]> = reference.rgba.chunks_exact(4).collect();
    colours.sort();
    colours.dedup();
    assert!(colours.len() > 100, "{} distinct colours", colours.len());
}
