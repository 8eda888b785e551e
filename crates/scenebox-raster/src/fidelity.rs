//! The fidelity harness's library half: which frames to compare, one frame compared against
//! Chromium ([`compare_frame`]: SSIM and a heat map), the targets, and the report
//! (`report.html` with the worst frames side by side, `summary.json`). The `scenebox fidelity`
//! command compiles and runs the scenes and drives it.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::html::escape_into;
use crate::render::FrameImage;
use crate::ssim::{ssim_map, SsimError};
use crate::warning::RasterWarning;

/// The targets a corpus must meet: the mean SSIM over all frames and the lowest single frame.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Targets {
    /// The lowest acceptable mean SSIM.
    pub min_mean: f64,
    /// The lowest acceptable SSIM of any frame.
    pub min_frame: f64,
}

impl Default for Targets {
    /// Issue 9's targets: mean ≥ 0.98, no frame below 0.93.
    fn default() -> Self {
        Self {
            min_mean: 0.98,
            min_frame: 0.93,
        }
    }
}

/// One compared frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameResult {
    /// The scene's file stem.
    pub scene: String,
    /// The frame number.
    pub frame: u32,
    /// SSIM of scenebox's frame against Chromium's (0 when the frame could not be compared).
    pub ssim: f64,
    /// What takumi drew differently from what the scene wrote (deduplicated).
    pub warnings: Vec<RasterWarning>,
    /// Why the frame could not be compared, if it could not.
    pub error: Option<String>,
}

/// The whole run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Frames compared (errors included, at SSIM 0).
    pub frames: usize,
    /// Scenes they came from.
    pub scenes: usize,
    /// Mean SSIM.
    pub mean: f64,
    /// Lowest SSIM.
    pub min: f64,
    /// The targets.
    pub targets: Targets,
    /// Whether the targets are met (and no frame failed).
    pub passed: bool,
    /// The browser the reference came from (`Chromium 156.0…`).
    pub browser: String,
    /// Every frame, worst first.
    pub results: Vec<FrameResult>,
}

impl Summary {
    /// Sorts `results` worst first and computes the figures.
    pub fn new(mut results: Vec<FrameResult>, targets: Targets, browser: &str) -> Self {
        results.sort_by(|a, b| {
            a.ssim
                .total_cmp(&b.ssim)
                .then_with(|| (&a.scene, a.frame).cmp(&(&b.scene, b.frame)))
        });
        let frames = results.len();
        let mean = if frames == 0 {
            0.0
        } else {
            results.iter().map(|r| r.ssim).sum::<f64>() / frames as f64
        };
        let min = results.first().map_or(0.0, |r| r.ssim);
        let scenes = results
            .iter()
            .map(|r| r.scene.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        let passed = frames > 0
            && mean >= targets.min_mean
            && min >= targets.min_frame
            && results.iter().all(|r| r.error.is_none());
        Self {
            frames,
            scenes,
            mean,
            min,
            targets,
            passed,
            browser: browser.to_string(),
            results,
        }
    }
}

/// Scenebox's frame and Chromium's compared: the SSIM and a heat map of where they differ.
pub struct FrameComparison {
    /// The SSIM.
    pub ssim: f64,
    /// Scenebox's frame faded, red where the structure differs.
    pub heat_map: FrameImage,
}

/// Compares scenebox's frame with Chromium's.
pub fn compare_frame(
    ours: &FrameImage,
    chromium: &FrameImage,
) -> Result<FrameComparison, SsimError> {
    let map = ssim_map(ours, chromium)?;
    Ok(FrameComparison {
        ssim: map.mean,
        heat_map: map.heat_map(ours),
    })
}

/// The `count` frames compared in a scene of `duration` frames: evenly spaced from the middle
/// frame to the one at 90 % (one frame: the middle; two: the middle and a late frame, when
/// everything has animated in).
pub fn frames_to_compare(duration: u32, count: u32) -> Vec<u32> {
    if duration == 0 || count == 0 {
        return Vec::new();
    }
    let first = duration / 2;
    let last = (duration * 9 / 10).clamp(first, duration - 1);
    let mut frames: Vec<u32> = (0..count)
        .map(|k| {
            if count == 1 {
                first
            } else {
                first + (last - first) * k / (count - 1)
            }
        })
        .collect();
    frames.dedup();
    frames
}

/// A deterministic, evenly spread selection of `count` of `items` (all of them when `count` is
/// at least their number), in their order.
pub fn spread<T: Clone>(items: &[T], count: usize) -> Vec<T> {
    if count >= items.len() {
        return items.to_vec();
    }
    (0..count)
        .map(|i| items[i * items.len() / count].clone())
        .collect()
}

/// Known causes of remaining differences, keyed by scene stem: the
/// `docs/fidelity/explanations.json` object (`{"scene": "why it differs"}`).
pub type Explanations = BTreeMap<String, String>;

/// Reads the explanations file; a missing file is no explanations.
pub fn read_explanations(path: &Path) -> Result<Explanations, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Explanations::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The images of one of the worst frames as the report shows them (paths relative to the
/// report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownFrame {
    /// The scene's file stem.
    pub scene: String,
    /// The frame number.
    pub frame: u32,
    /// Scenebox's frame.
    pub scenebox: String,
    /// Chromium's frame.
    pub chromium: String,
    /// The heat map.
    pub diff: String,
}

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#111}\
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\
.fail{color:#b91c1c;font-weight:600}.pass{color:#166534;font-weight:600}.unexplained{color:#b91c1c}\
figure{margin:0;display:inline-block;vertical-align:top}figcaption{font-size:12px;color:#555}\
img{width:480px;border:1px solid #ccc}code{font-size:12px;white-space:pre-wrap}";

/// A frame below this SSIM needs an explanation in the report.
pub const EXPLAIN_BELOW: f64 = 0.99;

/// The HTML report: the summary against the targets, the worst frames side by side (scenebox,
/// Chromium, heat map), then every frame worst first with takumi's warnings and the known
/// cause of its difference.
pub fn report_html(summary: &Summary, shown: &[ShownFrame], explanations: &Explanations) -> String {
    let mut out = String::from("<!doctype html><html><head><meta charset=\"utf-8\">");
    out.push_str("<title>scenebox fidelity against Chromium</title><style>");
    out.push_str(STYLE);
    out.push_str("</style></head><body><h1>scenebox vs Chromium: SSIM per frame</h1>");
    let verdict = |ok: bool| if ok { "pass" } else { "fail" };
    out.push_str(&format!(
        "<p>{} frames of {} scenes, each drawn by scenebox (takumi) and by headless {} from the \
same element tree, the same fonts and the same placeholder boxes; SSIM (Wang et al. 2004, \
11×11 Gaussian σ 1.5, luminance, full resolution).</p>\
<table><tr><th></th><th>measured</th><th>target</th></tr>\
<tr><td>mean SSIM</td><td class=\"{}\">{:.4}</td><td>≥ {}</td></tr>\
<tr><td>lowest frame</td><td class=\"{}\">{:.4}</td><td>≥ {}</td></tr></table>\
<p>Overall: <span class=\"{}\">{}</span></p>",
        summary.frames,
        summary.scenes,
        text(&summary.browser),
        verdict(summary.mean >= summary.targets.min_mean),
        summary.mean,
        summary.targets.min_mean,
        verdict(summary.min >= summary.targets.min_frame),
        summary.min,
        summary.targets.min_frame,
        verdict(summary.passed),
        if summary.passed {
            "targets met"
        } else {
            "targets not met"
        },
    ));

    let below: Vec<&FrameResult> = summary
        .results
        .iter()
        .filter(|r| r.ssim < EXPLAIN_BELOW)
        .collect();
    if !below.is_empty() {
        out.push_str(&format!(
            "<h2>Why frames differ</h2><p>Every frame below {EXPLAIN_BELOW} and its cause \
(from <code>docs/fidelity/explanations.json</code>, with takumi's warnings for the frame):</p><ul>"
        ));
        for result in below {
            let cause = explanations.get(&result.scene);
            out.push_str(&format!(
                "<li><b>{}</b> frame {} ({:.4}): {}</li>",
                text(&result.scene),
                result.frame,
                result.ssim,
                match cause {
                    Some(cause) => text(cause),
                    None => "<span class=\"unexplained\">not explained yet</span>".into(),
                }
            ));
        }
        out.push_str("</ul>");
    }

    if !shown.is_empty() {
        out.push_str("<h2>The worst frames</h2><p>Left: scenebox. Middle: Chromium. Right: where they differ (red: low local SSIM). Shown at half size.</p>");
        for frame in shown {
            let result = summary
                .results
                .iter()
                .find(|r| r.scene == frame.scene && r.frame == frame.frame);
            out.push_str(&format!(
                "<h3>{} · frame {} · SSIM {:.4}</h3>",
                text(&frame.scene),
                frame.frame,
                result.map_or(0.0, |r| r.ssim)
            ));
            if let Some(cause) = explanations.get(&frame.scene) {
                out.push_str(&format!("<p>{}</p>", text(cause)));
            }
            for (caption, src) in [
                ("scenebox", &frame.scenebox),
                ("Chromium", &frame.chromium),
                ("difference", &frame.diff),
            ] {
                out.push_str(&format!(
                    "<figure><img src=\"{}\" alt=\"{caption}\"><figcaption>{caption}</figcaption></figure> ",
                    text(src)
                ));
            }
        }
    }

    out.push_str("<h2>Every frame, worst first</h2><table><tr><th>SSIM</th><th>scene</th><th>frame</th><th>takumi's warnings</th><th>known cause</th></tr>");
    for result in &summary.results {
        let mut warnings = String::new();
        for warning in &result.warnings {
            warnings.push_str(&text(&format!(
                "{}: {}: {}",
                warning.property, warning.value, warning.message
            )));
            warnings.push_str("<br>");
        }
        if let Some(error) = &result.error {
            warnings.push_str(&format!("<span class=\"fail\">{}</span>", text(error)));
        }
        out.push_str(&format!(
            "<tr><td class=\"{}\">{:.4}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            verdict(result.ssim >= summary.targets.min_frame && result.error.is_none()),
            result.ssim,
            text(&result.scene),
            result.frame,
            warnings,
            explanations.get(&result.scene).map(|c| text(c)).unwrap_or_default(),
        ));
    }
    out.push_str("</table></body></html>\n");
    out
}

/// `value` escaped for HTML text.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    escape_into(&mut out, value, true);
    out
}

/// Writes `image` as a JPEG (quality 85) no wider than `max_width`, scaled down by a whole
/// factor with a box filter (for the report's pictures only; SSIM is computed at full size).
pub fn write_jpeg(image: &FrameImage, path: &Path, max_width: u32) -> std::io::Result<()> {
    let factor = image.width.div_ceil(max_width.max(1)).max(1);
    let small = downscale(image, factor);
    let mut bytes = Vec::new();
    let encoder = jpeg_encoder::Encoder::new(&mut bytes, 85);
    let (width, height) = (
        u16::try_from(small.width).map_err(std::io::Error::other)?,
        u16::try_from(small.height).map_err(std::io::Error::other)?,
    );
    encoder
        .encode(&small.rgba, width, height, jpeg_encoder::ColorType::Rgba)
        .map_err(std::io::Error::other)?;
    std::fs::write(path, bytes)
}

/// `image` scaled down by `factor` in each direction (each pixel the mean of a
/// `factor × factor` block; alpha composited over white first).
fn downscale(image: &FrameImage, factor: u32) -> FrameImage {
    let (width, height) = (image.width / factor, image.height / factor);
    let mut rgba = Vec::with_capacity((width * height * 4) as usize);
    let area = f64::from(factor * factor);
    for y in 0..height {
        for x in 0..width {
            let mut sum = [0f64; 3];
            for dy in 0..factor {
                for dx in 0..factor {
                    let i = (((y * factor + dy) * image.width + x * factor + dx) * 4) as usize;
                    let alpha = f64::from(image.rgba[i + 3]) / 255.0;
                    for (c, s) in sum.iter_mut().enumerate() {
                        *s += f64::from(image.rgba[i + c]) * alpha + 255.0 * (1.0 - alpha);
                    }
                }
            }
            for s in sum {
                rgba.push((s / area).round() as u8);
            }
            rgba.push(255);
        }
    }
    FrameImage {
        width,
        height,
        rgba,
    }
}
