//! Source maps lead from generated code back to the TSX line:column.

use scenebox_compile::{compile, ArtifactModel};

#[test]
fn a_generated_call_maps_back_to_its_tsx_position() {
    let tsx = "import { interpolate } from 'remotion';\ntype P = { a: number };\nexport default function S() {\n  const v: number = interpolate(1, [0, 1], [0, 1]);\n  return <div>{v}</div>;\n}\n";
    let compiled = compile("map", tsx).unwrap();
    for model in [ArtifactModel::Phase1, ArtifactModel::Param] {
        let artifact = compiled.artifact(model);
        let (index, text) = artifact
            .code
            .lines()
            .enumerate()
            .find(|(_, line)| line.contains("interpolate(1"))
            .expect("the call is in the output");
        let column = text.find("interpolate(1").unwrap() as u32 + 1;
        let original = artifact.original_position(index as u32 + 1, column);
        assert_eq!(original, Some((4, 21)), "{model:?}\n{}", artifact.code);
    }
}

/// A called name in a line of generated code.
struct Call<'a> {
    start: usize,
    name: &'a str,
}

impl Call<'_> {
    fn as_str(&self) -> &str {
        self.name
    }
}

/// Every `name(` in `line` (not `.name(`: a property call may be made up by the lowering of
/// an import) whose name starts lower-case and has at least four characters, outside string
/// literals.
fn calls(line: &str) -> Vec<Call<'_>> {
    let bytes = line.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let mut found = Vec::new();
    let (mut i, mut quote) = (0, None::<u8>);
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(_) if b == b'\\' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if b.is_ascii_lowercase()
                && (i == 0 || !word(bytes[i - 1]) && bytes[i - 1] != b'.') =>
            {
                let end = (i..bytes.len())
                    .find(|&j| !word(bytes[j]))
                    .unwrap_or(bytes.len());
                if end - i >= 4 && bytes.get(end) == Some(&b'(') {
                    found.push(Call {
                        start: i,
                        name: &line[i..end],
                    });
                }
                i = end;
                continue;
            }
            None => {}
        }
        i += 1;
    }
    found
}

/// UTF-16 column (1-based) → byte offset within `line`.
fn byte_offset(line: &str, utf16_column: u32) -> Option<usize> {
    let mut units = 0u32;
    for (offset, ch) in line.char_indices() {
        if units + 1 == utf16_column {
            return Some(offset);
        }
        units += ch.len_utf16() as u32;
    }
    (units + 1 == utf16_column).then_some(line.len())
}

#[test]
fn every_call_in_every_artifact_maps_to_the_same_call_in_the_tsx() {
    // Calls of the scene's own functions and hooks (`interpolate(`, `useCurrentFrame(`, …):
    // where the generated code has one, the source map must lead to that name in the TSX,
    // in the Phase 1 artifact and in the parameterized one (whose unchanged statements are
    // Phase 1's text moved to other lines).
    let mut checked = 0;
    for scene in crate::fixture::load("scenes") {
        let compiled = compile(&scene.name, &scene.tsx).unwrap();
        let tsx_lines: Vec<&str> = scene.tsx.lines().collect();
        for model in [ArtifactModel::Phase1, ArtifactModel::Param] {
            let artifact = compiled.artifact(model);
            for (index, line) in artifact.code.lines().enumerate() {
                for name in calls(line) {
                    if !scene.tsx.contains(&format!("{}(", name.as_str())) {
                        continue;
                    }
                    let column = line[..name.start].encode_utf16().count() as u32 + 1;
                    let (src_line, src_column) = artifact
                        .original_position(index as u32 + 1, column)
                        .unwrap_or_else(|| {
                            panic!("{} {model:?}: no mapping for `{line}`", scene.name)
                        });
                    let source = tsx_lines[src_line as usize - 1];
                    let at = byte_offset(source, src_column).unwrap();
                    assert!(
                        source[at..].starts_with(name.as_str()),
                        "{} {model:?}: `{}` at {}:{} maps to {src_line}:{src_column} `{}`",
                        scene.name,
                        name.as_str(),
                        index + 1,
                        column,
                        &source[at..]
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 500, "only {checked} calls checked");
}

#[test]
fn window_reads_edited_into_phase1_text_keep_the_rest_of_their_line_mapped() {
    // The parameterized artifact takes a statement whose only change is `window.NAME` reads
    // from Phase 1's text with the reads replaced: what follows a read on its line moves
    // left, and its mappings with it.
    let tsx = "function helper(n: number) { return n; }\nexport default function S() {\n  const v = window.Remotion.random('a') + window['LucideIcons'].size + window.missing + helper(2);\n  return <div>{v}</div>;\n}\n";
    let compiled = compile("edits", tsx).unwrap();
    let param = compiled.artifact(ArtifactModel::Param);
    let (index, line) = param
        .code
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains("helper(2)"))
        .expect("the statement is in the output");
    assert_eq!(
        line.trim(),
        "const v = Remotion.random('a') + Extras.LucideIcons.size + (void 0) + helper(2);"
    );
    let mapped = |needle: &str| {
        let column = line.find(needle).unwrap() as u32 + 1;
        param.original_position(index as u32 + 1, column)
    };
    let tsx_column = |needle: &str| tsx.lines().nth(2).unwrap().find(needle).unwrap() as u32 + 1;
    assert_eq!(mapped("helper(2)"), Some((3, tsx_column("helper(2)"))));
    assert_eq!(
        mapped("Remotion.random"),
        Some((3, tsx_column("window.Remotion")))
    );
    assert_eq!(
        mapped("Extras.LucideIcons"),
        Some((3, tsx_column("window['LucideIcons']")))
    );
    assert_eq!(mapped("(void 0)"), Some((3, tsx_column("window.missing"))));
}
