//! `scenebox compile`: artifacts on disk under the documented names, JSON output, errors as
//! `file:line:col: message` with exit code 1.

use crate::{json_lines, scenebox};

#[test]
fn out_dir_gets_phase1_param_and_meta_files() {
    let out = std::env::temp_dir().join(format!("scenebox-compile-cli-{}", std::process::id()));
    let output = scenebox(&[
        "compile",
        "fixtures/scenes/title-card-spring.tsx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let phase1 = std::fs::read_to_string(out.join("title-card-spring.phase1.js")).unwrap();
    let param = std::fs::read_to_string(out.join("title-card-spring.param.js")).unwrap();
    let meta: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("title-card-spring.meta.json")).unwrap(),
    )
    .unwrap();
    assert!(phase1.contains("window.Remotion") && phase1.trim_end().ends_with(';'));
    assert!(!param.contains("window."));
    assert_eq!(meta["phase1"]["compilation_version"], 1);
    assert_eq!(meta["param"]["compilation_version"], 2);
    assert_eq!(meta["param"]["tool"], "swc");
    std::fs::remove_dir_all(out).unwrap();
}

#[test]
fn json_reports_one_object_per_scene_with_errors_located() {
    let output = scenebox(&["compile", "fixtures/invalid", "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let reports = json_lines(&output);
    assert!(reports.len() >= 12);
    for report in &reports {
        assert_eq!(report["ok"], false);
        let error = &report["error"];
        assert!(
            error["kind"].is_string() && error["line"].as_u64().unwrap() >= 1,
            "{report}"
        );
        for key in ["file", "component", "phase1", "param", "meta", "warnings"] {
            assert!(report.get(key).is_some(), "missing {key}");
        }
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.lines().any(|l| l.starts_with(
            "fixtures/invalid/unknown-import-framer-motion.tsx:4:1: cannot import 'framer-motion'"
        )),
        "{stderr}"
    );
}

#[test]
fn json_for_a_good_scene_carries_both_artifacts_and_meta() {
    let output = scenebox(&[
        "compile",
        "fixtures/scenes/small-minimal-fade.tsx",
        "--json",
        "--model",
        "param",
    ]);
    assert!(output.status.success());
    let report = &json_lines(&output)[0];
    assert_eq!(report["ok"], true);
    assert!(report["phase1"].is_null() && report["param"].is_string());
    assert!(
        report["meta"]["param"]["timings"]["total_ms"]
            .as_f64()
            .unwrap()
            > 0.0
    );
    assert!(report["error"].is_null());
}

#[test]
fn a_reader_that_stops_early_ends_the_output_without_a_panic() {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};
    // `scenebox compile fixtures/scenes --json | head -c 100`
    let mut child = Command::new(env!("CARGO_BIN_EXE_scenebox"))
        .args(["compile", "fixtures/scenes", "--json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe's reading end is closed here.
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        output.status.success() || output.status.signal() == Some(libc::SIGPIPE),
        "{:?}: {stderr}",
        output.status
    );
    assert!(String::from_utf8_lossy(&first).starts_with("{\"file\""));
}
