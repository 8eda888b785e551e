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
            let snapshot: &'static [u8] = Box::leak(runtime.snapshot());
            snapshot
        })
    })
}
