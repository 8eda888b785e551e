//! The parameterized artifact reads nothing from `window` or the other dependency globals,
//! checked on the AST of the generated code (resolved scopes), never with text search.

use std::collections::BTreeSet;

use scenebox_compile::{compile, EXTRAS, PHASE1_ONLY_GLOBALS};
use swc_core::common::{sync::Lrc, FileName, Globals, Mark, SourceMap, SyntaxContext, GLOBALS};
use swc_core::ecma::{
    ast::{EsVersion, Ident, Program},
    parser::{parse_file_as_script, Syntax},
    transforms::base::resolver,
    visit::{Visit, VisitWith},
};

use crate::fixture::load;

/// Free (unresolved) identifiers of `body` run as `function (params…) { body }`.
pub fn free_identifiers(params: &[&str], body: &str) -> BTreeSet<String> {
    GLOBALS.set(&Globals::new(), || {
        let cm: Lrc<SourceMap> = Default::default();
        let source = format!("(function ({}) {{\n{body}\n}});", params.join(", "));
        let fm = cm.new_source_file(Lrc::new(FileName::Anon), source);
        let script = parse_file_as_script(
            &fm,
            Syntax::Es(Default::default()),
            EsVersion::latest(),
            None,
            &mut vec![],
        )
        .unwrap_or_else(|e| panic!("generated code does not parse: {:?}\n{body}", e.kind()));
        let unresolved = Mark::new();
        let mut program = Program::Script(script);
        program.mutate(resolver(unresolved, Mark::new(), false));
        struct Free(SyntaxContext, BTreeSet<String>);
        impl Visit for Free {
            fn visit_ident(&mut self, ident: &Ident) {
                if ident.ctxt == self.0 {
                    self.1.insert(ident.sym.to_string());
                }
            }
        }
        let mut free = Free(
            SyntaxContext::empty().apply_mark(unresolved),
            BTreeSet::new(),
        );
        program.visit_with(&mut free);
        free.1
    })
}

#[test]
fn no_param_artifact_reads_window_or_dependency_globals() {
    let forbidden: Vec<&str> = ["window", "Remotion"]
        .into_iter()
        .chain(EXTRAS.iter().copied())
        .chain(
            PHASE1_ONLY_GLOBALS
                .iter()
                .copied()
                .filter(|g| *g != "ReactDOM"),
        )
        .collect();
    let mut scenes_reading_window_in_phase1 = 0;
    for scene in load("scenes") {
        let compiled = compile(&scene.name, &scene.tsx).unwrap();
        let free = free_identifiers(&["Remotion", "Extras"], &compiled.param.code);
        for name in &forbidden {
            assert!(
                !free.contains(*name),
                "{}: param artifact reads global `{name}`",
                scene.name
            );
        }
        let phase1_free = free_identifiers(&[], &compiled.phase1.code);
        if phase1_free.contains("window") {
            scenes_reading_window_in_phase1 += 1;
        }
    }
    // The check above must be able to fail: Phase 1 artifacts do read `window`.
    assert!(scenes_reading_window_in_phase1 > 10);
}

#[test]
fn free_identifier_check_sees_window_reads() {
    let free = free_identifiers(
        &["Remotion"],
        "const x = window.Remotion; const window2 = 1; return Remotion;",
    );
    assert!(free.contains("window"));
    assert!(!free.contains("Remotion"));
}

#[test]
fn scenes_that_declare_remotion_or_extras_still_get_the_parameters() {
    let tsx = r#"
const Remotion = window.Remotion;
const { AbsoluteFill } = Remotion;
function Inner() { const Extras = 3; return <AbsoluteFill>{Extras}</AbsoluteFill>; }
export default function S() { return <Inner />; }
"#;
    let compiled = compile("shadow", tsx).unwrap();
    let free = free_identifiers(&["Remotion", "Extras"], &compiled.param.code);
    assert!(
        !free.contains("window") && !free.contains("React"),
        "{free:?}"
    );
    assert!(
        compiled.param.code.contains("const Remotion = Remotion$1"),
        "{}",
        compiled.param.code
    );
}

#[test]
fn statements_without_window_reads_are_printed_once_and_reused() {
    let tsx = r#"
function Title({ text }: { text: string }) {
  return <h1 style={{ color: 'red' }}>{text}</h1>;
}
export default function S() {
  const { AbsoluteFill } = window.Remotion;
  return <AbsoluteFill><Title text="hi" /></AbsoluteFill>;
}
"#;
    let compiled = compile("reuse", tsx).unwrap();
    let (phase1, param) = (&compiled.phase1.code, &compiled.param.code);
    // The helper reads only the free `React` of its JSX: same text in both artifacts, with
    // `React` declared once from `Extras` in the outer function.
    let start = phase1.find("function Title").unwrap();
    let helper = &phase1[start..start + phase1[start..].find("\n}\n").unwrap() + 3];
    assert!(helper.contains("React.createElement"), "{phase1}");
    assert!(param.contains(helper), "{param}");
    assert_eq!(
        param.matches("const React = Extras.React;").count(),
        1,
        "{param}"
    );
    // The component reads `window.Remotion`: rewritten, not reused.
    assert!(
        param.contains("const { AbsoluteFill } = Remotion;"),
        "{param}"
    );
    let free = free_identifiers(&["Remotion", "Extras"], param);
    assert!(free.is_empty(), "{free:?}");
}

#[test]
fn a_dependency_name_the_scene_also_declares_with_var_still_parses() {
    // `var React` inside a top-level block shares the scene's scope with the free `React`
    // of the JSX. The declaration from `Extras` lives in the outer function, so the scene's
    // own `var` shadows it (as it shadows the global in Phase 1) instead of colliding.
    let tsx = r#"
if (true) { var React = window.React; }
export default function S() { return <div>hi</div>; }
"#;
    let compiled = compile("var-react", tsx).unwrap();
    let free = free_identifiers(&["Remotion", "Extras"], &compiled.param.code);
    assert!(free.is_empty(), "{free:?}\n{}", compiled.param.code);
}

#[test]
fn shorthand_properties_of_dependencies_read_the_parameters() {
    let tsx = r#"
export default function S() {
  const deps = { React, window, LucideIcons };
  return <div>{Object.keys(deps).length}</div>;
}
"#;
    let compiled = compile("shorthand", tsx).unwrap();
    let param = &compiled.param.code;
    let free = free_identifiers(&["Remotion", "Extras"], param);
    for name in ["window", "React", "LucideIcons"] {
        assert!(!free.contains(name), "{name} is free: {free:?}\n{param}");
    }
    assert!(
        param.contains("const React = Extras.React, LucideIcons = Extras.LucideIcons;"),
        "{param}"
    );
    assert!(param.contains("window: ({"), "{param}");
}
