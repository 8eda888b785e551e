//! The start-up snapshot: the JS host bundle (React, Remotion, the extras and the frame
//! renderer) evaluated once per process into a V8 snapshot that every scene isolate starts
//! from.
//!
//! The snapshot is V8's own (`SnapshotCreator`), not a `JsRuntime`'s: scene isolates use
//! nothing of deno_core's JS layer (no ops, no modules, no event loop), and leaving it out
//! makes the snapshot smaller and each isolate faster to create (see `isolate.rs`).

use std::borrow::Cow;
use std::ffi::c_void;
use std::sync::OnceLock;

use deno_core::v8;

use crate::isolate::{caught, script_origin};

/// The committed bundle built from `js/` (see js/README.md).
pub const HOST_BUNDLE: &str = include_str!("../js/dist/scenebox-host.js");

/// The bundle as a V8 external string resource. Registered as an external reference, it lets
/// the snapshot point at these bytes instead of holding a 1.2 MB copy of the script source
/// (most of it icon data) that every isolate would deserialise.
// SAFETY: ASCII is checked before the resource is first used (`startup_snapshot`); build.mjs
// emits an ASCII bundle.
static HOST_SOURCE: v8::OneByteConst =
    unsafe { v8::String::create_external_onebyte_const_unchecked(HOST_BUNDLE.as_bytes()) };

/// The external references of the snapshot, the same list for the isolate that makes it and
/// for every isolate made from it.
pub(crate) fn external_references() -> Cow<'static, [v8::ExternalReference]> {
    Cow::Owned(vec![v8::ExternalReference {
        pointer: &HOST_SOURCE as *const v8::OneByteConst as *mut c_void,
    }])
}

/// V8's flags for the whole process, set before V8 starts: the native `queueMicrotask` the
/// bundle needs, no asm.js validation, and small number-to-string caches. V8 grows those caches
/// to 8192 and 4096 entries once they fill up (the warm-up fills them), and a full-size cache is
/// part of the snapshot, 190 KB that every isolate allocates and fills again; a miss costs
/// one conversion of a number to a string. Unlike deno_core's `JsRuntime::init_platform`
/// (which this replaced) no staged language features are switched on (`Float16Array`,
/// `using` declarations, source-phase imports, Temporal): V8 installs those into every new
/// context instead of keeping them in the snapshot, and scenes use none of them.
const V8_FLAGS: &str = "--no-validate-asm --enable-queue-microtask \
     --smi-string-cache-size=512 --double-string-cache-size=256";

/// Parameters of an isolate made from [`startup_snapshot`] (with the external references its
/// snapshot needs); callers add their limits.
pub(crate) fn snapshot_isolate_params() -> v8::CreateParams {
    v8::CreateParams::default()
        .snapshot_blob(v8::StartupData::from(startup_snapshot()))
        .external_references(external_references())
}

/// Initialises V8 once per process (before any isolate exists): its flags, platform, the
/// en-US locale and UTC.
pub(crate) fn init_v8() {
    static INIT: OnceLock<()> = OnceLock::new();
    INIT.get_or_init(|| {
        // Determinism: `Intl` and `Date` formatting see en-US in UTC whatever the machine's
        // LANG and TZ are. ICU reads TZ when V8 first needs the zone, after this point.
        if std::env::var("TZ").as_deref() != Ok("UTC") {
            std::env::set_var("TZ", "UTC");
        }
        deno_core::v8::icu::set_default_locale("en-US");
        v8::V8::set_flags_from_string(V8_FLAGS);
        // V8's own platform: its worker threads compile (Sparkplug, Maglev, TurboFan) and
        // collect garbage beside the job; foreground tasks it posts for a scene isolate are
        // never run and go with the isolate.
        let threads = std::thread::available_parallelism()
            .map(|n| n.get().min(4) as u32)
            .unwrap_or(2);
        v8::V8::initialize_platform(v8::new_default_platform(threads, false).make_shared());
        v8::V8::initialize();
    });
}

/// A small scene that walks the React and Remotion code paths the fixtures use most (hooks,
/// Sequence with premounting, Series, Loop, Freeze, Img, Audio, delayRender, interpolate with
/// each easing, spring, colours, random, staticFile, loadFont, the host limits) and draws one
/// icon of each pack and an Iconify icon, so their bytecode is compiled into the snapshot
/// instead of on every scene's first frame. It leaves `RemotionShapes` and `Rough` alone: few
/// scenes use them, and the bundle evaluates them on first use (js/lazy-modules.mjs), so the
/// snapshot holds none of their objects. The icon packs' indexes over their data (built on
/// first use) are then part of the snapshot too, as is the component of each icon drawn here:
/// both are the same in every job. It leaves nothing mounted behind.
const WARM_UP_SCENE: &str = r#"(() => {
  const host = globalThis.SceneboxHost;
  host.installDeterminism('scenebox-warm-up');
  host.setLimits(host.limits);
  const extras = host.createExtras({});
  const R = host.Remotion;
  const E = R.Easing;
  const React = extras.React;
  const h = React.createElement;
  const fonts = extras.RemotionGoogleFonts.loadFont('Inter', { weights: ['700'] });
  const easings = [E.out(E.cubic), E.inOut(E.quad), E.in(E.sin), E.out(E.bounce), E.back(1.5), E.exp,
    E.bezier(0.25, 0.1, 0.25, 1), E.elastic(1), E.ease, E.circle, E.poly(4), E.linear];
  function Item({ i }) {
    const frame = R.useCurrentFrame();
    const { fps } = R.useVideoConfig();
    const scale = R.spring({ frame: frame - i, fps, config: { damping: 12 } });
    return h('div', { style: { transform: `scale(${scale})`, opacity: R.interpolate(frame, [0, 10], [0, 1], { extrapolateRight: 'clamp', easing: easings[i] }) } }, `item ${i}`);
  }
  function Media() {
    const frame = R.useCurrentFrame();
    const [handle] = React.useState(() => R.delayRender('warm-up'));
    React.useEffect(() => { R.continueRender(handle); }, [handle]);
    const eased = easings.reduce((sum, easing) => sum + R.interpolate(frame, [0, 20], [0, 1], { easing, extrapolateLeft: 'clamp', extrapolateRight: 'clamp' }), 0);
    const settle = R.measureSpring({ fps: 30, config: { damping: 200 } });
    return h(R.AbsoluteFill, { style: { fontFamily: fonts.fontFamily } },
      h(R.Img, { src: R.staticFile('warm-up.png'), style: { width: 10 } }),
      h(R.Audio, { src: R.staticFile('warm-up.mp3'), volume: (f) => R.interpolate(f, [0, 10], [0, 1], { extrapolateRight: 'clamp' }) }),
      h(R.Loop, { durationInFrames: 10 }, h('b', null, String(eased + settle))),
      h(R.Freeze, { frame: 3 }, h('i', null, String(R.random(frame)))),
      h(R.Sequence, { from: 5, premountFor: 5 }, h('u', null, 'later')),
      h(extras.IconifyIcon, { icon: 'mdi:home' }));
  }
  function WarmUp() {
    const frame = R.useCurrentFrame();
    const [state, setState] = React.useState(0);
    const value = React.useMemo(() => R.random('warm-up'), []);
    const ref = React.useRef(null);
    React.useEffect(() => { if (state === 0) setState(1); }, [state]);
    const color = R.interpolateColors(frame, [0, 10], ['#000000', 'rgba(255, 255, 255, 0.5)']);
    return h(R.AbsoluteFill, { style: { backgroundColor: color } },
      h(R.Sequence, { from: 0, durationInFrames: 10 }, [0, 1, 2].map((i) => h(Item, { key: i, i }))),
      h(R.Series, null, h(R.Series.Sequence, { durationInFrames: 5 }, h('span', { ref }, String(state + value)))),
      h('svg', { viewBox: '0 0 10 10' }, h('path', { d: 'M0 0L10 10', stroke: 'red' })),
      h(extras.LucideIcons.Check, { size: 28, color: '#22C55E', strokeWidth: 3 }),
      h(extras.HeroiconsSolid.HomeIcon, { width: 24 }),
      h(extras.HeroiconsOutline.HomeIcon, { width: 24 }),
      h(Media));
  }
  host.mount(WarmUp, { width: 1920, height: 1080, fps: 30, durationInFrames: 30 }, {});
})()"#;

/// Takes the host object off the global object and hands it back, and refuses to grow
/// ArrayBuffers (resizable ones grow outside the capped allocator). Run last, after the
/// warm-up, so every isolate starts this way. The globals V8 itself installs in each new
/// context (`WebAssembly`, `SharedArrayBuffer`, …) are removed per context, by
/// `isolate.rs`: V8 adds them back while it bootstraps a context from the snapshot.
const LOCKDOWN: &str = r#"(() => {
  const host = globalThis.SceneboxHost;
  const proto = ArrayBuffer.prototype;
  const transfer = proto.transfer;
  const refuse = () => { throw new RangeError('resizing ArrayBuffers is disabled in scenes'); };
  const guardedTransfer = function (length) {
    if (length !== undefined && length > this.byteLength) refuse();
    return transfer.call(this, length);
  };
  Object.defineProperty(proto, 'resize', { value: refuse, writable: false, configurable: false });
  if (transfer) Object.defineProperty(proto, 'transfer', { value: guardedTransfer, writable: false, configurable: false });
  delete globalThis.SceneboxHost;
  return host;
})()"#;

/// Where the snapshot keeps the host object (`SceneboxHost`, no longer a global) for the host:
/// `get_context_data_from_snapshot_once(HOST_DATA_INDEX)` in each new context.
pub(crate) const HOST_DATA_INDEX: usize = 0;

/// A script run while making the snapshot.
#[derive(Clone, Copy)]
enum Source {
    /// [`HOST_BUNDLE`], as the external [`HOST_SOURCE`].
    Bundle,
    /// A short script, copied into the heap.
    Text(&'static str),
}

/// Runs `code` as a classic script named `name`; a throw here is a broken bundle, not a
/// scene's fault, so it panics with V8's message.
fn run_script(scope: &mut v8::PinScope<'_, '_>, name: &str, code: Source) -> v8::Global<v8::Value> {
    v8::tc_scope!(let tc, scope);
    let source = match code {
        Source::Bundle => v8::String::new_from_onebyte_const(tc, &HOST_SOURCE),
        Source::Text(text) => v8::String::new(tc, text),
    }
    .expect("the script fits in a V8 string");
    let name = v8::String::new(tc, name).expect("allocating a string");
    let origin = script_origin(tc, name);
    let result = v8::Script::compile(tc, source, Some(&origin)).and_then(|s| s.run(tc));
    let Some(result) = result else {
        panic!(
            "{} failed while building the start-up snapshot: {}",
            name.to_rust_string_lossy(tc),
            caught(tc).message
        );
    };
    v8::Global::new(tc, result)
}

/// Renders [`WARM_UP_SCENE`] for a few frames, settling each like a real job, then unmounts.
fn warm_up(scope: &mut v8::PinScope<'_, '_>) {
    run_script(scope, "scenebox-warm-up.js", Source::Text(WARM_UP_SCENE));
    for frame in [
        "SceneboxHost.renderFrame(0)",
        "SceneboxHost.renderFrame(4)",
        "SceneboxHost.renderFrame(8)",
    ] {
        run_script(scope, "scenebox-warm-up.js", Source::Text(frame));
        for _ in 0..8 {
            scope.perform_microtask_checkpoint();
            run_script(
                scope,
                "scenebox-warm-up.js",
                Source::Text("SceneboxHost.step()"),
            );
        }
        run_script(
            scope,
            "scenebox-warm-up.js",
            Source::Text("JSON.stringify(SceneboxHost.readFrame())"),
        );
    }
    run_script(
        scope,
        "scenebox-warm-up.js",
        Source::Text("SceneboxHost.unmount(); SceneboxHost.takeConsoleMessages()"),
    );
}

/// The snapshot bytes, built on first use: the bundle evaluated and warmed up in the default
/// context, compiled bytecode kept.
pub fn startup_snapshot() -> &'static [u8] {
    static SNAPSHOT: OnceLock<&'static [u8]> = OnceLock::new();
    SNAPSHOT.get_or_init(|| {
        init_v8();
        assert!(
            HOST_BUNDLE.is_ascii(),
            "the JS host bundle must be ASCII (js/build.mjs escapes everything else)"
        );
        let mut creator = v8::Isolate::snapshot_creator(Some(external_references()), None);
        creator.set_microtasks_policy(v8::MicrotasksPolicy::Explicit);
        {
            v8::scope!(let scope, &mut creator);
            let context = v8::Context::new(scope, Default::default());
            let scope = &mut v8::ContextScope::new(scope, context);
            run_script(scope, "scenebox-host.js", Source::Bundle);
            warm_up(scope);
            let host = run_script(scope, "scenebox-lockdown.js", Source::Text(LOCKDOWN));
            let host = v8::Local::new(scope, host);
            let host: v8::Local<v8::Object> = host
                .try_into()
                .expect("the host bundle defines SceneboxHost");
            let index = scope.add_context_data(context, host);
            assert_eq!(
                index, HOST_DATA_INDEX,
                "the host object is the context's first datum"
            );
            scope.set_default_context(context);
        }
        let blob = creator
            .create_blob(v8::FunctionCodeHandling::Keep)
            .expect("V8 could not serialise the start-up snapshot");
        let snapshot: &'static [u8] = Box::leak(blob.to_vec().into_boxed_slice());
        snapshot
    })
}
