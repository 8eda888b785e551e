//! `scenebox bench --startup-only`: issue 3's start-up figure from one-frame jobs.

use crate::scenebox;

#[test]
fn startup_only_reports_each_stage_per_model_with_one_sample_per_job() {
    let corpus = tempfile::tempdir().unwrap();
    for stem in ["title-card-spring", "counter-stats-lucide"] {
        std::fs::copy(
            format!("fixtures/scenes/{stem}.tsx"),
            corpus.path().join(format!("{stem}.tsx")),
        )
        .unwrap();
    }
    let corpus = corpus.path().to_str().unwrap();
    let output = scenebox(&[
        "bench",
        "--startup-only",
        "--corpus",
        corpus,
        "--iterations",
        "2",
        "--json",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["scenes"], 2);
    let stages = report["stages"].as_array().unwrap();
    let mut seen = Vec::new();
    for stage in stages {
        // Two scenes, two rounds: four one-frame jobs per model.
        assert_eq!(stage["n"], 4, "{stage}");
        let p50 = stage["p50"].as_f64().unwrap();
        assert!(
            p50 > 0.0 && p50 <= stage["p99"].as_f64().unwrap(),
            "{stage}"
        );
        seen.push(format!(
            "{} | {}",
            stage["stage"].as_str().unwrap(),
            stage["tool"].as_str().unwrap()
        ));
    }
    let mut expected = Vec::new();
    for model in ["phase1", "param"] {
        for stage in [
            "isolate start (from snapshot)",
            "scene load + first frame",
            "isolate start to first frame",
        ] {
            expected.push(format!("{stage} | V8 ({model}), 1-frame jobs"));
        }
    }
    assert_eq!(seen, expected);
}
