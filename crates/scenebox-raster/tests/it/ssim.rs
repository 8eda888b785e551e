//! SSIM as Wang et al. define it: 1 for identical frames, lower for shifted or noisy ones,
//! symmetric, and typed errors for frames that cannot be compared.

use scenebox_raster::ssim::{ssim, ssim_map, SsimError};
use scenebox_raster::FrameImage;

/// A `width × height` test picture: a soft gradient with a few hard-edged boxes, shifted
/// right by `shift` pixels.
fn picture(width: u32, height: u32, shift: u32) -> FrameImage {
    let mut rgba = Vec::with_capacity((width * height * 4) as usize);
    for y in 0..height {
        for x in 0..width {
            let sx = x.saturating_sub(shift);
            let mut value = (sx * 255 / width) as u8 / 2 + (y * 255 / height) as u8 / 4;
            if (sx / 16 + y / 16) % 3 == 0 {
                value = value.saturating_add(90);
            }
            rgba.extend_from_slice(&[value, value / 2, 255 - value, 255]);
        }
    }
    FrameImage {
        width,
        height,
        rgba,
    }
}

/// `image` with deterministic noise of amplitude `amount` added to every channel.
fn noisy(image: &FrameImage, amount: i32) -> FrameImage {
    let mut state = 12345u32;
    let rgba = image
        .rgba
        .chunks_exact(4)
        .flat_map(|p| {
            let mut out = [0u8; 4];
            for c in 0..3 {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let noise = (state >> 16) as i32 % (2 * amount + 1) - amount;
                out[c] = (i32::from(p[c]) + noise).clamp(0, 255) as u8;
            }
            out[3] = p[3];
            out
        })
        .collect();
    FrameImage { rgba, ..*image }
}

#[test]
fn identical_frames_score_one() {
    let a = picture(160, 90, 0);
    assert!((ssim(&a, &a).unwrap() - 1.0).abs() < 1e-9);
    let white = FrameImage {
        width: 32,
        height: 32,
        rgba: vec![255; 32 * 32 * 4],
    };
    assert!((ssim(&white, &white).unwrap() - 1.0).abs() < 1e-9);
}

#[test]
fn shifts_and_noise_score_lower_and_worse_is_lower() {
    let a = picture(160, 90, 0);
    let shifted_1 = ssim(&a, &picture(160, 90, 1)).unwrap();
    let shifted_4 = ssim(&a, &picture(160, 90, 4)).unwrap();
    assert!(
        shifted_1 < 1.0 && shifted_4 < shifted_1,
        "{shifted_1} {shifted_4}"
    );
    let noise_5 = ssim(&a, &noisy(&a, 5)).unwrap();
    let noise_40 = ssim(&a, &noisy(&a, 40)).unwrap();
    assert!(noise_5 < 1.0 && noise_40 < noise_5, "{noise_5} {noise_40}");
    assert!(noise_40 > 0.0 && noise_40 < 0.8, "{noise_40}");
}

#[test]
fn ssim_is_symmetric_and_the_map_has_one_value_per_window() {
    let a = picture(120, 80, 0);
    let b = noisy(&picture(120, 80, 3), 12);
    let (ab, ba) = (ssim(&a, &b).unwrap(), ssim(&b, &a).unwrap());
    assert!((ab - ba).abs() < 1e-6, "{ab} {ba}");
    let map = ssim_map(&a, &b).unwrap();
    assert_eq!((map.width, map.height), (110, 70));
    assert_eq!(map.values.len(), 110 * 70);
    let mean = map.values.iter().map(|&v| f64::from(v)).sum::<f64>() / map.values.len() as f64;
    assert!((mean - map.mean).abs() < 1e-5);
    let heat = map.heat_map(&a);
    assert_eq!(
        (heat.width, heat.height, heat.rgba.len()),
        (120, 80, 120 * 80 * 4)
    );
}

#[test]
fn transparent_pixels_count_as_white() {
    let clear = FrameImage {
        width: 16,
        height: 16,
        rgba: vec![0; 16 * 16 * 4],
    };
    let white = FrameImage {
        width: 16,
        height: 16,
        rgba: vec![255; 16 * 16 * 4],
    };
    assert!((ssim(&clear, &white).unwrap() - 1.0).abs() < 1e-9);
}

#[test]
fn frames_that_cannot_be_compared_are_errors() {
    let a = picture(40, 40, 0);
    assert_eq!(
        ssim(&a, &picture(40, 30, 0)),
        Err(SsimError::SizeMismatch(40, 40, 40, 30))
    );
    assert_eq!(
        ssim(&picture(8, 40, 0), &picture(8, 40, 0)),
        Err(SsimError::TooSmall(8, 40))
    );
    let broken = FrameImage {
        width: 40,
        height: 40,
        rgba: vec![0; 10],
    };
    assert_eq!(ssim(&a, &broken), Err(SsimError::BadBuffer(10)));
}

#[test]
fn a_full_hd_pair_is_fast_enough_for_the_test_suite() {
    let a = picture(1920, 1080, 0);
    let b = picture(1920, 1080, 2);
    let started = std::time::Instant::now();
    let value = ssim(&a, &b).unwrap();
    assert!(value < 1.0);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}
