//! The ffmpeg child process: how `VideoEncoder` starts it.

use scenebox_raster::{Codec, VideoEncoder, VideoSettings};

/// x264 would otherwise take transparent huge pages, and the kernel zero 2 MB at every first
/// touch of its recycled buffers (see `without_transparent_huge_pages`).
#[test]
#[cfg(target_os = "linux")]
fn ffmpeg_runs_without_transparent_huge_pages() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("thp.mp4");
    let settings = VideoSettings {
        width: 64,
        height: 36,
        fps: 30.0,
        codec: Codec::H264,
        crf: None,
        frames: 2,
        audio: Vec::new(),
    };
    let mut encoder = VideoEncoder::start(&target, &settings).expect("ffmpeg starts");
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
