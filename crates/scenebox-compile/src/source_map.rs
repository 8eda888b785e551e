//! A direct v3 source-map encoder for one TSX file: turns the code generator's
//! (TSX byte position → generated line:column) pairs into the `mappings` string. swc's
//! general-purpose builder looks every position up from scratch and was a fifth of the
//! compile time.

use std::ops::Range;

use swc_core::common::{source_map::SmallPos, BytePos, LineCol};

/// Line starts of the TSX, to turn byte offsets into line:column (UTF-16 columns, as source
/// maps count them).
pub(crate) struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset of the source within swc's global position space.
    base: u32,
    line_starts: Vec<usize>,
    /// An all-ASCII source has byte columns equal to UTF-16 columns (the common case).
    ascii: bool,
}

impl<'a> LineIndex<'a> {
    /// Indexes `source`, whose first byte swc numbers `base`.
    pub fn new(source: &'a str, base: BytePos) -> Self {
        Self {
            source,
            base: base.to_u32(),
            line_starts: line_starts(source.as_bytes()),
            ascii: source.is_ascii(),
        }
    }

    /// 0-based line and UTF-16 column of `pos`, or `None` for generated or foreign positions.
    #[cfg(test)]
    fn locate(&self, pos: BytePos) -> Option<(u32, u32)> {
        Locator::new(self).locate(pos)
    }
}

/// Byte offsets where the lines of `text` start (after each `\n`), the first one 0.
pub(crate) fn line_starts(text: &[u8]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 32 + 1);
    starts.push(0);
    starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
    starts
}

/// Looks positions up in a [`LineIndex`], starting from the line of the previous lookup:
/// the code generator's positions mostly move forward through the TSX.
struct Locator<'i, 'a> {
    index: &'i LineIndex<'a>,
    line: usize,
    /// Byte offsets where `line` starts and where the next line starts (`usize::MAX` after
    /// the last line).
    line_bytes: (usize, usize),
    /// A byte offset on `line` and its UTF-16 column, to count on from (non-ASCII sources).
    counted: (usize, usize),
}

impl<'i, 'a> Locator<'i, 'a> {
    fn new(index: &'i LineIndex<'a>) -> Self {
        let mut locator = Self {
            index,
            line: 0,
            line_bytes: (0, 0),
            counted: (0, 0),
        };
        locator.move_to(0);
        locator
    }

    fn move_to(&mut self, line: usize) {
        let starts = &self.index.line_starts;
        self.line = line;
        self.line_bytes = (
            starts[line],
            starts.get(line + 1).copied().unwrap_or(usize::MAX),
        );
        self.counted = (starts[line], 0);
    }

    #[inline]
    fn locate(&mut self, pos: BytePos) -> Option<(u32, u32)> {
        if pos.is_dummy() {
            return None;
        }
        let index = self.index;
        let offset = pos.to_u32().checked_sub(index.base)? as usize;
        if offset > index.source.len() {
            return None;
        }
        let (start, next) = self.line_bytes;
        if offset < start || offset >= next {
            let starts = &index.line_starts;
            let line = if offset >= next
                && starts
                    .get(self.line + 2)
                    .is_none_or(|after| offset < *after)
            {
                self.line + 1
            } else {
                starts.partition_point(|&start| start <= offset) - 1
            };
            self.move_to(line);
        }
        let line_start = self.line_bytes.0;
        let column = if index.ascii {
            offset - line_start
        } else {
            if !index.source.is_char_boundary(offset) {
                return None;
            }
            // Count UTF-16 units from the last position counted on this line when the
            // lookup moved forward, from the line start otherwise.
            let (from, from_column) = if self.counted.0 <= offset {
                self.counted
            } else {
                (line_start, 0)
            };
            let text = &index.source[from..offset];
            let column = from_column
                + if text.is_ascii() {
                    text.len()
                } else {
                    text.encode_utf16().count()
                };
            self.counted = (offset, column);
            column
        };
        Some((self.line as u32, column as u32))
    }
}

/// One source-map segment: a generated line and column (UTF-16) and the TSX line and column it
/// comes from, all 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    pub line: u32,
    pub col: u32,
    pub src_line: u32,
    pub src_col: u32,
}

/// The mappings of one printed piece, encoded once however many artifacts reuse the piece.
///
/// A piece starts on a line of its own, so every segment after its first is encoded relative
/// to segments of the same piece; only the first one's deltas depend on what precedes the
/// piece, and it is encoded where the piece lands.
#[derive(Debug, Clone)]
pub(crate) struct PieceMappings {
    /// The first segment, its line counted from the piece's first line (`None`: no mappings).
    first: Option<Segment>,
    /// The last segment, its line counted the same way.
    last: Option<Segment>,
    /// VLQ text of the later segments (each after its `,` or `;`s), in the printer's buffer.
    rest: Range<usize>,
}

/// Turns the code generator's (TSX position → generated line:column) pairs of one piece at a
/// time into [`PieceMappings`].
pub(crate) struct PieceEncoder<'i, 'a> {
    locator: Locator<'i, 'a>,
}

impl<'i, 'a> PieceEncoder<'i, 'a> {
    /// An encoder of positions in the TSX `index` was made of.
    pub fn new(index: &'i LineIndex<'a>) -> Self {
        Self {
            locator: Locator::new(index),
        }
    }

    /// Encodes `mappings` (in generated order, lines counted from the piece's first line),
    /// appending the text of all but the first segment to `out`. Positions that are not in
    /// the TSX are left out, as are repeats of the segment before.
    pub fn encode(&mut self, mappings: &[(BytePos, LineCol)], out: &mut Vec<u8>) -> PieceMappings {
        let begin = out.len();
        let mut first = None;
        let mut state = SegmentWriter::default();
        for (pos, generated) in mappings {
            let Some((src_line, src_col)) = self.locator.locate(*pos) else {
                continue;
            };
            let segment = Segment {
                line: generated.line,
                col: generated.col,
                src_line,
                src_col,
            };
            if first.is_none() {
                first = Some(segment);
                state.last = Some(segment);
                continue;
            }
            state.write(out, segment);
        }
        PieceMappings {
            first,
            last: state.last,
            rest: begin..out.len(),
        }
    }
}

/// Delta-encodes segments one after another.
#[derive(Default)]
struct SegmentWriter {
    /// The segment written last (lines as the caller counts them).
    last: Option<Segment>,
}

impl SegmentWriter {
    /// Appends `segment` (`;` for each line it moves down, else `,`); a repeat of the segment
    /// before is left out.
    #[inline]
    fn write(&mut self, out: &mut Vec<u8>, segment: Segment) {
        let previous = match self.last {
            Some(last) if last == segment => return,
            Some(last) => last,
            None => Segment {
                line: 0,
                col: 0,
                src_line: 0,
                src_col: 0,
            },
        };
        let mut previous_col = previous.col;
        if segment.line > previous.line {
            let lines = (segment.line - previous.line) as usize;
            if lines == 1 {
                out.push(b';');
            } else {
                out.resize(out.len() + lines, b';');
            }
            previous_col = 0;
        } else if self.last.is_some() {
            out.push(b',');
        }
        let col = zigzag(segment.col as i64 - previous_col as i64);
        let src_line = zigzag(segment.src_line as i64 - previous.src_line as i64);
        let src_col = zigzag(segment.src_col as i64 - previous.src_col as i64);
        // The source index is always `A` (the only source: a delta of 0).
        if (col | src_line | src_col) < 32 {
            // Most segments: three one-digit values, appended as one fixed-size copy.
            out.extend_from_slice(&[
                BASE64[col as usize],
                b'A',
                BASE64[src_line as usize],
                BASE64[src_col as usize],
            ]);
        } else {
            vlq(out, col);
            out.push(b'A');
            vlq(out, src_line);
            vlq(out, src_col);
        }
        self.last = Some(segment);
    }
}

/// The `mappings` of one artifact, put together from [`PieceMappings`].
pub(crate) struct MappingsText {
    text: Vec<u8>,
    segments: SegmentWriter,
}

impl MappingsText {
    /// Empty mappings, with room for about `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            text: Vec::with_capacity(capacity),
            segments: SegmentWriter::default(),
        }
    }

    /// Appends the mappings of a piece whose first line is generated line `line`; `rest` is
    /// the buffer `piece.rest` points into.
    pub fn push(&mut self, piece: &PieceMappings, rest: &[u8], line: u32) {
        let (Some(first), Some(last)) = (piece.first, piece.last) else {
            return;
        };
        let on_line = |segment: Segment| Segment {
            line: segment.line + line,
            ..segment
        };
        self.segments.write(&mut self.text, on_line(first));
        self.text.extend_from_slice(&rest[piece.rest.clone()]);
        self.segments.last = Some(on_line(last));
    }

    /// The source map JSON into the file called `source_name`.
    pub fn finish(self, source_name: &str) -> String {
        let mut out = Vec::with_capacity(self.text.len() + 96);
        out.extend_from_slice(br#"{"version":3,"sources":["#);
        match serde_json::to_vec(source_name) {
            Ok(name) => out.extend_from_slice(&name),
            Err(_) => out.extend_from_slice(br#""scene.tsx""#),
        }
        out.extend_from_slice(br#"],"names":[],"mappings":""#);
        out.extend_from_slice(&self.text);
        out.extend_from_slice(b"\"}");
        // Everything above is ASCII, and the name came from serde_json.
        String::from_utf8(out).unwrap_or_default()
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A VLQ's value before its digits: the magnitude shifted left, the sign in the lowest bit.
#[inline]
fn zigzag(value: i64) -> u64 {
    (value.unsigned_abs() << 1) | u64::from(value < 0)
}

/// Appends a [`zigzag`]ged value as base64 VLQ digits, five bits each, lowest first.
#[inline]
fn vlq(out: &mut Vec<u8>, mut rest: u64) {
    loop {
        let digit = (rest & 0b11111) as usize;
        rest >>= 5;
        let continued = if rest > 0 { 0b100000 } else { 0 };
        out.push(BASE64[digit | continued]);
        if rest == 0 {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vlq_matches_the_spec_examples() {
        let encode = |v| {
            let mut out = Vec::new();
            vlq(&mut out, zigzag(v));
            String::from_utf8(out).unwrap()
        };
        assert_eq!(encode(0), "A");
        assert_eq!(encode(1), "C");
        assert_eq!(encode(-1), "D");
        assert_eq!(encode(16), "gB");
        assert_eq!(encode(-17), "jB");
        assert_eq!(encode(123456), "gkxH");
    }

    #[test]
    fn a_segment_many_lines_down_writes_one_separator_per_line() {
        let at = |line, col, src_line, src_col| Segment {
            line,
            col,
            src_line,
            src_col,
        };
        let mut out = Vec::new();
        let mut writer = SegmentWriter::default();
        writer.write(&mut out, at(0, 2, 0, 2));
        writer.write(&mut out, at(0, 2, 0, 2));
        writer.write(&mut out, at(3, 0, 1, 0));
        writer.write(&mut out, at(15, 4, 1, 8));
        writer.write(&mut out, at(15, 5, 2, 0));
        // A delta past one digit (+300) takes the long way.
        writer.write(&mut out, at(15, 6, 2, 300));
        let expected = format!("EAAE;;;AACF{}IAAQ,CACR,CAA4S", ";".repeat(12));
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn columns_count_utf16_units() {
        let source = "a\nxé😀b";
        let index = LineIndex::new(source, BytePos(1));
        assert_eq!(index.locate(BytePos(1)), Some((0, 0)));
        assert_eq!(index.locate(BytePos(3)), Some((1, 0)));
        let b = source.find('b').unwrap() as u32 + 1;
        assert_eq!(index.locate(BytePos(b)), Some((1, 4)));
        assert_eq!(index.locate(BytePos::DUMMY), None);
    }

    #[test]
    fn one_locator_agrees_with_counting_from_scratch_in_any_order() {
        let source = "const a = 'é😀';\nplain line\n  x = \"日本語\" + y; // ✔ done\n\n😀";
        let index = LineIndex::new(source, BytePos(1));
        let naive = |offset: usize| {
            let line = source[..offset].matches('\n').count() as u32;
            let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
            let column = source[line_start..offset].encode_utf16().count() as u32;
            (line, column)
        };
        let boundaries: Vec<usize> = (0..=source.len())
            .filter(|i| source.is_char_boundary(*i))
            .collect();
        // Forward, backward, then jumping around: the cursor and the counted prefix must
        // never leak from one lookup into a wrong answer for the next.
        let mut order = boundaries.clone();
        order.extend(boundaries.iter().rev());
        order.extend(
            boundaries
                .iter()
                .step_by(3)
                .chain(boundaries.iter().step_by(2)),
        );
        let mut locator = Locator::new(&index);
        for offset in order {
            assert_eq!(
                locator.locate(BytePos(offset as u32 + 1)),
                Some(naive(offset)),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn pieces_put_together_encode_like_one_run() {
        let source = "let a = 1;\nlet b = 2;\nfoo(a,\n  b);\n";
        let index = LineIndex::new(source, BytePos(1));
        let at = |offset: u32, line, col| (BytePos(offset + 1), LineCol { line, col });
        // Two pieces, lines counted from each piece's start; a repeat and a position outside
        // the TSX are dropped.
        let pieces = [
            vec![at(0, 0, 0), at(4, 0, 4), at(4, 0, 4), at(11, 1, 2)],
            vec![
                at(22, 0, 0),
                (BytePos::DUMMY, LineCol { line: 0, col: 3 }),
                at(29, 2, 1),
            ],
        ];
        let starts = [3u32, 7];
        let mut encoder = PieceEncoder::new(&index);
        let mut buffer = Vec::new();
        let encoded: Vec<PieceMappings> = pieces
            .iter()
            .map(|piece| encoder.encode(piece, &mut buffer))
            .collect();
        let mut text = MappingsText::with_capacity(0);
        for (piece, start) in encoded.iter().zip(starts) {
            text.push(piece, &buffer, start);
        }
        // The same segments written in one run, on their absolute lines.
        let mut expected = Vec::new();
        let mut writer = SegmentWriter::default();
        let mut locator = Locator::new(&index);
        for (piece, start) in pieces.iter().zip(starts) {
            for (pos, generated) in piece {
                if let Some((src_line, src_col)) = locator.locate(*pos) {
                    let segment = Segment {
                        line: generated.line + start,
                        col: generated.col,
                        src_line,
                        src_col,
                    };
                    writer.write(&mut expected, segment);
                }
            }
        }
        let json = text.finish("scene.tsx");
        let expected = String::from_utf8(expected).unwrap();
        assert_eq!(expected, ";;;AAAA,IAAI;EACJ;;;AACA;;CACA");
        assert_eq!(
            json,
            format!(
                r#"{{"version":3,"sources":["scene.tsx"],"names":[],"mappings":"{expected}"}}"#
            )
        );
    }
}
