//! The start-up snapshot: the JS host bundle (React, Remotion, the extras and the frame
//! renderer) evaluated once per process into a V8 snapshot that every scene isolate starts
//! from.

use std::sync::OnceLock;

use deno_core::{JsRuntime, JsRuntimeForSnapshot, RuntimeOptions};

/// The committed bundle built from `js/` (see js/README.md).
pub const HOST_BUNDLE: &str = include_str!("../js/dist/scenebox-host.js");

/// Initialises V8 once per process (before any isolate exists).
pub(crate) fn init_v8() {
    static INIT: OnceLock<()> = OnceLock::new();
    INIT.get_or_init(|| {
        // Determinism: `Intl` and `Date` formatting see en-US in UTC whatever the machine's
        // LANG and TZ are. ICU reads TZ when V8 first needs the zone, after this point.
        if std::env::var("TZ").as_deref() != Ok("UTC") {
            std::env::set_var("TZ", "UTC");
        }
        deno_core::v8::icu::set_default_locale("en-US");
        // Regular (not snapshotting) mode for the whole process; the snapshot below is
        // still taken, just without `--predictable`.
        JsRuntime::init_platform(None);
    });
}

/// A small scene that walks the common React and Remotion code paths (hooks, Sequence,
/// Series, interpolate, spring, colours), so their bytecode is compiled into the snapshot
/// instead of on every scene's first frame. It leaves nothing mounted behind.
const WARM_UP_SCENE: &str = r#"(() => {
  const host = globalThis.SceneboxHost;
  host.installDeterminism('scenebox-warm-up');
  const extras = host.createExtras({});
  const R = host.Remotion;
  const React = extras.React;
  const h = React.createElement;
  function Item({ i }) {
    const frame = R.useCurrentFrame();
    const { fps } = R.useVideoConfig();
    const scale = R.spring({ frame: frame - i, fps, config: { damping: 12 } });
    return h('div', { style: { transform: `scale(${scale})`, opacity: R.interpolate(frame, [0, 10], [0, 1], { extrapolateRight: 'clamp', easing: R.Easing.out(R.Easing.cubic) }) } }, `item ${i}`);
  }
  function WarmUp() {
    const frame = R.useCurrentFrame();
    const [state, setState] = React.useState(0);
    const value = React.useMemo(() => R.random('warm-up'), []);
    const ref = React.useRef(null);
    React.useEffect(() => { if (state === 0) setState(1); }, [state]);
    const color = R.interpolateColors(frame, [0, 10], ['#000000', '#ffffff']);
    return h(R.AbsoluteFill, { style: { backgroundColor: color } },
      h(R.Sequence, { from: 0, durationInFrames: 10 }, [0, 1, 2].map((i) => h(Item, { key: i, i }))),
      h(R.Series, null, h(R.Series.Sequence, { durationInFrames: 5 }, h('span', { ref }, String(state + value)))),
      h('svg', { viewBox: '0 0 10 10' }, h('path', { d: 'M0 0L10 10', stroke: 'red' })));
  }
  host.mount(WarmUp, { width: 1920, height: 1080, fps: 30, durationInFrames: 30 }, {});
})()"#;

/// Renders [`WARM_UP_SCENE`] for a few frames, settling each like a real job, then unmounts.
fn warm_up(runtime: &mut JsRuntimeForSnapshot) {
    let run = |runtime: &mut JsRuntimeForSnapshot, code: &'static str| {
        runtime
            .execute_script("scenebox-warm-up.js", code)
            .unwrap_or_else(|e| panic!("the snapshot warm-up failed: {e}"));
    };
    run(runtime, WARM_UP_SCENE);
    for frame in [
        "SceneboxHost.renderFrame(0)",
        "SceneboxHost.renderFrame(4)",
        "SceneboxHost.renderFrame(8)",
    ] {
        run(runtime, frame);
        for _ in 0..8 {
            {
                deno_core::scope!(scope, runtime);
                scope.perform_microtask_checkpoint();
            }
            run(runtime, "SceneboxHost.step()");
        }
        run(runtime, "JSON.stringify(SceneboxHost.readFrame())");
    }
    run(runtime, "SceneboxHost.unmount()");
}

/// The snapshot bytes, built on first use.
pub fn startup_snapshot() -> &'static [u8] {
    static SNAPSHOT: OnceLock<&'static [u8]> = OnceLock::new();
    SNAPSHOT.get_or_init(|| {
        init_v8();
        crate::tokio_context::with_tokio(|| {
            let mut runtime = JsRuntimeForSnapshot::new(RuntimeOptions::default());
            runtime
                .execute_script("scenebox-host.js", HOST_BUNDLE)
                .unwrap_or_else(|e| panic!("the committed JS host bundle failed to evaluate: {e}"));
            warm_up(&mut runtime);
            let snapshot: &'static [u8] = Box::leak(runtime.snapshot());
            snapshot
        })
    })
}
