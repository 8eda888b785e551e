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

/// Each codec is written only in containers that hold it, with a crf in its own range; the
/// encoder refuses anything else before ffmpeg starts (ffmpeg would write an MP4 named `.avi`,
/// clamp an x264 crf of 99 to 51 and ignore a ProRes crf).
#[test]
fn codec_container_and_crf_are_checked_before_ffmpeg_starts() {
    use std::path::Path;
    let fits = |codec: Codec, file: &str| codec.check_container(Path::new(file)).is_ok();
    assert!(fits(Codec::H264, "a.mp4") && fits(Codec::H264, "a.mov") && fits(Codec::H264, "a.mkv"));
    assert!(!fits(Codec::H264, "a.webm"));
    assert!(fits(Codec::Vp9, "a.webm") && fits(Codec::Vp9, "a.mp4") && !fits(Codec::Vp9, "a.mov"));
    assert!(fits(Codec::Prores, "a.mov") && !fits(Codec::Prores, "a.mp4"));
    assert_eq!(
        Codec::H264.check_container(Path::new("out/a.avi")),
        Err("out/a.avi: a video file ends in .mp4, .mov, .mkv or .webm".to_string())
    );
    assert_eq!(
        Codec::H264.check_container(Path::new("a.webm")),
        Err("a.webm: h264 cannot be written in a .webm file (it goes in .mp4)".to_string())
    );
    assert!(Codec::H264.check_crf(Some(51)).is_ok() && Codec::Vp9.check_crf(Some(63)).is_ok());
    assert_eq!(
        Codec::H264.check_crf(Some(52)),
        Err("crf 52 is out of h264's range 0–51".to_string())
    );
    assert_eq!(
        Codec::Prores.check_crf(Some(10)),
        Err("prores takes no crf".to_string())
    );
    assert!(Codec::Prores.check_crf(None).is_ok());

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("a.avi");
    let error = VideoEncoder::start(&target, &small_h264())
        .err()
        .expect("no encoder for an .avi file");
    assert!(matches!(error, VideoError::Settings(_)), "{error:?}");
    let too_high = VideoSettings {
        crf: Some(99),
        ..small_h264()
    };
    let error = VideoEncoder::start(&dir.path().join("a.mp4"), &too_high)
        .err()
        .expect("no encoder for crf 99");
    assert!(matches!(error, VideoError::Settings(_)), "{error:?}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

/// Frames go to ffmpeg through a 1 MB pipe (Linux's unprivileged cap) instead of the default
/// 64 KB: a 1080p frame is 3 MB, some fifty writes and wake-ups of ffmpeg through 64 KB.
#[test]
#[cfg(target_os = "linux")]
fn frames_go_through_a_one_megabyte_pipe() {
    use std::os::fd::AsRawFd;
    let dir = tempfile::tempdir().unwrap();
    let mut encoder = VideoEncoder::start(&dir.path().join("pipe.mp4"), &small_h264()).unwrap();
    let pid = encoder.encoder_process_id().expect("ffmpeg is running");
    // ffmpeg's standard input, opened again through /proc: the same pipe.
    let pipe = std::fs::OpenOptions::new()
        .write(true)
        .open(format!("/proc/{pid}/fd/0"))
        .unwrap();
    // SAFETY: F_GETPIPE_SZ only reads the size of the pipe behind this open descriptor.
    let size = unsafe { libc::fcntl(pipe.as_raw_fd(), libc::F_GETPIPE_SZ) };
    let limit: i32 = std::fs::read_to_string("/proc/sys/fs/pipe-max-size")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // Where the cap is lower the kernel refuses and the pipe keeps its 64 KB.
    let expected = if limit >= 1 << 20 { 1 << 20 } else { 64 << 10 };
    assert_eq!(size, expected);
    drop(pipe);
    encoder.write_rgba(&vec![90u8; 64 * 36 * 4]).unwrap();
    assert!(encoder.finish().is_ok());
}
