//! `scenebox export scene.tsx -o out.mp4` and `scenebox render --png`: real video files that
//! ffprobe reads with the right frame count, size and fps; a failed frame or a missing ffmpeg
//! leaves no output file.

use std::process::Command;

use crate::{scenebox, scenebox_with_env};

#[test]
fn a_typical_scene_exports_to_mp4_that_ffprobe_reads() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("title.mp4");
    let output = scenebox(&[
        "export",
        "fixtures/scenes/title-card-spring.tsx",
        "-o",
        out.to_str().unwrap(),
        "--frames",
        "0..12",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stream = scenebox_fixtures::video::probe_video(&out);
    assert_eq!(stream["codec_name"], "h264");
    assert_eq!(
        (stream["width"].as_u64(), stream["height"].as_u64()),
        (Some(1920), Some(1080))
    );
    assert_eq!(stream["r_frame_rate"], "30/1");
    assert_eq!(stream["nb_read_frames"], "12");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        leftovers,
        vec![std::ffi::OsString::from("title.mp4")],
        "no partial file left"
    );
}

#[test]
fn a_failed_frame_or_a_missing_ffmpeg_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("broken.mp4");
    let output = scenebox(&[
        "export",
        "fixtures/hostile/throw-on-frame-one.tsx",
        "-o",
        out.to_str().unwrap(),
        "--frames",
        "0..3",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("at frame 1") && stderr.contains("frame one is cursed"),
        "{stderr}"
    );
    let line = scenebox_fixtures::fixture("hostile", "throw-on-frame-one")
        .tsx
        .lines()
        .position(|l| l.contains("throw new Error"))
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!(":{line}:")),
        "TSX line {line} in {stderr}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );

    // Without ffmpeg on PATH: a clear message, no file.
    let output = scenebox_with_env(
        &[
            "export",
            "fixtures/scenes/title-card-spring.tsx",
            "-o",
            out.to_str().unwrap(),
            "--frames",
            "0..2",
        ],
        &[("PATH", "/nonexistent")],
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("ffmpeg was not found"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn render_png_writes_one_image_per_frame() {
    let dir = tempfile::tempdir().unwrap();
    let output = scenebox(&[
        "render",
        "fixtures/scenes/title-card-spring.tsx",
        "--frames",
        "0,45",
        "--png",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for frame in ["0000", "0045"] {
        let bytes =
            std::fs::read(dir.path().join(format!("title-card-spring.{frame}.png"))).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"));
        // IHDR: width and height, big-endian, at bytes 16..24.
        assert_eq!(&bytes[16..24], &[0, 0, 7, 128, 0, 0, 4, 56]);
    }
}

#[test]
fn avatars_are_drawn_from_an_avatar_directory() {
    let dir = tempfile::tempdir().unwrap();
    let avatars = dir.path().join("avatars");
    std::fs::create_dir(&avatars).unwrap();
    std::fs::write(
        avatars.join("asian-woman.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#ff0000"/></svg>"##,
    )
    .unwrap();
    let render = |extra: &[&str]| {
        let mut args = vec![
            "render",
            "fixtures/scenes/chat-conversation.tsx",
            "--frames",
            "120",
            "--png",
            dir.path().to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let output = scenebox(&args);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    // Without a map the avatar is a placeholder box, and both the runtime and the raster say so.
    let without = render(&[]);
    assert!(
        without.contains("avatar `asian-woman` is not in the avatar map"),
        "{without}"
    );
    assert!(without.contains("missing_avatar"), "{without}");
    // With the directory, the scene gets `scenebox://avatar/asian-woman` and it is drawn.
    let with = render(&["--avatars", avatars.to_str().unwrap()]);
    assert!(!with.contains("avatar"), "{with}");
}

/// The mean volume in dB of `path`'s audio between `from` and `from + length` seconds.
fn mean_volume(path: &std::path::Path, from: f64, length: f64) -> f64 {
    let output = Command::new("ffmpeg")
        .args([
            "-hide_banner",
            "-ss",
            &from.to_string(),
            "-t",
            &length.to_string(),
            "-i",
        ])
        .arg(path)
        .args(["-af", "volumedetect", "-f", "null", "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stderr);
    text.lines()
        .find_map(|l| l.split("mean_volume:").nth(1))
        .and_then(|v| v.trim().trim_end_matches(" dB").parse().ok())
        .unwrap_or_else(|| panic!("no volume in {text}"))
}

#[test]
fn local_audio_is_mixed_in_with_its_start_trim_and_volume() {
    let dir = tempfile::tempdir().unwrap();
    let assets = dir.path().join("public");
    std::fs::create_dir(&assets).unwrap();
    let status = Command::new("ffmpeg")
        .args([
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=10",
        ])
        .arg(assets.join("music.mp3"))
        .status()
        .unwrap();
    assert!(status.success());
    let out = dir.path().join("music.mp4");
    let output = scenebox(&[
        "export",
        "fixtures/scenes/audio-intro-music.tsx",
        "-o",
        out.to_str().unwrap(),
        "--frames",
        "0..60",
        "--assets",
        assets.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("1 audio track(s)"));
    let streams = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "stream=codec_type,duration",
            "-of",
            "csv=p=0",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let streams = String::from_utf8_lossy(&streams.stdout);
    let audio = streams
        .lines()
        .find(|l| l.starts_with("audio"))
        .expect("an audio stream");
    let duration: f64 = audio.split(',').nth(1).unwrap().parse().unwrap();
    assert!(
        (duration - 2.0).abs() < 0.1,
        "audio as long as the 60 frames: {streams}"
    );
    // The scene's volume callback fades in from 0 over 20 frames, then holds 0.8.
    let (fade, held) = (mean_volume(&out, 0.0, 0.2), mean_volume(&out, 1.0, 0.9));
    assert!(fade < held - 6.0, "fade-in {fade} dB vs held {held} dB");

    // Without the asset directory: a warning, and a video without sound.
    let silent = dir.path().join("silent.mp4");
    let output = scenebox(&[
        "export",
        "fixtures/scenes/audio-intro-music.tsx",
        "-o",
        silent.to_str().unwrap(),
        "--frames",
        "0..6",
    ]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("media[0]: audio: /music.mp3"));
}

/// Settings that cannot make a video are refused before any frame is computed, each with a
/// message naming it, and nothing is written: a width of 0 (Remotion would throw inside the
/// isolate, reported as if the scene had failed), frames past the scene's end (an empty
/// success before), a file type ffmpeg would fill with MP4 anyway, a crf x264 would clamp.
#[test]
fn unusable_settings_are_refused_with_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let scene = "fixtures/scenes/title-card-spring.tsx";
    let refused = |args: &[&str], expected: &str| {
        let output = scenebox(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    };
    refused(
        &["render", scene, "--width", "0"],
        "a video of 0x1080 pixels: width and height must be 1 to 16384",
    );
    refused(
        &["render", scene, "--fps", "0"],
        "a video at 0 fps: the frame rate must be above 0",
    );
    refused(
        &["render", scene, "--props", "[1, 2]"],
        "--props must be a JSON object",
    );
    refused(
        &["render", scene, "--frames", "500..510"],
        "no frames selected within 0..150",
    );
    refused(
        &["diff", "fixtures/scenes", "--frames", "500..510"],
        "no frames selected within 0..150",
    );
    let avi = dir.path().join("out.avi");
    refused(
        &["export", scene, "-o", avi.to_str().unwrap()],
        "a video file ends in .mp4, .mov, .mkv or .webm",
    );
    let mp4 = dir.path().join("out.mp4");
    refused(
        &["export", scene, "-o", mp4.to_str().unwrap(), "--crf", "60"],
        "crf 60 is out of h264's range 0–51",
    );
    let missing = dir.path().join("not-there").join("out.mp4");
    let output = scenebox(&[
        "export",
        scene,
        "-o",
        missing.to_str().unwrap(),
        "--frames",
        "0..2",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "the output directory {} does not exist",
            dir.path().join("not-there").display()
        )),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}
