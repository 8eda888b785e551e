//! The raster threads' RGBA → YUV 4:2:0 conversion: BT.601 limited-range values, 2×2 chroma
//! blocks, odd sizes, and agreement with ffmpeg's own conversion (what the encoder did before
//! the conversion moved out of ffmpeg).

use std::io::Write;
use std::process::{Command, Stdio};

use scenebox_raster::PixelFormat;

fn solid(width: usize, height: usize, rgba: [u8; 4]) -> Vec<u8> {
    rgba.repeat(width * height)
}

fn yuv(rgba: &[u8], width: u32, height: u32) -> Vec<u8> {
    PixelFormat::Yuv420p
        .from_rgba(rgba, width, height)
        .into_owned()
}

#[test]
fn primaries_land_on_the_bt601_limited_range_values() {
    for (color, expected) in [
        ([0, 0, 0, 255], (16, 128, 128)),
        ([255, 255, 255, 255], (235, 128, 128)),
        ([255, 0, 0, 255], (81, 90, 240)),
        ([0, 255, 0, 255], (145, 54, 34)),
        ([0, 0, 255, 255], (41, 240, 110)),
    ] {
        let yuv = yuv(&solid(4, 2, color), 4, 2);
        assert_eq!(yuv.len(), 8 + 2 + 2);
        assert!(
            yuv[..8].iter().all(|y| *y == expected.0),
            "{color:?}: {yuv:?}"
        );
        assert_eq!((yuv[8], yuv[9]), (expected.1, expected.1), "{color:?}");
        assert_eq!((yuv[10], yuv[11]), (expected.2, expected.2), "{color:?}");
    }
}

#[test]
fn chroma_is_the_mean_of_each_2x2_block_and_odd_edges_repeat() {
    // 3×3: the right column and the bottom row fall into blocks of their own.
    let mut rgba = solid(3, 3, [0, 0, 0, 255]);
    rgba[..4].copy_from_slice(&[255, 0, 0, 255]); // top-left pixel red
    for pixel in [2, 5, 8] {
        rgba[pixel * 4..pixel * 4 + 4].copy_from_slice(&[0, 0, 255, 255]); // right column blue
    }
    let yuv = yuv(&rgba, 3, 3);
    assert_eq!(yuv.len(), 9 + 4 + 4);
    assert_eq!(&yuv[..9], &[81, 16, 41, 16, 16, 41, 16, 16, 41]);
    let (cb, cr) = (&yuv[9..13], &yuv[13..17]);
    // Top-left block: one red pixel of four. Cr = 128 + 112/4, Cb = 128 - 37.8/4.
    assert_eq!((cb[0], cr[0]), (119, 156));
    // Right blocks: all blue. Bottom-left: all black.
    assert_eq!((cb[1], cr[1]), (240, 110));
    assert_eq!((cb[3], cr[3]), (240, 110));
    assert_eq!((cb[2], cr[2]), (128, 128));
}

#[test]
fn a_short_buffer_is_padded_with_black() {
    let yuv = yuv(&solid(2, 1, [255, 255, 255, 255]), 2, 2);
    assert_eq!(&yuv[..4], &[235, 235, 16, 16]);
}

#[test]
fn frame_sizes_round_chroma_up_and_rgba_passes_through() {
    assert_eq!(PixelFormat::Rgba.frame_bytes(3, 3), 36);
    assert_eq!(
        PixelFormat::Yuv420p.frame_bytes(1920, 1080),
        1920 * 1080 * 3 / 2
    );
    assert_eq!(PixelFormat::Yuv420p.frame_bytes(3, 3), 9 + 2 * 4);
    let rgba = solid(3, 3, [1, 2, 3, 4]);
    assert_eq!(
        yuv(&rgba, 3, 3).len(),
        PixelFormat::Yuv420p.frame_bytes(3, 3)
    );
    assert_eq!(
        PixelFormat::Rgba.from_rgba(&rgba, 3, 3).as_ref(),
        rgba.as_slice()
    );
    assert_eq!(PixelFormat::Rgba.convert_rgba(rgba.clone(), 3, 3), rgba);
    assert_eq!(
        PixelFormat::Yuv420p.convert_rgba(rgba.clone(), 3, 3),
        yuv(&rgba, 3, 3)
    );
}

/// A 64×48 frame with smooth gradients on the left and hard-edged stripes on the right.
fn test_frame() -> Vec<u8> {
    let (width, height) = (64usize, 48usize);
    let mut rgba = Vec::with_capacity(width * height * 4);
    for y in 0..height {
        for x in 0..width {
            let pixel = if x < 32 {
                [
                    (x * 8) as u8,
                    (y * 5) as u8,
                    (255 - x * 4 - y * 2) as u8,
                    255,
                ]
            } else if (x / 3 + y / 5) % 2 == 0 {
                [250, 30, 60, 255]
            } else {
                [20, 200, 240, 255]
            };
            rgba.extend_from_slice(&pixel);
        }
    }
    rgba
}

fn ffmpeg_yuv420p(rgba: &[u8], width: u32, height: u32) -> Vec<u8> {
    let mut child = Command::new("ffmpeg")
        .args(["-v", "error", "-f", "rawvideo", "-pix_fmt", "rgba", "-s"])
        .arg(format!("{width}x{height}"))
        .args(["-i", "-", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("ffmpeg (scripts/setup-system.sh installs it)");
    child.stdin.take().unwrap().write_all(rgba).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    output.stdout
}

#[test]
fn yuv420p_matches_ffmpegs_conversion() {
    let (width, height) = (64, 48);
    let rgba = test_frame();
    let ours = PixelFormat::Yuv420p.from_rgba(&rgba, width, height);
    let theirs = ffmpeg_yuv420p(&rgba, width, height);
    assert_eq!(ours.len(), theirs.len());
    assert_eq!(ours.len(), PixelFormat::Yuv420p.frame_bytes(width, height));
    let luma = (width * height) as usize;
    let max_difference = |indices: &mut dyn Iterator<Item = usize>| {
        indices
            .map(|i| (i32::from(ours[i]) - i32::from(theirs[i])).abs())
            .max()
            .unwrap()
    };
    let luma_max = max_difference(&mut (0..luma));
    assert!(luma_max <= 1, "luma differs by up to {luma_max}");
    // Chroma over the smooth left half (chroma columns 0..16 of 32) agrees to rounding. Over
    // the stripes it differs by up to about 13 levels: ffmpeg filters the chroma rows with its
    // bicubic scaler (several rows), the raster threads average each 2×2 block.
    let (chroma_width, chroma_height) = (width as usize / 2, height as usize / 2);
    let smooth = (0..2 * chroma_height).flat_map(|row| {
        (0..chroma_width / 2).map(move |column| luma + row * chroma_width + column)
    });
    let smooth_max = max_difference(&mut smooth.into_iter());
    assert!(
        smooth_max <= 1,
        "chroma of the gradients differs by up to {smooth_max}"
    );
    let all_max = max_difference(&mut (luma..ours.len()));
    assert!(all_max <= 16, "chroma differs by up to {all_max}");
}
