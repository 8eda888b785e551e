//! Prints statements as JS plus a v3 source map back to the TSX.
//!
//! Statements are printed one at a time into [`Printed`] pieces that each start on a fresh
//! line at column 0, and artifacts are put together from pieces with an [`Assembler`]. That
//! lets the parameterized artifact reuse the Phase 1 text (and mappings) of every top-level
//! statement its rewrite left alone, instead of printing the whole scene a second time.

use std::ops::Range;

use swc_core::common::{sync::Lrc, BytePos, LineCol, SourceMap};
use swc_core::ecma::{
    ast::Stmt,
    codegen::{text_writer::WriteJs, Config, Emitter, Node},
};

use crate::js_writer::MappingWriter;
use crate::source_map::{LineIndex, MappingsText, PieceEncoder, PieceMappings};

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
    /// The encoded mappings the pieces point into.
    mappings: Vec<u8>,
    pieces: Vec<Piece>,
}

/// One printed statement: its bytes, its mappings and how many lines it ends.
struct Piece {
    bytes: Range<usize>,
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
        mappings: Vec::with_capacity(2048),
        pieces: Vec::new(),
    };
    let mut encoder = PieceEncoder::new(index);
    let mut positions: Vec<(BytePos, LineCol)> = Vec::with_capacity(256);
    for stmt in stmts {
        let bytes_start = printed.code.len();
        positions.clear();
        // A fresh writer per statement counts lines from the statement's first line.
        let mut emitter = Emitter {
            cfg: Config::default(),
            cm: cm.clone(),
            comments: None,
            wr: MappingWriter::new(&mut printed.code, &mut positions),
        };
        stmt.emit_with(&mut emitter)?;
        emitter.wr.write_line()?;
        let bytes = bytes_start..printed.code.len();
        let lines = count_newlines(&printed.code[bytes.clone()]);
        printed.pieces.push(Piece {
            bytes,
            mappings: encoder.encode(&positions, &mut printed.mappings),
            lines,
        });
    }
    Ok(printed)
}

fn count_newlines(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|b| **b == b'\n').count() as u32
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
