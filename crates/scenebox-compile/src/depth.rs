//! A cheap scan for bracket nesting before parsing: swc's parser and visitors recurse once
//! per level, so absurdly deep input is rejected with a clear error instead of exhausting
//! the stack.

/// The deepest bracket nesting (`(`, `[`, `{`) accepted in a scene.
pub const MAX_NESTING: usize = 1_000;

/// Where the nesting first went past [`MAX_NESTING`]: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooDeep {
    pub line: u32,
    pub column: u32,
}

/// The bytes the scan acts on.
const INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let bytes = b"\n/'\"([{)]}";
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// Scans `source` for bracket depth, skipping comments and string/template text. The scan is
/// approximate around regular expressions and JSX text, but only ever in the direction of
/// counting less than the parser will see for valid code of normal depth.
pub(crate) fn check_nesting(source: &str) -> Result<(), TooDeep> {
    let bytes = source.as_bytes();
    let (mut depth, mut line, mut line_start) = (0usize, 1u32, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes are none of the ones below: skip them in a tight loop.
        while i < bytes.len() && !INTERESTING[bytes[i] as usize] {
            i += 1;
        }
        if i == bytes.len() {
            break;
        }
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    if bytes[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                i += 2;
                continue;
            }
            quote @ (b'\'' | b'"') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    let column = source[line_start..i].chars().count() as u32 + 1;
                    return Err(TooDeep { line, column });
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_code_passes_and_deep_code_is_located() {
        assert!(check_nesting("const a = f((1), [2], {b: '((('}); // (((((").is_ok());
        let deep = format!(
            "let x = 1;\nconst y = {}1{};",
            "(".repeat(5000),
            ")".repeat(5000)
        );
        assert_eq!(
            check_nesting(&deep),
            Err(TooDeep {
                line: 2,
                column: 11 + MAX_NESTING as u32
            })
        );
    }
}
