//! Runs every fixture's artifacts in Node the way the app does (`new Function`, a fake
//! `window` for Phase 1, `Remotion`/`Extras` parameters for the parameterized model) and checks
//! both return the component named by the fixture (the real default export).

use std::io::Write;
use std::process::{Command, Stdio};

use scenebox_compile::compile;
use serde_json::{json, Value};

use crate::fixture::load;

#[test]
fn both_artifacts_return_the_default_exported_component_in_node() {
    let scenes = load("scenes");
    let mut expected = Vec::new();
    let input: Vec<Value> = scenes
        .iter()
        .map(|scene| {
            let compiled = compile(&scene.name, &scene.tsx).unwrap();
            let header = scene.header("component").unwrap();
            expected.push(if header == "default" { "DefaultExport".to_string() } else { header });
            json!({"name": scene.name, "phase1": compiled.phase1.code, "param": compiled.param.code})
        })
        .collect();
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/node/return-component.cjs"
    );
    let mut child = Command::new("node")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("Node.js (`node`) is needed for this test; the project's setup installs it");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&input).unwrap().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "node failed");
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results.len(), scenes.len());
    for (result, expected) in results.iter().zip(&expected) {
        assert_eq!(
            result["phase1"],
            json!(expected),
            "{}: phase1",
            result["name"]
        );
        assert_eq!(
            result["param"],
            json!(expected),
            "{}: param",
            result["name"]
        );
    }
}
