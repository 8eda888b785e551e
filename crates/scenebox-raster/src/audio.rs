//! `<Audio>` tracks for the exported video: the runtime's media records (src, `from`,
//! `durationInFrames`, trims, volume) resolved to local files and turned into ffmpeg filters that
//! trim, delay, scale and mix them. A remote or missing file is left out with a warning.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::warning::RasterWarning;

/// One audio track placed on the video's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct AudioTrack {
    /// The local file.
    pub path: PathBuf,
    /// Where the track starts in the video, in seconds.
    pub start: f64,
    /// How long it plays, in seconds.
    pub duration: f64,
    /// How much of the file's beginning is skipped, in seconds.
    pub trim_start: f64,
    /// The volume over time: `(seconds in the video, gain)` keyframes, linear in between.
    pub volume: Vec<(f64, f64)>,
}

/// The audio tracks of `media` (the runtime's records) at `fps`, files resolved against
/// `assets`; what cannot be played is reported in `warnings`.
pub fn audio_tracks(
    media: &[Value],
    fps: f64,
    assets: Option<&Path>,
    warnings: &mut Vec<RasterWarning>,
) -> Vec<AudioTrack> {
    let number = |m: &Value, keys: &[&str]| keys.iter().find_map(|k| m.get(*k)?.as_f64());
    let mut tracks = Vec::new();
    for (i, record) in media.iter().enumerate() {
        if record.get("kind").and_then(Value::as_str) != Some("audio") {
            continue;
        }
        let src = record
            .get("src")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let path = format!("media[{i}]");
        let warn = |warnings: &mut Vec<RasterWarning>, message: &str| {
            warnings.push(RasterWarning::new(&path, "audio", src, message));
        };
        if src.contains("://") || src.starts_with("//") || src.starts_with("data:") {
            warn(
                warnings,
                "only local audio files are mixed (no network); left out",
            );
            continue;
        }
        let Some(dir) = assets else {
            warn(
                warnings,
                "no asset directory was given (--assets DIR); left out",
            );
            continue;
        };
        let relative = src.trim_start_matches('/');
        let relative = relative.strip_prefix("public/").unwrap_or(relative);
        let file = dir.join(relative);
        if relative.split('/').any(|p| p == "..") || !file.is_file() {
            warn(warnings, "the file is not in the asset directory; left out");
            continue;
        }
        let from = number(record, &["from"]).unwrap_or(0.0);
        let frames = number(record, &["durationInFrames"]).unwrap_or(f64::INFINITY);
        let trim_before = number(record, &["trimBefore", "startFrom"]).unwrap_or(0.0);
        let trim_after = number(record, &["trimAfter", "endAt"]);
        let played = trim_after.map_or(frames, |end| frames.min(end - trim_before));
        let start = from / fps;
        let volume = match record.get("volumeByFrame").and_then(Value::as_object) {
            Some(by_frame) if !by_frame.is_empty() => {
                let mut points: Vec<(f64, f64)> = by_frame
                    .iter()
                    .filter_map(|(k, v)| Some((start + k.parse::<f64>().ok()? / fps, v.as_f64()?)))
                    .collect();
                points.sort_by(|a, b| a.0.total_cmp(&b.0));
                simplify(points)
            }
            _ => vec![(start, number(record, &["volume"]).unwrap_or(1.0))],
        };
        tracks.push(AudioTrack {
            path: file,
            start,
            duration: played.max(0.0) / fps,
            trim_start: trim_before / fps,
            volume,
        });
    }
    tracks
}

/// At most 32 keyframes: the points where the slope changes, then evenly thinned.
fn simplify(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut kept: Vec<(f64, f64)> = Vec::new();
    for (i, point) in points.iter().enumerate() {
        let (Some(before), Some(after)) = (i.checked_sub(1).map(|j| points[j]), points.get(i + 1))
        else {
            kept.push(*point);
            continue;
        };
        let slope = |a: (f64, f64), b: (f64, f64)| (b.1 - a.1) / (b.0 - a.0).max(1e-9);
        if (slope(before, *point) - slope(*point, *after)).abs() > 1e-6 {
            kept.push(*point);
        }
    }
    if kept.len() > 32 {
        let step = kept.len() as f64 / 31.0;
        let last = *kept.last().unwrap_or(&(0.0, 1.0));
        kept = (0..31)
            .map(|i| kept[(i as f64 * step) as usize])
            .chain([last])
            .collect();
    }
    kept
}

/// The piecewise-linear gain of `points` as an ffmpeg expression of `t`.
fn gain_expression(points: &[(f64, f64)]) -> String {
    let Some(&(_, last)) = points.last() else {
        return "1".into();
    };
    let mut expression = format!("{last}");
    for pair in points.windows(2).rev() {
        let ((t0, v0), (t1, v1)) = (pair[0], pair[1]);
        let span = (t1 - t0).max(1e-9);
        expression = format!("if(lt(t,{t1}),{v0}+({v1}-{v0})*(t-{t0})/{span},{expression})");
    }
    let (t0, v0) = points[0];
    format!("if(lt(t,{t0}),{v0},{expression})")
}

/// The ffmpeg filter graph mixing `tracks` (inputs `1..`) into `[aout]`, `length` seconds long.
pub(crate) fn filter_graph(tracks: &[AudioTrack], length: f64) -> String {
    let mut graph = String::new();
    for (i, track) in tracks.iter().enumerate() {
        let delay = (track.start * 1000.0).round().max(0.0) as u64;
        graph.push_str(&format!(
            "[{input}:a]atrim=start={trim}:duration={duration},asetpts=PTS-STARTPTS,\
             adelay={delay}:all=1,volume=eval=frame:volume='{gain}'[a{i}];",
            input = i + 1,
            trim = track.trim_start,
            duration = track.duration.min(length),
            gain = gain_expression(&track.volume),
        ));
    }
    let inputs: String = (0..tracks.len()).map(|i| format!("[a{i}]")).collect();
    graph.push_str(&format!(
        "{inputs}amix=inputs={}:normalize=0:duration=longest,apad,atrim=duration={length}[aout]",
        tracks.len()
    ));
    graph
}
