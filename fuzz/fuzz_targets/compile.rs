//! Fuzzes the TSX compiler: any input must yield artifacts or a typed error, never a panic,
//! a stack overflow or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: {
    // The compiler catches panics inside swc and reports them as `Internal` errors, which the
    // assertion below rejects; silence the hook so a caught panic is judged by that assertion.
    std::panic::set_hook(Box::new(|_| {}));
}, |data: &[u8]| {
    let tsx = String::from_utf8_lossy(data);
    if let Err(error) = scenebox_compile::compile("fuzz.tsx", &tsx) {
        assert!(error.line >= 1 && error.column >= 1);
        assert_ne!(error.kind, scenebox_compile::CompileErrorKind::Internal, "{error}");
    }
});
