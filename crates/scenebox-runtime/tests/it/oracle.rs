//! The runtime against real Remotion: the same bundle rendered in Node (js/oracle.mjs) must
//! give identical trees for the same artifacts and frames. One test per Remotion API, each
//! over the fixtures that exercise it.

use std::process::Command;

use scenebox_runtime::{Model, Node, RuntimeConfig};

use crate::support::{compile_fixture, fixture, render_frames};

/// Renders `frames` of a fixture in Node with the oracle; returns the trees.
fn node_trees(stem: &str, model: Model, frames: &[u32]) -> Vec<Node> {
    let scene = fixture("scenes", stem);
    let compiled = compile_fixture(&scene);
    let dir = std::env::temp_dir().join(format!("scenebox-oracle-{}-{stem}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let artifact = dir.join(format!("{stem}.{}.js", model.as_str()));
    std::fs::write(&artifact, &compiled.artifact(model.artifact_model()).code).unwrap();
    let frames_arg = frames
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let output = Command::new("node")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/js/oracle.mjs"))
        .args([
            "--artifact",
            artifact.to_str().unwrap(),
            "--frames",
            &frames_arg,
            "--seed",
            stem,
        ])
        .env("TZ", "UTC")
        .output()
        .expect("Node.js (`node`) runs the oracle");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "{stem}: oracle failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            serde_json::from_value(value["tree"].clone()).unwrap()
        })
        .collect()
}

/// Asserts V8 and Node agree on every listed fixture, both models, on a few frames.
fn agree(stems: &[&str]) {
    let frames = [0, 20, 45, 90, 140];
    let config = RuntimeConfig::default();
    for stem in stems {
        let compiled = compile_fixture(&fixture("scenes", stem));
        for model in [Model::Param, Model::Phase1] {
            let ours = render_frames(&config, stem, &compiled, model, &frames)
                .result
                .unwrap_or_else(|e| panic!("{e}"));
            let theirs = node_trees(stem, model, &frames);
            assert_eq!(theirs.len(), frames.len(), "{stem}");
            for (frame, (a, b)) in ours.frames.iter().zip(&theirs).enumerate() {
                let (ours, theirs) = (
                    serde_json::to_value(&a.tree).unwrap(),
                    serde_json::to_value(b).unwrap(),
                );
                if let Some(difference) = first_difference(&ours, &theirs, "") {
                    panic!("{stem} {model:?} frame {}: {difference}", frames[frame]);
                }
            }
        }
    }
}

/// Numbers may differ in the last bits between this V8 and Node's (their `Math` functions
/// are not bit-identical across versions); everything else must be equal.
fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Splits a string into runs of number characters and runs of anything else.
fn tokens(s: &str) -> Vec<&str> {
    let numeric = |c: char| c.is_ascii_digit() || c == '.' || c == '-' || c == 'e';
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for i in 1..=chars.len() {
        let boundary = i == chars.len() || numeric(chars[i].1) != numeric(chars[i - 1].1);
        if boundary {
            let end = chars.get(i).map(|c| c.0).unwrap_or(s.len());
            out.push(&s[start..end]);
            start = end;
        }
    }
    out
}

fn strings_match(a: &str, b: &str) -> bool {
    let (ta, tb) = (tokens(a), tokens(b));
    ta.len() == tb.len()
        && ta
            .iter()
            .zip(&tb)
            .all(|(x, y)| match (x.parse::<f64>(), y.parse::<f64>()) {
                (Ok(x), Ok(y)) => close(x, y),
                _ => x == y,
            })
}

/// The first place two trees differ (beyond float rounding), as `path: ours != theirs`.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value::*;
    let differs = || {
        let show = |v: &serde_json::Value| {
            v.to_string()
                .chars()
                .take(300)
                .collect::<std::string::String>()
        };
        Some(format!("{path}: {} != {}", show(a), show(b)))
    };
    match (a, b) {
        (Number(x), Number(y)) => (!close(x.as_f64()?, y.as_f64()?)).then(differs).flatten(),
        (String(x), String(y)) => (!strings_match(x, y)).then(differs).flatten(),
        (Array(x), Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(x, y, &format!("{path}[{i}]"))),
        (Object(x), Object(y)) if x.len() == y.len() => {
            x.iter().find_map(|(k, v)| match y.get(k) {
                Some(w) => first_difference(v, w, &format!("{path}.{k}")),
                None => differs(),
            })
        }
        _ => (a != b).then(differs).flatten(),
    }
}

#[test]
fn the_tolerant_comparison_still_sees_real_differences() {
    let a = serde_json::json!({"style": {"transform": "scale(1.0028425936982723)", "left": 120.37208186845848}});
    let b = serde_json::json!({"style": {"transform": "scale(1.002842593698272)", "left": 120.3720818684585}});
    assert_eq!(first_difference(&a, &b, ""), None);
    let c = serde_json::json!({"style": {"transform": "scale(1.01)", "left": 120.37208186845848}});
    assert!(first_difference(&a, &c, "").unwrap().contains("transform"));
    let d = serde_json::json!({"style": {"transform": "scale(1.0028425936982723)", "left": 121}});
    assert!(first_difference(&a, &d, "").is_some());
    let e = serde_json::json!({"style": {"transform": "rotate(1deg)", "left": 121}});
    assert!(first_difference(&d, &e, "").is_some());
}

macro_rules! oracle_tests {
    ($($name:ident => [$($stem:literal),+ $(,)?]),+ $(,)?) => {
        $(#[test] fn $name() { agree(&[$($stem),+]); })+
    };
}

oracle_tests! {
    use_current_frame_and_interpolate => ["small-minimal-fade", "extrapolate-modes"],
    spring => ["spring-physics-playground", "title-card-spring"],
    easing => ["easing-showcase"],
    interpolate_colors => ["interpolate-colors-gradient"],
    random => ["particles-random", "confetti-burst"],
    sequence => ["fade-transition-sequences", "chat-conversation"],
    series => ["feature-list-heroicons", "countdown-timer"],
    loop_component => ["loop-spinner"],
    freeze => ["freeze-frame-highlight"],
    img_and_static_file => ["logo-reveal-img", "data-uri-badge"],
    audio => ["audio-intro-music", "audio-trim-voiceover"],
    use_video_config_and_svg => ["line-chart-svg", "progress-ring-svg"],
    react_hooks => ["hooks-ref-callback", "use-effect-set-state-once", "starfield-usestate-lazy"],
    delay_render => ["delay-render-data"],
    extras_icons_shapes_rough_fonts => ["mixed-window-and-imports", "remotion-shapes-window", "rough-sketch-diagram", "google-fonts-import"],
}
