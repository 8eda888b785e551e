//! Maps a JS stack trace onto the scene's TSX: finds the first frame in scene code and
//! translates its generated line:column through the artifact's source map.

use scenebox_compile::Artifact;

/// The TSX line:column of the first stack frame located in `resource` (the scene's script).
pub(crate) fn tsx_position(stack: &str, resource: &str, artifact: &Artifact) -> Option<(u32, u32)> {
    stack.lines().find_map(|line| {
        let at = line.find(resource)?;
        let rest = &line[at + resource.len()..];
        let rest = rest.strip_prefix(':')?;
        let mut numbers = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        let generated_line: u32 = numbers.next()?.parse().ok()?;
        let generated_column: u32 = numbers.next()?.parse().ok()?;
        artifact.original_position(generated_line, generated_column)
    })
}
