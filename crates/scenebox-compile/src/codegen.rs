//! Prints statements as JS plus a v3 source map back to the TSX.
//!
//! Statements are printed one at a time into [`Printed`] pieces that each start on a fresh
//! line at column 0, and artifacts are put together from pieces with an [`Assembler`]. That
//! lets the parameterized artifact reuse the Phase 1 text (and mappings) of every top-level
//! statement its rewrite left alone, instead of printing the whole scene a second time.

use std::ops::Range;

use swc_core::common::{sync::Lrc, BytePos, LineCol, SourceMap, Span};
use swc_core::ecma::{
    ast::Stmt,
    codegen::{text_writer::WriteJs, Config, Emitter, Node},
};

use crate::js_writer::MappingWriter;
use crate::source_map::{line_starts, LineIndex, MappingsText, PieceEncoder, PieceMappings};

/// The file name the source maps give the TSX.
pub const SOURCE_NAME: &str = "scene.tsx";

/// Generated code and its source map (JSON).
pub(crate) struct Generated {
    pub code: String,
    pub source_map: String,
}

/// Statements printed one after another, each a separately reusable piece.
pub(crate) struct Printed {
    code: Vec<u8>,
    /// TSX position → generated position; lines count from the start of their piece.
    positions: Vec<(BytePos, LineCol)>,
    /// The encoded mappings the pieces point into.
    mappings: Vec<u8>,
    pieces: Vec<Piece>,
}

/// One printed statement: its bytes, its positions and mappings, and how many lines it ends.
struct Piece {
    bytes: Range<usize>,
    positions: Range<usize>,
    mappings: PieceMappings,
    lines: u32,
}

/// Prints each statement of `stmts` as its own piece (already fixed up with whatever
/// parentheses the transforms made necessary), with its mappings into the TSX of `index`.
pub(crate) fn print_stmts<'s>(
    cm: &Lrc<SourceMap>,
    index: &LineIndex<'_>,
    stmts: impl IntoIterator<Item = &'s Stmt>,
) -> std::io::Result<Printed> {
    let mut printed = Printed {
        code: Vec::with_capacity(4096),
        positions: Vec::with_capacity(1024),
        mappings: Vec::with_capacity(2048),
        pieces: Vec::new(),
    };
    let mut encoder = PieceEncoder::new(index);
    for stmt in stmts {
        let (bytes_start, positions_start) = (printed.code.len(), printed.positions.len());
        // A fresh writer per statement counts lines from the statement's first line.
        let mut emitter = Emitter {
            cfg: Config::default(),
            cm: cm.clone(),
            comments: None,
            wr: MappingWriter::new(&mut printed.code, &mut printed.positions),
        };
        stmt.emit_with(&mut emitter)?;
        emitter.wr.write_line()?;
        let bytes = bytes_start..printed.code.len();
        let positions = positions_start..printed.positions.len();
        printed.pieces.push(Piece {
            lines: count_newlines(&printed.code[bytes.clone()]),
            mappings: encoder.encode(&printed.positions[positions.clone()], &mut printed.mappings),
            bytes,
            positions,
        });
    }
    Ok(printed)
}

/// A replacement of one `window.NAME` read in a printed statement (`window["NAME"]` too).
#[derive(Debug, Clone)]
pub(crate) struct TextEdit {
    /// The member expression's span in the TSX.
    pub span: Span,
    /// The property read from `window`.
    pub name: String,
    /// What the read becomes (an expression that needs no parentheses where it lands).
    pub replacement: String,
}

/// Where a [`TextEdit`] lands in a printed piece.
struct Landed<'e> {
    line: u32,
    col: u32,
    bytes: Range<usize>,
    edit: &'e TextEdit,
}

/// The length of the read of `window.NAME`, `window["NAME"]` or `window['NAME']` that `code`
/// starts with, if it does (`window.Remotion` is not the start of `window.RemotionShapes`).
fn window_read_len(code: &[u8], name: &str) -> Option<usize> {
    let after_window = code.strip_prefix(b"window")?;
    let name = name.as_bytes();
    if let Some(rest) = after_window.strip_prefix(b".") {
        let rest = rest.strip_prefix(name)?;
        let continues = rest
            .first()
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | 0x80..));
        return (!continues).then_some("window.".len() + name.len());
    }
    let quote = *after_window.strip_prefix(b"[")?.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let rest = after_window[2..].strip_prefix(name)?;
    (rest.first() == Some(&quote) && rest.get(1) == Some(&b']'))
        .then_some("window[\"\"]".len() + name.len())
}

fn count_newlines(bytes: &[u8]) -> u32 {
    memchr::memchr_iter(b'\n', bytes).count() as u32
}

impl Printed {
    /// How many statements were printed.
    pub fn len(&self) -> usize {
        self.pieces.len()
    }

    /// How many bytes of code were printed.
    pub fn len_bytes(&self) -> usize {
        self.code.len()
    }

    /// Piece `index` with `edits` applied to its text, as a printed piece of its own (its
    /// mappings moved along), so that a statement whose only change is a few `window` reads
    /// is not printed again. `None` when an edit does not land exactly once on the text it
    /// replaces (the caller then prints the rewritten statement).
    pub fn splice(
        &self,
        index: usize,
        edits: &[TextEdit],
        lines: &LineIndex<'_>,
    ) -> Option<Printed> {
        let piece = &self.pieces[index];
        let code = &self.code[piece.bytes.clone()];
        let positions = &self.positions[piece.positions.clone()];
        let line_starts = line_starts(code);
        let mut landed: Vec<Landed<'_>> = Vec::with_capacity(edits.len());
        for edit in edits {
            // Several nodes can start where the read starts (a call of it, or everything an
            // import was lowered to): the read is where its text is.
            let mut places = positions
                .iter()
                .filter(|(pos, _)| *pos == edit.span.lo)
                .map(|(_, at)| (at.line, at.col))
                .collect::<Vec<_>>();
            places.dedup();
            let mut matches = places.into_iter().filter_map(|(line, col)| {
                let line_start = *line_starts.get(line as usize)?;
                let start = line_start + col as usize;
                // Columns count UTF-16 units: bytes only on an ASCII prefix.
                if !code.get(line_start..start)?.is_ascii() {
                    return None;
                }
                let len = window_read_len(&code[start..], &edit.name)?;
                Some((line, col, start..start + len))
            });
            let (Some((line, col, bytes)), None) = (matches.next(), matches.next()) else {
                return None;
            };
            landed.push(Landed {
                line,
                col,
                bytes,
                edit,
            });
        }
        landed.sort_by_key(|place| place.bytes.start);
        if landed
            .windows(2)
            .any(|pair| pair[0].bytes.end > pair[1].bytes.start)
        {
            return None;
        }

        let mut spliced = Printed {
            code: Vec::with_capacity(code.len()),
            positions: Vec::with_capacity(positions.len()),
            mappings: Vec::new(),
            pieces: Vec::with_capacity(1),
        };
        let mut copied = 0;
        for place in &landed {
            spliced
                .code
                .extend_from_slice(&code[copied..place.bytes.start]);
            spliced
                .code
                .extend_from_slice(place.edit.replacement.as_bytes());
            copied = place.bytes.end;
        }
        spliced.code.extend_from_slice(&code[copied..]);
        for (pos, at) in positions {
            // Positions inside a replaced read go; later ones on its line move with it.
            let mut col = at.col as i64;
            let mut inside = false;
            for place in landed.iter().filter(|place| place.line == at.line) {
                let old_len = place.bytes.len() as u32;
                if at.col > place.col && at.col < place.col + old_len {
                    inside = true;
                } else if at.col >= place.col + old_len {
                    col += place.edit.replacement.len() as i64 - old_len as i64;
                }
            }
            if !inside {
                spliced.positions.push((
                    *pos,
                    LineCol {
                        line: at.line,
                        col: col as u32,
                    },
                ));
            }
        }
        let mappings = PieceEncoder::new(lines).encode(&spliced.positions, &mut spliced.mappings);
        spliced.pieces.push(Piece {
            bytes: 0..spliced.code.len(),
            positions: 0..spliced.positions.len(),
            mappings,
            lines: piece.lines,
        });
        Some(spliced)
    }
}

/// Puts an artifact together from hand-written lines and printed pieces, keeping every
/// piece's mappings on the generated lines where the piece lands.
pub(crate) struct Assembler {
    code: Vec<u8>,
    mappings: MappingsText,
    line: u32,
}

impl Assembler {
    /// An empty artifact with room for about `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            code: Vec::with_capacity(capacity),
            mappings: MappingsText::with_capacity(capacity / 2),
            line: 0,
        }
    }

    /// Appends generated lines (no mappings). `text` must end with a newline, so that every
    /// piece starts at column 0.
    pub fn push_lines(&mut self, text: &str) {
        debug_assert!(text.ends_with('\n'));
        self.code.extend_from_slice(text.as_bytes());
        self.line += count_newlines(text.as_bytes());
    }

    /// Appends piece `index` of `printed`.
    pub fn push_piece(&mut self, printed: &Printed, index: usize) {
        let piece = &printed.pieces[index];
        self.code
            .extend_from_slice(&printed.code[piece.bytes.clone()]);
        self.mappings
            .push(&piece.mappings, &printed.mappings, self.line);
        self.line += piece.lines;
    }

    /// Appends every piece of `printed`, in order.
    pub fn push_all(&mut self, printed: &Printed) {
        for index in 0..printed.len() {
            self.push_piece(printed, index);
        }
    }

    /// The code and its source map.
    pub fn finish(self) -> std::io::Result<Generated> {
        Ok(Generated {
            code: String::from_utf8(self.code).map_err(std::io::Error::other)?,
            source_map: self.mappings.finish(SOURCE_NAME),
        })
    }
}

#[cfg(test)]
mod tests {
    use swc_core::common::DUMMY_SP;

    use super::*;

    /// One printed piece, `const a = window.RemotionShapes.x;` (the TSX is the same text), with
    /// positions of `const`, of the read and of `x`.
    fn piece(index: &LineIndex<'_>) -> Printed {
        let code = b"const a = window.RemotionShapes.x;\n".to_vec();
        let at = |col| LineCol { line: 0, col };
        let positions = vec![
            (BytePos(1), at(0)),
            (BytePos(11), at(10)),
            (BytePos(33), at(32)),
        ];
        let mut mappings = Vec::new();
        let encoded = PieceEncoder::new(index).encode(&positions, &mut mappings);
        Printed {
            pieces: vec![Piece {
                bytes: 0..code.len(),
                positions: 0..positions.len(),
                mappings: encoded,
                lines: 1,
            }],
            code,
            positions,
            mappings,
        }
    }

    fn edit(name: &str, replacement: &str) -> TextEdit {
        TextEdit {
            span: Span::new(BytePos(11), BytePos(11 + 7 + name.len() as u32)),
            name: name.to_string(),
            replacement: replacement.to_string(),
        }
    }

    #[test]
    fn an_edit_replaces_exactly_the_read_it_names() {
        let tsx = "const a = window.RemotionShapes.x;\n";
        let index = LineIndex::new(tsx, BytePos(1));
        let printed = piece(&index);
        let spliced = printed
            .splice(0, &[edit("RemotionShapes", "Shapes")], &index)
            .expect("the read is where its span says");
        assert_eq!(spliced.code, b"const a = Shapes.x;\n");
        // The `x` after the read moved left by what the replacement is shorter.
        assert_eq!(spliced.positions[2].1, LineCol { line: 0, col: 17 });
        // `window.Remotion` is only the start of this read: not an edit of it.
        assert!(printed
            .splice(0, &[edit("Remotion", "Remotion")], &index)
            .is_none());
        // A read whose position is nowhere in the piece is not edited either.
        let elsewhere = TextEdit {
            span: DUMMY_SP,
            ..edit("RemotionShapes", "Extras.RemotionShapes")
        };
        assert!(printed.splice(0, &[elsewhere], &index).is_none());
    }

    #[test]
    fn window_reads_are_recognised_in_every_printed_form() {
        let len = |code: &str| window_read_len(code.as_bytes(), "Remotion");
        assert_eq!(len("window.Remotion.spring"), Some(15));
        assert_eq!(len("window.Remotion;"), Some(15));
        assert_eq!(len("window.Remotion"), Some(15));
        assert_eq!(len("window[\"Remotion\"].x"), Some(18));
        assert_eq!(len("window['Remotion'];"), Some(18));
        assert_eq!(len("window.RemotionShapes"), None);
        assert_eq!(len("window.Remotion_"), None);
        assert_eq!(len("window.Remotion$"), None);
        assert_eq!(len("window[\"Remotion'].x"), None);
        assert_eq!(len("window[\"RemotionShapes\"]"), None);
        assert_eq!(len("window[Remotion]"), None);
        assert_eq!(len("windows.Remotion"), None);
        assert_eq!(len("window.React"), None);
    }
}
