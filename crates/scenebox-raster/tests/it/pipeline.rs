//! A whole video from trees (and the frames alone): frames written in order (a repeated tree's pixels reused, not
//! drawn again), progress after every frame, and a stop that leaves no file.

use std::process::Command;

use scenebox_raster::{
    draw_and_encode, draw_frames, Codec, DrawOptions, ExportError, VideoSettings,
};
use serde_json::json;

use crate::{boxed, pixel};

fn fill(color: &str) -> scenebox_runtime::Node {
    boxed(
        json!({"position": "absolute", "left": 0, "top": 0, "width": 64, "height": 64, "backgroundColor": color}),
    )
}

fn settings(frames: usize) -> VideoSettings {
    VideoSettings {
        width: 64,
        height: 64,
        fps: 30.0,
        codec: Codec::H264,
        crf: Some(0),
        frames,
        audio: Vec::new(),
    }
}

/// The RGB of the centre of frame `n` of `video`.
fn centre_of_frame(video: &std::path::Path, n: usize) -> [u8; 3] {
    let output = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(video)
        .args([
            "-vf",
            &format!("select=eq(n\\,{n}),crop=2:2:31:31"),
            "-frames:v",
            "1",
        ])
        .args(["-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        .output()
        .expect("ffmpeg (scripts/setup-system.sh installs it)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    [output.stdout[0], output.stdout[1], output.stdout[2]]
}

#[test]
fn frames_are_written_in_order_and_repeats_reuse_pixels() {
    let colors = [
        "#ff0000", "#ff0000", "#ff0000", "#0000ff", "#00ff00", "#00ff00",
    ];
    let trees: Vec<_> = colors
        .iter()
        .enumerate()
        .map(|(i, color)| (i as u32, fill(color)))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("video.mp4");
    let mut reported = Vec::new();
    let options = DrawOptions {
        jobs: 2,
        ..DrawOptions::default()
    };
    draw_and_encode(
        &trees,
        &settings(trees.len()),
        &output,
        &options,
        &mut |n| {
            reported.push(n);
            true
        },
    )
    .unwrap();
    assert_eq!(reported, vec![1, 2, 3, 4, 5, 6]);
    for (n, expected) in [
        (0, [255, 0, 0]),
        (2, [255, 0, 0]),
        (3, [0, 0, 255]),
        (5, [0, 255, 0]),
    ] {
        let got = centre_of_frame(&output, n);
        let close = got
            .iter()
            .zip(expected)
            .all(|(g, e)| (i32::from(*g) - e).abs() <= 8);
        assert!(close, "frame {n}: {got:?}, expected {expected:?}");
    }
}

#[test]
fn a_stop_leaves_no_file() {
    let trees: Vec<_> = (0..10)
        .map(|i| (i, fill(&format!("#{:02x}0000", i * 20))))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("video.mp4");
    let result = draw_and_encode(
        &trees,
        &settings(trees.len()),
        &output,
        &DrawOptions::default(),
        &mut |n| n < 4,
    );
    assert!(
        matches!(result, Err(ExportError::Stopped { written: 4 })),
        "{result:?}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn drawn_frames_come_back_in_order() {
    let colors = ["#ff0000", "#00ff00", "#0000ff", "#ffffff", "#000000"];
    let trees: Vec<_> = colors
        .iter()
        .enumerate()
        .map(|(i, color)| (i as u32, fill(color)))
        .collect();
    let options = DrawOptions {
        jobs: 3,
        ..DrawOptions::default()
    };
    let frames = draw_frames(&trees, 64, 64, &options).unwrap();
    let centres: Vec<[u8; 3]> = frames
        .iter()
        .map(|frame| {
            let [r, g, b, _] = pixel(frame, 32, 32);
            [r, g, b]
        })
        .collect();
    assert_eq!(
        centres,
        vec![
            [255, 0, 0],
            [0, 255, 0],
            [0, 0, 255],
            [255, 255, 255],
            [0, 0, 0]
        ]
    );
}
