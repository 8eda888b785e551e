//! Every file of `fixtures/invalid` fails with the kind, position and message its header
//! documents.

use scenebox_compile::compile;

use crate::fixture::load;

#[test]
fn every_invalid_fixture_fails_as_documented() {
    let fixtures = load("invalid");
    assert!(
        fixtures.len() >= 12,
        "only {} invalid fixtures",
        fixtures.len()
    );
    let mut kinds = std::collections::BTreeSet::new();
    for fixture in fixtures {
        let expect = fixture
            .header("expect-error")
            .unwrap_or_else(|| panic!("{}: no `// expect-error:` header", fixture.name));
        let (kind, position) = expect.split_once(' ').expect("`Kind line:column`");
        let (line, column) = position.split_once(':').expect("line:column");
        let contains = fixture
            .header("message-contains")
            .expect("`// message-contains:` header");
        let error = match compile(&fixture.name, &fixture.tsx) {
            Ok(_) => panic!("{} compiled but should fail with {expect}", fixture.name),
            Err(error) => error,
        };
        assert_eq!(error.kind.as_str(), kind, "{}: {error}", fixture.name);
        assert_eq!(
            (error.line.to_string(), error.column.to_string()),
            (line.to_string(), column.to_string()),
            "{}: {error}",
            fixture.name
        );
        assert!(
            error.message.contains(&contains),
            "{}: `{}` lacks `{contains}`",
            fixture.name,
            error.message
        );
        assert_eq!(error.scene, fixture.name);
        kinds.insert(kind.to_string());
    }
    for kind in [
        "Syntax",
        "UnknownImport",
        "NoComponent",
        "AmbiguousComponent",
        "TooDeep",
        "ExportForm",
    ] {
        assert!(kinds.contains(kind), "no invalid fixture of kind {kind}");
    }
}
