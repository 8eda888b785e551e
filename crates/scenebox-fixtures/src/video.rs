//! Reading a video file the tests wrote, with ffprobe (Debian's ffmpeg package, installed by
//! `scripts/setup-system.sh`): what a viewer of the file would get.

use std::path::Path;
use std::process::Command;

/// The first video stream of `path` as ffprobe reports it, frames counted by decoding:
/// `nb_read_frames`, `width`, `height`, `r_frame_rate` and `codec_name`. Panics (a test
/// helper) when ffprobe is missing or cannot read the file.
pub fn probe_video(path: &Path) -> serde_json::Value {
    let output = Command::new("ffprobe")
        .args(["-v", "error", "-select_streams", "v:0", "-count_frames"])
        .args([
            "-show_entries",
            "stream=nb_read_frames,width,height,r_frame_rate,codec_name",
        ])
        .args(["-of", "json"])
        .arg(path)
        .output()
        .expect("ffprobe (scripts/setup-system.sh installs ffmpeg)");
    assert!(
        output.status.success(),
        "ffprobe could not read {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let value: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("ffprobe prints JSON");
    value["streams"][0].clone()
}
