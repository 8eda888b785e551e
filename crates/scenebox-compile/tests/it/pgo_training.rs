//! The scenes the compiler's optimisation profile is trained on (`pgo/training`, run by
//! `scripts/profile-compiler.sh`) compile as the corpus does, to the component their header
//! names: the profile is taken on the compiler's whole successful path, not on an early error.

use std::path::Path;

use scenebox_fixtures::load_dir;

use crate::corpus::assert_compiles_to_its_header_component;

#[test]
fn every_training_scene_compiles_to_the_component_its_header_names() {
    let scenes = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("pgo/training"));
    assert!(scenes.len() >= 20, "only {} training scenes", scenes.len());
    for scene in &scenes {
        assert_compiles_to_its_header_component(scene);
    }
}
