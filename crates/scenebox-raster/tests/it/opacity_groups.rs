//! takumi-raster patch 4 (vendor/takumi-raster/SCENEBOX.md): a translucent group's layer is
//! composited eight pixels at a time with the same arithmetic as before, so the pixels are the
//! same as those the unpatched crate drew.

use crate::assert_draws_as_before_the_patch;

/// Groups at opacity 0.083, 0.37, 0.5 and 0.9999949 (overlapping, nested, with shadows, text
/// and gradients, widths that are no multiple of 8, at odd offsets) over a gradient backdrop;
/// the reference was drawn by the unpatched crate
/// (`scenebox render … --width 480 --height 270 --frames 0 --png`).
#[test]
fn translucent_groups_draw_the_same_pixels_as_before_the_patch() {
    assert_draws_as_before_the_patch("opacity-groups", (480, 270));
}
