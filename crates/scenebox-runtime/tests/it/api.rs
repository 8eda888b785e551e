//! The render API: errors typed and located in the TSX, retries, props, effects and
//! delayRender, media capture, warnings.

use std::time::Duration;

use scenebox_runtime::{ErrorKind, Model, RuntimeConfig};
use serde_json::json;

use crate::support::{compile_fixture, compile_inline, fixture, render_frames, render_with};

#[test]
fn a_render_error_is_mapped_to_the_tsx_line_and_column() {
    let tsx = "import { useCurrentFrame } from 'remotion';\n\
               type P = { n: number };\n\
               export default function Broken() {\n\
               \x20 const frame = useCurrentFrame();\n\
               \x20 if (frame === 3) { throw new Error('bad frame ' + frame); }\n\
               \x20 return <div>{frame}</div>;\n\
               }\n";
    let compiled = compile_inline("broken", tsx);
    for model in [Model::Phase1, Model::Param] {
        let outcome = render_frames(
            &RuntimeConfig::default(),
            "broken",
            &compiled,
            model,
            &[0, 3],
        );
        let error = outcome.result.unwrap_err();
        assert_eq!(error.kind, ErrorKind::Render, "{model:?}: {error}");
        assert_eq!(error.frame, Some(3));
        assert!(error.message.contains("bad frame 3"), "{}", error.message);
        assert_eq!(
            (error.line, error.column),
            (Some(5), Some(28)),
            "{model:?}: {:?}",
            error.stack
        );
        assert_eq!(
            outcome.attempts.len(),
            1,
            "deterministic errors are not retried"
        );
    }
}

#[test]
fn module_level_throws_are_evaluate_errors_and_non_components_are_reported() {
    let config = RuntimeConfig::default();
    let throws = compile_inline(
        "throws",
        "const x = (null as any).boom;\nexport default function S() { return <div />; }\n",
    );
    let error = render_frames(&config, "throws", &throws, Model::Param, &[0])
        .result
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Evaluate, "{error}");
    assert_eq!(error.line, Some(1), "{error:?}");

    let number = compile_inline("number", "const Scene = 42;\nexport default Scene;\n");
    for model in [Model::Phase1, Model::Param] {
        let error = render_frames(&config, "number", &number, model, &[0])
            .result
            .unwrap_err();
        assert_eq!(error.kind, ErrorKind::NoComponent, "{error}");
    }
}

#[test]
fn timeouts_are_retried_once_in_a_fresh_isolate() {
    let mut config = RuntimeConfig::default();
    config.limits.frame_time = Duration::from_millis(200);
    let compiled = compile_inline("spin", "export default function S() { for (;;) {} }\n");
    let outcome = render_frames(&config, "spin", &compiled, Model::Param, &[0]);
    let error = outcome.result.clone().unwrap_err();
    assert_eq!(error.kind, ErrorKind::Timeout, "{error}");
    assert_eq!(error.frame, Some(0));
    assert_eq!(outcome.retries(), 1);
    assert_eq!(
        outcome.attempts.iter().map(|a| a.error).collect::<Vec<_>>(),
        vec![Some(ErrorKind::Timeout); 2]
    );
    config.retry = scenebox_runtime::RetryPolicy::none();
    assert_eq!(
        render_frames(&config, "spin", &compiled, Model::Param, &[0]).retries(),
        0
    );
}

#[test]
fn props_reach_the_component() {
    let scene = fixture("scenes", "props-title-card");
    let compiled = compile_fixture(&scene);
    let props = json!({"title": "Hello from Rust", "subtitle": "props work", "color": "#ff0000"});
    let rendered = render_with(
        &RuntimeConfig::default(),
        &scene.stem,
        &compiled,
        Model::Param,
        &[60],
        props,
    )
    .result
    .unwrap();
    let text = rendered.frames[0].tree.text_content();
    assert!(text.contains("Hello from Rust"), "{text}");
}

#[test]
fn effects_state_and_delay_render_settle_before_a_frame_is_read() {
    let config = RuntimeConfig::default();
    let tsx = r#"
import { useEffect, useState } from 'react';
import { delayRender, continueRender } from 'remotion';
export default function S() {
  const [label, setLabel] = useState('loading');
  const [handle] = useState(() => delayRender('data'));
  useEffect(() => {
    const t = setTimeout(() => { setLabel('ready'); continueRender(handle); }, 500);
    return () => clearTimeout(t);
  }, [handle]);
  return <div>{label}</div>;
}
"#;
    let compiled = compile_inline("effects", tsx);
    for model in [Model::Phase1, Model::Param] {
        let rendered = render_frames(&config, "effects", &compiled, model, &[0])
            .result
            .unwrap();
        assert_eq!(rendered.frames[0].tree.text_content(), "ready", "{model:?}");
    }
}

#[test]
fn media_and_images_are_captured_with_their_sources() {
    let config = RuntimeConfig::default();
    let scene = fixture("scenes", "audio-intro-music");
    let rendered = render_frames(
        &config,
        &scene.stem,
        &compile_fixture(&scene),
        Model::Param,
        &[0, 60],
    )
    .result
    .unwrap();
    assert!(!rendered.media.is_empty());
    assert_eq!(rendered.media[0]["kind"], "audio");
    assert!(rendered.media[0]["src"]
        .as_str()
        .unwrap()
        .ends_with("music.mp3"));

    let scene = fixture("scenes", "logo-reveal-img");
    let rendered = render_frames(
        &config,
        &scene.stem,
        &compile_fixture(&scene),
        Model::Param,
        &[30],
    )
    .result
    .unwrap();
    let json = serde_json::to_string(&rendered.frames[0].tree).unwrap();
    assert!(
        json.contains("\"type\":\"img\"") && json.contains("logo.png"),
        "{json}"
    );
}

#[test]
fn missing_icons_and_avatars_warn_instead_of_failing() {
    let config = RuntimeConfig::default();
    let scene = fixture("scenes", "iconify-icon-grid");
    let rendered = render_frames(
        &config,
        &scene.stem,
        &compile_fixture(&scene),
        Model::Phase1,
        &[0],
    )
    .result
    .unwrap();
    assert!(
        rendered
            .warnings
            .iter()
            .any(|w| w["kind"] == "missing_icon"),
        "{:?}",
        rendered.warnings
    );

    let mut config = RuntimeConfig::default();
    let set = r#"{"prefix":"mdi","icons":{"home":{"body":"<path d=\"M10 20v-6h4v6\"/>"}},"width":24,"height":24}"#;
    config.host.icon_sets.insert("mdi".into(), set.into());
    let rendered = render_frames(
        &config,
        &scene.stem,
        &compile_fixture(&scene),
        Model::Param,
        &[0],
    )
    .result
    .unwrap();
    let json = serde_json::to_string(&rendered.frames[0].tree).unwrap();
    assert!(
        json.contains("M10 20v-6h4v6"),
        "the configured icon is drawn"
    );
}
