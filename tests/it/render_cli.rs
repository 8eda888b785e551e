//! `scenebox render`: the documented JSON shape, exit codes, and determinism across processes
//! with different time zones and locales.

use crate::{json_lines, scenebox, scenebox_with_env};

#[test]
fn json_has_every_frame_with_hash_and_tree() {
    let output = scenebox(&[
        "render",
        "fixtures/scenes/title-card-spring.tsx",
        "--frames",
        "0..3",
        "--json",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = &json_lines(&output)[0];
    for key in [
        "file", "model", "ok", "frames", "warnings", "media", "attempts", "retries", "timings",
        "error",
    ] {
        assert!(report.get(key).is_some(), "missing {key}");
    }
    assert_eq!(report["ok"], true);
    assert_eq!(report["model"], "param");
    let frames = report["frames"].as_array().unwrap();
    assert_eq!(
        frames
            .iter()
            .map(|f| f["frame"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        vec![0, 1, 2]
    );
    assert!(frames[0]["hash"].as_str().unwrap().starts_with("blake3:"));
    assert_eq!(frames[0]["tree"]["type"], "#root");
    assert_eq!(report["retries"], 0);
}

#[test]
fn a_failing_scene_exits_1_with_a_typed_error() {
    let output = scenebox(&[
        "render",
        "fixtures/hostile/throw-on-frame-one.tsx",
        "--frames",
        "0,1",
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report = &json_lines(&output)[0];
    assert_eq!(report["ok"], false);
    assert_eq!(report["error"]["kind"], "Render");
    assert_eq!(report["error"]["frame"], 1);
    assert!(report["error"]["line"].as_u64().is_some(), "{report}");

    let output = scenebox(&[
        "render",
        "fixtures/invalid/syntax-missing-brace.tsx",
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json_lines(&output)[0]["error"]["kind"], "Compile");
}

#[test]
fn hashes_do_not_depend_on_the_machines_time_zone_or_locale() {
    let render = |tz: &str, lang: &str| {
        let output = scenebox_with_env(
            &[
                "render",
                "fixtures/hostile/intl-datetime.tsx",
                "--frames",
                "0",
                "--json",
            ],
            &[("TZ", tz), ("LANG", lang), ("LC_ALL", lang)],
        );
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let report = json_lines(&output).remove(0);
        (
            report["frames"][0]["hash"].clone(),
            report["frames"][0]["tree"].to_string(),
        )
    };
    let (new_york, tree) = render("America/New_York", "de_DE.UTF-8");
    let (tokyo, _) = render("Asia/Tokyo", "ja_JP.UTF-8");
    assert_eq!(new_york, tokyo);
    assert!(tree.contains("1/1/2024"), "{tree}");
}
