//! Hostile and malformed input yields typed errors, never a panic or a crash.

use scenebox_compile::{compile, CompileErrorKind, MAX_NESTING};

#[test]
fn deep_nesting_is_rejected_with_its_position() {
    let tsx = format!(
        "// deep\nconst x = {}1{};\nexport default () => null;",
        "(".repeat(30_000),
        ")".repeat(30_000)
    );
    let error = compile("deep", &tsx).unwrap_err();
    assert_eq!(error.kind, CompileErrorKind::TooDeep);
    assert_eq!((error.line, error.column), (2, 11 + MAX_NESTING as u32));
}

#[test]
fn nesting_just_under_the_limit_compiles_on_the_big_stack() {
    let depth = MAX_NESTING - 10;
    let tsx = format!(
        "const x = {}1{};\nexport default () => x;",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    compile("deep-ok", &tsx).unwrap();
    let jsx = format!(
        "export default () => {}{};",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    compile("deep-jsx", &jsx).unwrap();
}

#[test]
fn garbage_never_panics() {
    let inputs = [
        "",
        "\u{feff}",
        "<",
        "</>",
        "export default",
        "import",
        "`${",
        "/*",
        "'\\",
        "<div>{</div>",
        "export default <T,>() => <T>1</T>;",
        "enum E { A = 'a' } export default function S() { return E.A; }",
        "\0\0\0",
        "export default function S() { return <svg:rect />; }",
        "export default class extends React.Component { render() { return null; } }",
    ];
    for input in inputs {
        let _ = compile("garbage", input);
    }
    let bytes: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let _ = compile("noise", &String::from_utf8_lossy(&bytes));
}

#[test]
fn a_namespaced_member_tag_is_a_syntax_error_not_a_crash() {
    // swc's parser panics on this (found by the fuzz target); the compiler reports it.
    let error = compile("ns", "export default () => (\n  <div><a:b.c /></div>\n);\n").unwrap_err();
    assert_eq!(error.kind, CompileErrorKind::Syntax, "{error}");
    assert_eq!((error.line, error.column), (2, 8));
}

#[test]
fn syntax_errors_point_at_the_tsx() {
    let error = compile("s", "export default function S() {\n  return <div>;\n}\n").unwrap_err();
    assert_eq!(error.kind, CompileErrorKind::Syntax);
    assert_eq!(error.line, 3, "{error}");
    assert_eq!(
        error.to_string(),
        format!("s:{}:{}: {}", error.line, error.column, error.message)
    );
}
