//! The content-hash cache returns the stored artifacts for identical TSX.

use std::sync::Arc;

use scenebox_compile::Compiler;

#[test]
fn identical_tsx_is_served_from_the_cache() {
    let compiler = Compiler::new(16);
    let tsx = "export default function A() { return <div>a</div>; }";
    let first = compiler.compile("a", tsx).unwrap();
    let second = compiler.compile("a-again", tsx).unwrap();
    assert!(Arc::ptr_eq(&first, &second));
    let stats = compiler.stats();
    assert_eq!((stats.hits, stats.misses, stats.entries), (1, 1, 1));

    let changed = compiler
        .compile("b", "export default function B() { return null; }")
        .unwrap();
    assert!(!Arc::ptr_eq(&first, &changed));
    assert_eq!(compiler.stats().misses, 2);
}

#[test]
fn failures_are_not_cached_and_a_full_cache_starts_over() {
    let compiler = Compiler::new(2);
    assert!(compiler.compile("bad", "export default (").is_err());
    assert!(compiler.compile("bad", "export default (").is_err());
    assert_eq!(compiler.stats().entries, 0);
    for i in 0..3 {
        compiler
            .compile(
                "s",
                &format!("export default function S{i}() {{ return null; }}"),
            )
            .unwrap();
    }
    assert!(compiler.stats().entries <= 2);
}
