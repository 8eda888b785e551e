//! Every scene of `fixtures/scenes` compiles to both artifacts, returning the component its
//! header names, with full metadata.

use scenebox_compile::{compile, ArtifactModel};

use crate::fixture::{load, Fixture};

#[test]
fn corpus_is_large_enough_and_documented() {
    let scenes = load("scenes");
    assert!(scenes.len() >= 40, "only {} scenes", scenes.len());
    for scene in &scenes {
        for key in ["scene", "exercises", "component"] {
            assert!(
                scene.header(key).is_some(),
                "{}: missing `// {key}:` header",
                scene.name
            );
        }
    }
}

#[test]
fn every_scene_compiles_to_the_component_its_header_names() {
    for scene in load("scenes") {
        assert_compiles_to_its_header_component(&scene);
    }
}

/// `scene` compiles to both artifacts with source maps and full metadata, returning the component
/// its `// component:` header names (`default`: the anonymous default export).
pub(crate) fn assert_compiles_to_its_header_component(scene: &Fixture) {
    let compiled = compile(&scene.name, &scene.tsx)
        .unwrap_or_else(|e| panic!("{} failed to compile: {e}", scene.name));
    let expected = scene
        .header("component")
        .unwrap_or_else(|| panic!("{}: missing `// component:` header", scene.name));
    let expected = if expected == "default" {
        "DefaultExport".to_string()
    } else {
        expected
    };
    assert_eq!(compiled.component, expected, "{}", scene.name);
    for model in [ArtifactModel::Phase1, ArtifactModel::Param] {
        let artifact = compiled.artifact(model);
        assert!(!artifact.code.is_empty(), "{}: empty {model:?}", scene.name);
        assert!(
            artifact.source_map.contains("\"mappings\""),
            "{}",
            scene.name
        );
        let meta = &artifact.meta;
        assert_eq!(meta.tool, "swc");
        assert_eq!(meta.tool_version, scenebox_compile::SWC_CORE_VERSION);
        assert_eq!(meta.compilation_version, model.compilation_version());
        assert_eq!(meta.input_bytes, scene.tsx.len());
        assert_eq!(meta.output_bytes, artifact.code.len());
        assert_eq!(
            meta.content_hash,
            scenebox_compile::content_hash(&scene.tsx)
        );
        assert!(meta.content_hash.starts_with("blake3:") && meta.content_hash.len() == 71);
        assert!(meta.timings.total_ms > 0.0);
        assert!(meta.timings.total_ms + 1e-9 >= meta.timings.parse_ms + meta.timings.codegen_ms);
        assert!(meta.compiled_at.ends_with('Z'), "{}", meta.compiled_at);
    }
}

#[test]
fn the_default_export_wins_over_helpers_declared_before_it() {
    let tsx = r#"
const Badge = ({ label }: { label: string }) => <span>{label}</span>;
function Title() { return <h1>Title</h1>; }
export default function Scene_A7B9C2D4() { return <div><Title /><Badge label="x" /></div>; }
const Footer = () => <footer />;
"#;
    let compiled = compile("helpers", tsx).unwrap();
    assert_eq!(compiled.component, "Scene_A7B9C2D4");
    assert!(compiled
        .phase1
        .code
        .trim_end()
        .ends_with("return Scene_A7B9C2D4;"));
}

#[test]
fn default_export_forms_are_all_understood() {
    let cases = [
        ("function A() { return null; }\nexport default A;", "A"),
        ("const B = () => null;\nexport { B as default };", "B"),
        (
            "export default function () { return null; }",
            "DefaultExport",
        ),
        (
            "const DefaultExport = 1;\nexport default () => null;",
            "DefaultExport$1",
        ),
        (
            "const C = () => null;\nexport default React.memo(C);",
            "DefaultExport",
        ),
        (
            "function D() { return null; }\nexport default D as any;",
            "D",
        ),
        (
            "function Helper() { return null; }\nfunction Scene() { return <Helper />; }",
            "Scene",
        ),
        (
            "const FruitBG = () => React.createElement('div', null);",
            "FruitBG",
        ),
    ];
    for (tsx, component) in cases {
        let compiled = compile("forms", tsx).unwrap_or_else(|e| panic!("{tsx}: {e}"));
        assert_eq!(compiled.component, component, "{tsx}");
    }
}

#[test]
fn strings_and_properties_that_look_like_globals_are_left_alone() {
    let tsx = r#"
const label = "window.Remotion and React";
const config = { React: 1, window: 2 };
export default function S() { return <div title="window.React">{label}{config.window}</div>; }
"#;
    let compiled = compile("strings", tsx).unwrap();
    for code in [&compiled.phase1.code, &compiled.param.code] {
        assert!(code.contains("\"window.Remotion and React\""), "{code}");
        assert!(code.contains("title: \"window.React\""), "{code}");
        assert!(code.contains("config.window"), "{code}");
        assert!(code.contains("React: 1"), "{code}");
    }
}

#[test]
fn warnings_name_unknown_window_properties_and_their_line() {
    let tsx = "export default function S() {\n  const w = window.innerWidth;\n  return <div>{w}</div>;\n}\n";
    let compiled = compile("warn", tsx).unwrap();
    assert_eq!(compiled.warnings.len(), 1, "{:?}", compiled.warnings);
    let warning = &compiled.warnings[0];
    assert_eq!(warning.kind, "unknown_window_global");
    assert!(
        warning.message.contains("window.innerWidth"),
        "{}",
        warning.message
    );
    assert_eq!((warning.line, warning.column), (2, 13));
    assert_eq!(compiled.param.meta.warnings, compiled.warnings);
    assert!(compiled.phase1.code.contains("window.innerWidth"));
}

#[test]
fn swc_core_version_matches_the_lockfile() {
    let lock =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.lock")).unwrap();
    let needle = format!(
        "name = \"swc_core\"\nversion = \"{}\"",
        scenebox_compile::SWC_CORE_VERSION
    );
    assert!(
        lock.contains(&needle),
        "Cargo.lock pins another swc_core than SWC_CORE_VERSION"
    );
}
