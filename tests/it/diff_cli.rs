//! `scenebox diff`: the documented JSON document, the exit code on regressions, the HTML report.

use crate::scenebox;

#[test]
fn the_planted_regressions_fail_the_suite_with_their_classification() {
    let html = std::env::temp_dir().join(format!("scenebox-diff-{}.html", std::process::id()));
    let output = scenebox(&[
        "diff",
        "fixtures/regressions",
        "--frames",
        "every:30",
        "--json",
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a regression must fail the run"
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let summary = &report["summary"];
    assert_eq!(
        (
            summary["scenes"].as_u64(),
            summary["differs"].as_u64(),
            summary["param_only_fails"].as_u64()
        ),
        (Some(4), Some(1), Some(2))
    );
    let scene = |name: &str| {
        report["scenes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["file"].as_str().unwrap().ends_with(name))
            .unwrap()
            .clone()
    };
    let failing = scene("reads-react-dom-version.tsx");
    assert_eq!(failing["status"], "param_only_fails");
    assert_eq!(failing["param"]["error"]["line"], 12);
    assert_eq!(failing["phase1"]["ok"], true);
    for key in [
        "file",
        "status",
        "first_difference",
        "differing_frames",
        "phase1",
        "param",
    ] {
        assert!(failing.get(key).is_some(), "missing {key}");
    }
    let differing = scene("portal-flag-from-window.tsx");
    assert_eq!(differing["status"], "differs");
    assert_eq!(
        differing["first_difference"]["path"],
        "children[0].children[0].text"
    );
    assert_eq!(differing["differing_frames"], 5);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("param_only_fails") && page.contains("TSX 12:"),
        "the report names the class and line"
    );
    std::fs::remove_file(html).unwrap();
}

#[test]
fn the_fixture_corpus_passes_every_frame_both_models() {
    let output = scenebox(&["diff", "fixtures/scenes", "--frames", "all", "--json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["identical"], report["summary"]["scenes"]);
}
