//! The scenes the compiler's optimisation profile is trained on (`pgo/training`, run by
//! `scripts/profile-compiler.sh`) compile to the component their header names: the profile is
//! taken on the compiler's whole successful path, not on an early error.

use std::path::Path;

use scenebox_compile::compile;
use scenebox_fixtures::load_dir;

#[test]
fn every_training_scene_compiles_to_the_component_its_header_names() {
    let scenes = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("pgo/training"));
    assert!(scenes.len() >= 20, "only {} training scenes", scenes.len());
    for scene in scenes {
        let compiled = compile(&scene.name, &scene.tsx)
            .unwrap_or_else(|e| panic!("{} failed to compile: {e}", scene.name));
        let expected = scene
            .header("component")
            .unwrap_or_else(|| panic!("{}: missing `// component:` header", scene.name));
        assert_eq!(compiled.component, expected, "{}", scene.name);
    }
}
