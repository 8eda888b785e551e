//! Real pixels: boxes where the styles put them, a style takumi cannot draw left out with a
//! warning (the frame still draws), and a real scene's frame drawn with text.

use scenebox_raster::{rasterize, Assets};
use serde_json::json;

use crate::{boxed, draw_scene_frame, pixel};

#[test]
fn boxes_land_where_their_styles_put_them() {
    let tree = boxed(json!({
        "position": "absolute", "left": 10, "top": 20, "width": 100, "height": 50,
        "backgroundColor": "#ff0000"
    }));
    let mut warnings = Vec::new();
    let image = rasterize(&tree, 200, 100, &mut Assets::default(), &mut warnings).unwrap();
    assert_eq!(
        (image.width, image.height, image.rgba.len()),
        (200, 100, 200 * 100 * 4)
    );
    assert_eq!(pixel(&image, 50, 40), [255, 0, 0, 255], "inside the box");
    assert_eq!(pixel(&image, 5, 5), [255, 255, 255, 255], "the white page");
    assert_eq!(
        pixel(&image, 150, 40),
        [255, 255, 255, 255],
        "right of the box"
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(image.png().unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn a_style_takumi_cannot_draw_is_a_warning_not_a_failure() {
    let tree = boxed(json!({
        "position": "absolute", "left": 0, "top": 0, "width": 40, "height": 40,
        "backgroundColor": "rgb(0, 0, 255)", "color": "not-a-colour", "transform": "rotateY(30deg) perspective(200px)"
    }));
    let mut warnings = Vec::new();
    let image = rasterize(&tree, 80, 80, &mut Assets::default(), &mut warnings).unwrap();
    assert_eq!(pixel(&image, 20, 20)[..3], [0, 0, 255]);
    let colour = warnings
        .iter()
        .find(|w| w.property == "color")
        .expect("a warning for color");
    assert_eq!(colour.value, "not-a-colour");
    assert_eq!(colour.path, "#root>0>div");
}

#[test]
fn a_typical_scene_frame_draws_its_text() {
    let fixture = scenebox_fixtures::fixture("scenes", "title-card-spring");
    let (image, _) = draw_scene_frame(&fixture.stem, &fixture.tsx, (1920, 1080), 90);
    // The title is white text on a dark background: the middle band has both.
    let band: Vec<[u8; 4]> = (400..1500)
        .step_by(3)
        .map(|x| pixel(&image, x, 530))
        .collect();
    let white = band
        .iter()
        .filter(|p| p[0] > 230 && p[1] > 230 && p[2] > 230)
        .count();
    let dark = band.iter().filter(|p| p[0] < 80 && p[1] < 80).count();
    assert!(
        white > 20 && dark > 20,
        "white {white}, dark {dark} of {}",
        band.len()
    );
    // Corners are the dark background, not the white page.
    assert!(pixel(&image, 5, 5)[0] < 80);
}
