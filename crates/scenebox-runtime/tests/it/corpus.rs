//! Every fixture scene renders under both execution models, and both give the same trees.

use scenebox_runtime::{Model, RuntimeConfig};

use crate::support::{compile_fixture, load, render_frames};

#[test]
fn every_fixture_renders_identically_under_both_models() {
    let config = RuntimeConfig::default();
    let frames = [0, 15, 45, 90, 149];
    let scenes = load("scenes");
    assert!(scenes.len() >= 40);
    for scene in scenes {
        let compiled = compile_fixture(&scene);
        let phase1 = render_frames(&config, &scene.stem, &compiled, Model::Phase1, &frames);
        let param = render_frames(&config, &scene.stem, &compiled, Model::Param, &frames);
        let phase1 = phase1
            .result
            .unwrap_or_else(|e| panic!("{}: phase1: {e}", scene.stem));
        let param = param
            .result
            .unwrap_or_else(|e| panic!("{}: param: {e}", scene.stem));
        assert_eq!(phase1.frames.len(), frames.len());
        for (a, b) in phase1.frames.iter().zip(&param.frames) {
            assert_eq!(
                a.hash, b.hash,
                "{} frame {}: phase1 and param differ",
                scene.stem, a.frame
            );
            assert!(
                a.tree.node_count() > 2,
                "{} frame {} rendered nothing",
                scene.stem,
                a.frame
            );
        }
        assert_eq!(phase1.media, param.media, "{}", scene.stem);
        assert_eq!(phase1.fonts, param.fonts, "{}", scene.stem);
    }
}

#[test]
fn rendering_is_repeatable_frame_by_frame() {
    let config = RuntimeConfig::default();
    for stem in ["particles-random", "confetti-burst", "title-card-spring"] {
        let scene = crate::support::fixture("scenes", stem);
        let compiled = compile_fixture(&scene);
        let first = render_frames(&config, stem, &compiled, Model::Param, &[0, 30, 60])
            .result
            .unwrap();
        let again = render_frames(&config, stem, &compiled, Model::Param, &[60, 30, 0])
            .result
            .unwrap();
        for frame in &first.frames {
            let other = again
                .frames
                .iter()
                .find(|f| f.frame == frame.frame)
                .unwrap();
            assert_eq!(
                frame.hash, other.hash,
                "{stem} frame {} depends on render order",
                frame.frame
            );
        }
    }
}
