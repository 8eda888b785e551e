//! The rollout walkthrough of the README on the embedded default, and `scenebox smoke` catching
//! planted regressions with exit code 1.

use crate::scenebox;

fn run_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let db = dir.join("scenebox.db");
    let mut all = args.to_vec();
    let db = db.to_str().unwrap().to_string();
    // `smoke` names the database `--db`; every other store command `--database-url`.
    all.extend([
        if args[0] == "smoke" {
            "--db"
        } else {
            "--database-url"
        },
        &db,
    ]);
    scenebox(&all)
}

#[test]
fn the_readme_rollout_walkthrough_runs_on_the_embedded_default() {
    let dir = tempfile::tempdir().unwrap();
    let step = |args: &[&str]| {
        let output = run_in(dir.path(), args);
        assert!(
            output.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(step(&["migrate"]).contains("migrated to version"));
    step(&["import", "fixtures/scenes"]);
    step(&["flags", "set", "metrics", "on"]);
    step(&["backfill", "--quiet"]);
    let smoke = step(&["smoke", "--sample", "50"]);
    assert!(
        smoke.contains("smoke: 50 scene(s)") && smoke.ends_with("GO\n"),
        "{smoke}"
    );
    assert!(
        smoke.contains("| param_with_fallback | 50 | 0 |"),
        "{smoke}"
    );
    step(&["flags", "set", "artifact_versioning", "on"]);
    step(&["flags", "set", "execution_model", "shadow"]);
    step(&["flags", "set", "execution_model", "param_with_fallback"]);
    let listed = step(&["flags", "list", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed["flags"]["execution_model"], "param_with_fallback");
    assert_eq!(listed["changes"].as_array().unwrap().len(), 4);
    // The smoke runs were recorded as executions (metrics were on).
    let report: serde_json::Value = serde_json::from_str(&step(&["report", "--json"])).unwrap();
    assert!(report["days"][0]["executions"]["phase1"].as_u64().unwrap() >= 50);
}

#[test]
fn smoke_says_no_go_on_planted_regressions() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run_in(dir.path(), &["import", "fixtures/regressions"])
        .status
        .success());
    let output = run_in(
        dir.path(),
        &[
            "smoke",
            "--json",
            "--frame-timeout-ms",
            "500",
            "--retries",
            "0",
            "--frames",
            "6",
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["go"], false);
    let scenes = report["scenes"].as_array().unwrap();
    assert_eq!(scenes.len(), 4, "every stored scene sampled");
    let regressions: Vec<&serde_json::Value> = scenes
        .iter()
        .filter(|s| ["differs", "param_only_fails"].contains(&s["status"].as_str().unwrap()))
        .collect();
    assert_eq!(report["regressions"], regressions.len());
    assert!(regressions.len() >= 2, "{report}");
    // Each regression fell back to Phase 1 under param_with_fallback, which then worked.
    for regression in &regressions {
        if regression["status"] == "param_only_fails" {
            assert_eq!(regression["fallback"], true, "{regression}");
            assert!(
                regression["errors"].get("param_with_fallback").is_none(),
                "{regression}"
            );
        }
    }
}
