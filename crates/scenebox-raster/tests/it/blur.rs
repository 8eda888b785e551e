//! takumi-core's blurs draw exactly as takumi-core 0.35.0 drew them before scenebox's two patches
//! (vendor/takumi-core/SCENEBOX.md), which only changed how fast the pixels are worked out: blurs
//! past sigma 135 (scaled down, blurred, scaled back up), and shadow coverage blurred with its
//! straight sides cut short.

use takumi_core::geometry::{Placement, Size};

use crate::assert_draws_as_before_the_patch;

/// Drawn by the unpatched crate (`scenebox render … --width 480 --height 270 --png`).
#[test]
fn blurs_past_the_largest_sigma_draw_the_same_pixels_as_before_the_patch() {
    assert_draws_as_before_the_patch("blur-past-max-sigma", (480, 270));
}

/// A placement of `width`×`height` pixels at `left`, `top`.
fn placement(left: i32, top: i32, width: u32, height: u32) -> Placement {
    Placement {
        left,
        top,
        width,
        height,
    }
}

/// A box's coverage as a rasterizer leaves it: partial edges, shaded corners, opaque inside.
fn box_coverage(width: usize, height: usize, inset: usize) -> Vec<u8> {
    let mut mask = vec![0u8; width * height];
    for y in inset..height - inset {
        for x in inset..width - inset {
            let (right, bottom) = (width - inset - 1, height - inset - 1);
            let near = |v: usize, low: usize, high: usize| v < low + 4 || v > high - 4;
            let corner = near(x, inset, right) && near(y, inset, bottom);
            let edge = x == inset || y == inset || x == right || y == bottom;
            mask[y * width + x] = if corner {
                (x * 37 + y * 11) as u8 | 1
            } else if edge {
                131
            } else {
                255
            };
        }
    }
    mask
}

/// takumi-core patch 2 (vendor/takumi-core/SCENEBOX.md) blurs a shadow's coverage with its runs of
/// identical rows and columns cut short; the pixels must be those of blurring the whole image.
#[test]
fn a_shadow_blurred_with_its_straight_sides_cut_short_has_the_pixels_of_a_whole_blur() {
    use takumi_core::blur::{blur_alpha, blur_alpha_region};

    let (image_width, image_height) = (420usize, 300usize);
    for (width, height, inset, sigma, left, top) in [
        (240, 160, 12, 8.0, 60, 50),
        (300, 80, 2, 3.5, -40, 200),
        (90, 260, 30, 12.0, 350, 20),
        (400, 280, 0, 20.0, 10, 10),
        (200, 150, 6, 0.7, 100, 100),
    ] {
        let mask = box_coverage(width, height, inset);
        // The whole image, blurred whole.
        let mut whole = vec![0u8; image_width * image_height];
        for y in 0..height {
            for x in 0..width {
                let (ix, iy) = (left + x as i64, top + y as i64);
                if (0..image_width as i64).contains(&ix) && (0..image_height as i64).contains(&iy) {
                    whole[iy as usize * image_width + ix as usize] = mask[y * width + x];
                }
            }
        }
        blur_alpha(&mut whole, image_width, image_height, sigma);

        let region = placement(20, 15, 380, 270);
        let blurred = blur_alpha_region(
            &mask,
            placement(left as i32, top as i32, width as u32, height as u32),
            Size {
                width: image_width as u32,
                height: image_height as u32,
            },
            region,
            sigma,
        );
        let expected: Vec<u8> = (0..region.height as usize)
            .flat_map(|y| {
                let start = (region.top as usize + y) * image_width + region.left as usize;
                whole[start..start + region.width as usize].to_vec()
            })
            .collect();
        assert_eq!(blurred.len(), expected.len());
        let differing = blurred
            .iter()
            .zip(&expected)
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(
            differing, 0,
            "{width}x{height} blurred by {sigma}: pixels differ"
        );
        assert!(
            expected.iter().any(|&a| a > 0 && a < 255),
            "the blur left soft edges"
        );
    }
}

/// A region of the image the blur cannot reach gives no pixels and no panic.
#[test]
fn a_shadow_region_outside_the_image_blurs_to_nothing() {
    use takumi_core::blur::blur_alpha_region;

    let mask = box_coverage(200, 100, 4);
    let image = Size {
        width: 300,
        height: 200,
    };
    let blur = |region| blur_alpha_region(&mask, placement(0, 0, 200, 100), image, region, 6.0);

    let outside = blur(placement(5000, 5000, 50, 40));
    assert!(
        outside.iter().all(|&alpha| alpha == 0),
        "{} pixels",
        outside.len()
    );
    assert!(blur(placement(0, 0, 300, 200))
        .iter()
        .any(|&alpha| alpha > 0));
}
