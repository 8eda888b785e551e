//! A direct v3 source-map encoder for one TSX file: turns the code generator's
//! (TSX byte position → generated line:column) pairs into the `mappings` string. swc's
//! general-purpose builder looks every position up from scratch and was a fifth of the
//! compile time.

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
        let mut line_starts = Vec::with_capacity(source.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self {
            source,
            base: base.to_u32(),
            line_starts,
            ascii: source.is_ascii(),
        }
    }

    /// 0-based line and UTF-16 column of `pos`, or `None` for generated or foreign positions.
    #[cfg(test)]
    fn locate(&self, pos: BytePos) -> Option<(u32, u32)> {
        Locator::new(self).locate(pos)
    }
}

/// Looks positions up in a [`LineIndex`], starting from the line of the previous lookup:
/// the code generator's positions mostly move forward through the TSX.
struct Locator<'i, 'a> {
    index: &'i LineIndex<'a>,
    line: usize,
    /// A byte offset on `line` and its UTF-16 column, to count on from (non-ASCII sources).
    counted: (usize, usize),
}

impl<'i, 'a> Locator<'i, 'a> {
    fn new(index: &'i LineIndex<'a>) -> Self {
        Self {
            index,
            line: 0,
            counted: (0, 0),
        }
    }

    fn locate(&mut self, pos: BytePos) -> Option<(u32, u32)> {
        if pos.is_dummy() {
            return None;
        }
        let index = self.index;
        let offset = pos.to_u32().checked_sub(index.base)? as usize;
        if offset > index.source.len() {
            return None;
        }
        let starts = &index.line_starts;
        let within = |line: usize| {
            starts[line] <= offset && starts.get(line + 1).is_none_or(|next| offset < *next)
        };
        if !within(self.line) {
            self.line = if self.line + 1 < starts.len() && within(self.line + 1) {
                self.line + 1
            } else {
                starts.partition_point(|&start| start <= offset) - 1
            };
            self.counted = (starts[self.line], 0);
        }
        let line_start = starts[self.line];
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

/// The source map JSON for `mappings` (in generated order) into the file called `source_name`.
pub(crate) fn encode(
    index: &LineIndex<'_>,
    mappings: &[(BytePos, LineCol)],
    source_name: &str,
) -> String {
    let mut out = Vec::with_capacity(mappings.len() * 6 + 96);
    out.extend_from_slice(br#"{"version":3,"sources":["#);
    match serde_json::to_vec(source_name) {
        Ok(name) => out.extend_from_slice(&name),
        Err(_) => out.extend_from_slice(br#""scene.tsx""#),
    }
    out.extend_from_slice(br#"],"names":[],"mappings":""#);
    let (mut gen_line, mut prev_gen_col, mut prev_src_line, mut prev_src_col) =
        (0u32, 0i64, 0i64, 0i64);
    let mut last: Option<(u32, u32, u32, u32)> = None;
    let mut first_in_line = true;
    let mut locator = Locator::new(index);
    for (pos, generated) in mappings {
        let Some((src_line, src_col)) = locator.locate(*pos) else {
            continue;
        };
        let current = (generated.line, generated.col, src_line, src_col);
        if last == Some(current) {
            continue;
        }
        last = Some(current);
        if gen_line < generated.line {
            out.resize(out.len() + (generated.line - gen_line) as usize, b';');
            gen_line = generated.line;
            prev_gen_col = 0;
            first_in_line = true;
        }
        if !first_in_line {
            out.push(b',');
        }
        first_in_line = false;
        vlq(&mut out, generated.col as i64 - prev_gen_col);
        out.push(b'A'); // the only source: a delta of 0
        vlq(&mut out, src_line as i64 - prev_src_line);
        vlq(&mut out, src_col as i64 - prev_src_col);
        prev_gen_col = generated.col as i64;
        prev_src_line = src_line as i64;
        prev_src_col = src_col as i64;
    }
    out.extend_from_slice(b"\"}");
    // Everything above is ASCII, and the name came from serde_json.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends `value` as a base64 VLQ.
fn vlq(out: &mut Vec<u8>, value: i64) {
    const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut rest = if value < 0 {
        ((-value) << 1) | 1
    } else {
        value << 1
    } as u64;
    loop {
        let mut digit = (rest & 0b11111) as usize;
        rest >>= 5;
        if rest > 0 {
            digit |= 0b100000;
        }
        out.push(BASE64[digit]);
        if rest == 0 {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vlq_matches_the_spec_examples() {
        let encode = |v| {
            let mut s = Vec::new();
            vlq(&mut s, v);
            String::from_utf8(s).unwrap()
        };
        assert_eq!(encode(0), "A");
        assert_eq!(encode(1), "C");
        assert_eq!(encode(-1), "D");
        assert_eq!(encode(16), "gB");
        assert_eq!(encode(-17), "jB");
        assert_eq!(encode(123456), "gkxH");
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
}
