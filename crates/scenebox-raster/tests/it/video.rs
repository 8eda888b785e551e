//! The ffmpeg child process: how `VideoEncoder` starts it.

use scenebox_raster::{Codec, VideoEncoder, VideoError, VideoSettings};

/// x264 would otherwise take transparent huge pages, and the kernel zero 2 MB at every first
/// touch of its recycled buffers (see `without_transparent_huge_pages`).
#[test]
#[cfg(target_os = "linux")]
fn ffmpeg_runs_without_transparent_huge_pages() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("thp.mp4");
    let mut encoder = VideoEncoder::start(&target, &small_h264()).expect("ffmpeg starts");
    let pid = encoder.encoder_process_id().expect("ffmpeg is running");
    let frame = vec![200u8; 64 * 36 * 4];
    // `spawn` returns once the child has exec'd, so this is ffmpeg's own status.
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let thp = status
        .lines()
        .find_map(|line| line.strip_prefix("THP_enabled:"))
        .map(str::trim);
    assert_eq!(thp, Some("0"), "ffmpeg's /proc status: {status}");
    assert!(
        status.contains("Name:\tffmpeg"),
        "the child is ffmpeg itself: {status}"
    );
    encoder.write_rgba(&frame).unwrap();
    assert_eq!(encoder.finish().unwrap(), target);
    assert!(target.metadata().unwrap().len() > 0);
}

/// A 64x36 H.264 video of two frames.
fn small_h264() -> VideoSettings {
    VideoSettings {
        width: 64,
        height: 36,
        fps: 30.0,
        codec: Codec::H264,
        crf: None,
        frames: 2,
        audio: Vec::new(),
    }
}

/// A target in a directory that does not exist is refused before ffmpeg starts, naming the
/// directory, and nothing is created.
#[test]
fn a_missing_output_directory_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("not-there");
    let error = VideoEncoder::start(&missing.join("out.mp4"), &small_h264())
        .err()
        .expect("no encoder for a missing directory");
    assert!(
        matches!(&error, VideoError::NoOutputDirectory(d) if *d == missing),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!("the output directory {} does not exist", missing.display())
    );
    assert!(!missing.exists());
}
