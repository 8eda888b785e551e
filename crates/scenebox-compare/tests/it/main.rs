//! Integration tests of `scenebox-compare`: every classification on real renders, and shadow mode.

mod shadow;

use scenebox_compare::{compare, CompareRequest, Comparison, Status, Summary};
use scenebox_fixtures::{fixture, load};
use scenebox_runtime::{RuntimeConfig, VideoConfig};

fn compare_fixture(corpus: &str, stem: &str, frames: Vec<u32>) -> Comparison {
    let scene = fixture(corpus, stem);
    let compiled = scenebox_compile::compile(&scene.name, &scene.tsx).unwrap();
    compare(
        &RuntimeConfig::default(),
        &CompareRequest {
            file: &scene.name,
            scene: &scene.stem,
            compiled: &compiled,
            video: VideoConfig::default(),
            props: serde_json::json!({}),
            frames,
        },
    )
}

#[test]
fn the_planted_window_global_regression_is_caught_with_its_line() {
    let c = compare_fixture("regressions", "reads-react-dom-version", vec![0, 20]);
    assert_eq!(c.status, Status::ParamOnlyFails);
    assert!(c.status.is_regression());
    let error = c.param.error.as_ref().unwrap();
    assert_eq!(error.kind, scenebox_runtime::ErrorKind::Render);
    assert_eq!((error.frame, error.line), (Some(0), Some(12)), "{error}");
    assert!(c.phase1.ok);
}

#[test]
fn a_difference_is_located_by_frame_and_path() {
    let c = compare_fixture("regressions", "portal-flag-from-window", vec![0, 10, 30]);
    assert_eq!(c.status, Status::Differs);
    assert_eq!(c.differing_frames, 3);
    let d = c.first_difference.unwrap();
    assert_eq!(d.frame, 0);
    assert_eq!(d.path, "children[0].children[0].text");
    assert_eq!(
        (d.phase1.as_str(), d.param.as_str()),
        (Some("portal mode"), Some("inline mode"))
    );
}

#[test]
fn failures_on_either_side_are_classified() {
    let c = compare_fixture("regressions", "phase1-only-throws", vec![0]);
    assert_eq!(c.status, Status::Phase1OnlyFails);
    assert!(!c.status.is_regression());
    let c = compare_fixture("hostile", "throw-at-load", vec![0]);
    assert_eq!(c.status, Status::BothFail);
    assert_eq!(
        c.phase1.error.as_ref().unwrap().kind,
        scenebox_runtime::ErrorKind::Evaluate
    );
    assert_eq!(
        c.param.error.as_ref().unwrap().kind,
        scenebox_runtime::ErrorKind::Evaluate
    );
}

#[test]
fn the_fixture_corpus_has_no_regressions() {
    let scenes = load("scenes");
    let comparisons: Vec<Comparison> = scenes
        .iter()
        .map(|scene| compare_fixture("scenes", &scene.stem, vec![0, 30, 75, 149]))
        .collect();
    let summary = Summary::of(&comparisons);
    assert_eq!(summary.scenes, scenes.len());
    assert_eq!(summary.identical, scenes.len(), "{summary:?}");
    assert_eq!(summary.regressions(), 0);
}

#[test]
fn smoke_samples_spread_over_age_and_size() {
    use scenebox_compare::smoke::{stratified_sample, SampleCandidate};
    let start = time::OffsetDateTime::UNIX_EPOCH;
    // 120 scenes: age i days, size grows with (i * 37) % 120.
    let candidates: Vec<SampleCandidate> = (0..120)
        .map(|i| SampleCandidate {
            created_at: start + time::Duration::days(i),
            size: 1000 + ((i * 37) % 120) as usize * 100,
        })
        .collect();
    let picked = stratified_sample(&candidates, 12);
    assert_eq!(picked.len(), 12);
    let mut unique = picked.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 12, "no scene twice");
    // Three from each age quartile.
    for quartile in 0..4 {
        let n = picked.iter().filter(|&&i| i / 30 == quartile).count();
        assert_eq!(n, 3, "quartile {quartile}: {picked:?}");
    }
    assert_eq!(
        stratified_sample(&candidates, 500).len(),
        120,
        "never more than exist"
    );
    assert_eq!(stratified_sample(&candidates, 12), picked, "deterministic");
    assert!(stratified_sample(&[], 5).is_empty());
}
