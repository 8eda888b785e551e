//! `fixtures/hostile`: every attack ends in its documented typed error (or a clean,
//! deterministic result) within the time limit, and the next scene still renders correctly.

use std::time::{Duration, Instant};

use scenebox_runtime::{Model, RetryPolicy, RuntimeConfig};

use crate::support::{compile_fixture, fixture, load, render_frames};

/// What a hostile fixture's `// expect:` header promises.
struct Expectation {
    kinds: Vec<String>,
    message: Option<String>,
    text: Option<String>,
}

fn expectation(header: &str) -> Expectation {
    let mut parts = header.splitn(2, ' ');
    let kinds = parts
        .next()
        .unwrap()
        .split('|')
        .map(str::to_string)
        .collect();
    let rest = parts.next().unwrap_or("");
    let grab = |key: &str| rest.split_once(key).map(|(_, v)| v.trim().to_string());
    Expectation {
        kinds,
        message: grab("message~"),
        text: grab("text~"),
    }
}

#[test]
fn every_attack_ends_in_its_documented_outcome_and_the_next_scene_is_clean() {
    let mut config = RuntimeConfig::default();
    config.limits.frame_time = Duration::from_millis(1000);
    config.limits.scene_time = Duration::from_millis(4000);
    config.retry = RetryPolicy::none();
    let clean = fixture("scenes", "small-minimal-fade");
    let clean_compiled = compile_fixture(&clean);
    let baseline = render_frames(&config, &clean.stem, &clean_compiled, Model::Param, &[20])
        .result
        .unwrap();

    let scenes = load("hostile");
    assert!(scenes.len() >= 20, "only {} hostile fixtures", scenes.len());
    let mut failures = Vec::new();
    for scene in scenes {
        let expect = expectation(&scene.header("expect").expect("`// expect:` header"));
        let frames: Vec<u32> = scene
            .header("frames")
            .unwrap_or_else(|| "0".into())
            .split(',')
            .map(|f| f.trim().parse().unwrap())
            .collect();
        let compiled = compile_fixture(&scene);
        for model in [Model::Param, Model::Phase1] {
            let started = Instant::now();
            let outcome = render_frames(&config, &scene.stem, &compiled, model, &frames);
            let elapsed = started.elapsed();
            let (kind, message, text) = match &outcome.result {
                Ok(render) => (
                    "ok".to_string(),
                    String::new(),
                    render
                        .frames
                        .iter()
                        .map(|f| f.tree.text_content())
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                Err(error) => (
                    error.kind.as_str().to_string(),
                    error.message.clone(),
                    String::new(),
                ),
            };
            let mut problems = Vec::new();
            if !expect.kinds.contains(&kind) {
                problems.push(format!("ended as {kind} ({message})"));
            }
            if let (Some(needle), false) = (&expect.message, kind == "ok") {
                if expect.kinds.len() == 1 && !message.contains(needle.as_str()) {
                    problems.push(format!("message `{message}` lacks `{needle}`"));
                }
            }
            if let (Some(needle), "ok") = (&expect.text, kind.as_str()) {
                if !text.contains(needle.as_str()) {
                    problems.push(format!(
                        "text `{}` lacks `{needle}`",
                        text.chars().take(200).collect::<String>()
                    ));
                }
            }
            let budget = config.limits.scene_time + Duration::from_millis(500);
            if elapsed > budget {
                problems.push(format!(
                    "took {elapsed:?}, more than the scene limit + 500 ms"
                ));
            }
            if kind == "ok" {
                let hashes = |r: &scenebox_runtime::SceneRender| {
                    r.frames.iter().map(|f| f.hash.clone()).collect::<Vec<_>>()
                };
                match render_frames(&config, &scene.stem, &compiled, model, &frames).result {
                    Ok(again) if hashes(outcome.result.as_ref().unwrap()) != hashes(&again) => {
                        problems.push("two renders differ".into())
                    }
                    Ok(_) => {}
                    // Memory pressure may end either way (the fixture allows both).
                    Err(e) if expect.kinds.contains(&e.kind.as_str().to_string()) => {}
                    Err(e) => problems.push(format!("the second render failed: {e}")),
                }
            }
            let next =
                render_frames(&config, &clean.stem, &clean_compiled, Model::Param, &[20]).result;
            match next {
                Ok(next) if next.frames[0].hash == baseline.frames[0].hash => {}
                other => problems.push(format!("the next scene was not clean: {other:?}")),
            }
            if !problems.is_empty() {
                failures.push(format!(
                    "{} ({model:?}): {}",
                    scene.stem,
                    problems.join("; ")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "hostile fixtures misbehaved:\n{}",
        failures.join("\n")
    );
}
