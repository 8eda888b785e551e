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
