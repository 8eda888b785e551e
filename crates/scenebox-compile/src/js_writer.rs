//! The text writer the code generator prints through: JS text plus the (TSX position →
//! generated line:column) pairs the source map is made from.
//!
//! It writes exactly what swc's own `JsWriter` writes with a source map (four-space indents,
//! `\n` line ends, UTF-16 columns, the same positions recorded), but keeps its bookkeeping
//! cheap: `JsWriter` de-duplicates positions through a hash set that every statement's fresh
//! writer grows from empty, which was about a tenth of a compile. Generated positions only
//! move forward, so a position can only repeat at the current generated line:column; this
//! writer remembers just the TSX positions recorded there.

use swc_core::common::{BytePos, LineCol, Span};
use swc_core::ecma::codegen::text_writer::WriteJs;

/// What every `WriteJs` method returns.
type Result = std::io::Result<()>;

/// One indentation level, as swc prints it.
const INDENT: &str = "    ";

/// Writes JS into `code` and its mappings into `mappings`; lines count from 0 at the
/// writer's first byte.
pub(crate) struct MappingWriter<'a> {
    code: &'a mut Vec<u8>,
    mappings: &'a mut Vec<(BytePos, LineCol)>,
    indent: usize,
    line_start: bool,
    line: u32,
    /// UTF-16 column on `line`.
    column: u32,
    /// A position to record at the first character of the next line (`add_srcmap` at a line
    /// start, so the indentation is not mapped).
    pending: Option<BytePos>,
    /// How many of the last entries of `mappings` sit at `line`:`column` (the only entries
    /// a new one can repeat).
    at_position: usize,
}

impl<'a> MappingWriter<'a> {
    /// A writer that appends to `code` and `mappings`.
    pub fn new(code: &'a mut Vec<u8>, mappings: &'a mut Vec<(BytePos, LineCol)>) -> Self {
        Self {
            code,
            mappings,
            indent: 0,
            line_start: true,
            line: 0,
            column: 0,
            pending: None,
            at_position: 0,
        }
    }

    /// Writes `text`, which may hold line ends and non-ASCII characters.
    fn write(&mut self, span: Option<Span>, text: &str) {
        self.write_with(span, text, Self::advance_over);
    }

    /// Writes `text`, which holds neither line ends nor non-ASCII characters (punctuation,
    /// keywords, operators: the code generator's `&'static str` tokens), without looking at
    /// its characters.
    fn write_plain(&mut self, span: Option<Span>, text: &str) {
        self.write_with(span, text, |writer, text| {
            writer.advance_columns(text.len() as u32)
        });
    }

    #[inline(always)]
    fn write_with(&mut self, span: Option<Span>, text: &str, advance: impl Fn(&mut Self, &str)) {
        if text.is_empty() {
            return;
        }
        if self.line_start {
            for _ in 0..self.indent {
                self.code.extend_from_slice(INDENT.as_bytes());
            }
            self.advance_columns((INDENT.len() * self.indent) as u32);
            self.line_start = false;
            if let Some(pending) = self.pending.take() {
                self.record(pending);
            }
        }
        if let Some(span) = span {
            self.record(span.lo);
        }
        self.code.extend_from_slice(text.as_bytes());
        advance(self, text);
        if let Some(span) = span {
            self.record(span.hi);
        }
    }

    /// Records `pos` at the current generated position, once.
    fn record(&mut self, pos: BytePos) {
        if pos.is_dummy() && pos != BytePos(u32::MAX) {
            return;
        }
        let here = &self.mappings[self.mappings.len() - self.at_position..];
        if here.iter().any(|(recorded, _)| *recorded == pos) {
            return;
        }
        self.mappings.push((
            pos,
            LineCol {
                line: self.line,
                col: self.column,
            },
        ));
        self.at_position += 1;
    }

    fn advance_columns(&mut self, columns: u32) {
        if columns > 0 {
            self.column += columns;
            self.at_position = 0;
        }
    }

    /// Moves the generated position over `text` (`\r\n`, `\r` and `\n` each end a line).
    fn advance_over(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // Nearly every token is short ASCII without a line end: one branch-free pass.
        let plain = !bytes.iter().fold(false, |odd, &b| {
            odd | (b == b'\n') | (b == b'\r') | (b >= 0x80)
        });
        if plain {
            self.advance_columns(bytes.len() as u32);
            return;
        }
        let Some(last_break) = bytes.iter().rposition(|b| matches!(b, b'\n' | b'\r')) else {
            self.advance_columns(utf16_len(text));
            return;
        };
        let mut breaks = 0;
        let mut i = 0;
        while i <= last_break {
            match bytes[i] {
                b'\r' => {
                    breaks += 1;
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                }
                b'\n' => breaks += 1,
                _ => {}
            }
            i += 1;
        }
        self.line += breaks;
        self.column = utf16_len(&text[i..]);
        self.at_position = 0;
    }

    fn new_line(&mut self) {
        self.code.push(b'\n');
        self.line += 1;
        self.column = 0;
        self.at_position = 0;
    }
}

/// Length of `text` in UTF-16 units (source-map columns).
fn utf16_len(text: &str) -> u32 {
    if text.is_ascii() {
        text.len() as u32
    } else {
        text.encode_utf16().count() as u32
    }
}

/// swc marks a lone surrogate in an identifier as `\` followed by NUL; printed, the NUL goes.
fn without_invalid_unicode_marks(symbol: &str) -> std::borrow::Cow<'_, str> {
    if symbol.as_bytes().contains(&0) {
        symbol.replace("\\\0", "\\").into()
    } else {
        symbol.into()
    }
}

impl WriteJs for MappingWriter<'_> {
    fn increase_indent(&mut self) -> Result {
        self.indent += 1;
        Ok(())
    }

    fn decrease_indent(&mut self) -> Result {
        self.indent -= 1;
        Ok(())
    }

    fn write_semi(&mut self, span: Option<Span>) -> Result {
        self.write_plain(span, ";");
        Ok(())
    }

    fn write_space(&mut self) -> Result {
        self.write_plain(None, " ");
        Ok(())
    }

    fn write_keyword(&mut self, span: Option<Span>, s: &'static str) -> Result {
        self.write_plain(span, s);
        Ok(())
    }

    fn write_operator(&mut self, span: Option<Span>, s: &str) -> Result {
        self.write_plain(span, s);
        Ok(())
    }

    fn write_param(&mut self, s: &str) -> Result {
        self.write(None, s);
        Ok(())
    }

    fn write_property(&mut self, s: &str) -> Result {
        self.write(None, s);
        Ok(())
    }

    fn write_line(&mut self) -> Result {
        let pending = self.pending.take();
        if !self.line_start {
            self.new_line();
            self.line_start = true;
            if let Some(pending) = pending {
                self.record(pending);
            }
        }
        Ok(())
    }

    fn write_lit(&mut self, span: Span, s: &str) -> Result {
        self.write_recorded(span, s);
        Ok(())
    }

    fn write_comment(&mut self, s: &str) -> Result {
        self.write(None, s);
        Ok(())
    }

    fn write_str_lit(&mut self, span: Span, s: &str) -> Result {
        self.write_recorded(span, s);
        Ok(())
    }

    fn write_str(&mut self, s: &str) -> Result {
        self.write(None, s);
        Ok(())
    }

    fn write_symbol(&mut self, span: Span, s: &str) -> Result {
        // An identifier holds no line end.
        self.write_with(
            Some(span),
            &without_invalid_unicode_marks(s),
            |writer, text| writer.advance_columns(utf16_len(text)),
        );
        Ok(())
    }

    fn write_punct(
        &mut self,
        span: Option<Span>,
        s: &'static str,
        _commit_pending_semi: bool,
    ) -> Result {
        self.write_plain(span, s);
        Ok(())
    }

    fn care_about_srcmap(&self) -> bool {
        true
    }

    fn add_srcmap(&mut self, pos: BytePos) -> Result {
        if self.line_start {
            self.pending = Some(pos);
        } else {
            self.record(pos);
        }
        Ok(())
    }

    fn commit_pending_semi(&mut self) -> Result {
        Ok(())
    }

    /// Identifiers go through [`without_invalid_unicode_marks`] here instead (the emitter's
    /// own check is a substring search per identifier).
    fn can_ignore_invalid_unicodes(&mut self) -> bool {
        true
    }
}

impl MappingWriter<'_> {
    /// A literal: its start is recorded before the text (indentation included, as swc's
    /// writer does) and its end after it.
    fn write_recorded(&mut self, span: Span, s: &str) {
        if !s.is_empty() {
            self.record(span.lo);
            self.write(None, s);
            self.record(span.hi);
        }
    }
}

#[cfg(test)]
mod tests {
    use swc_core::common::{sync::Lrc, FileName, Globals, SourceMap, GLOBALS};
    use swc_core::ecma::ast::EsVersion;
    use swc_core::ecma::codegen::{text_writer::JsWriter, Config, Emitter, Node};
    use swc_core::ecma::parser::{parse_file_as_module, Syntax, TsSyntax};

    use super::*;

    /// Code and mappings of `source` printed through `swc`'s writer and through ours.
    fn both(source: &str) -> [(String, Vec<(BytePos, LineCol)>); 2] {
        GLOBALS.set(&Globals::new(), || {
            let cm: Lrc<SourceMap> = Default::default();
            let fm = cm.new_source_file(Lrc::new(FileName::Anon), source.to_string());
            let syntax = Syntax::Typescript(TsSyntax {
                tsx: true,
                ..Default::default()
            });
            let module = parse_file_as_module(&fm, syntax, EsVersion::latest(), None, &mut vec![])
                .expect("the test source parses");
            let print = |with_ours: bool| {
                let (mut code, mut mappings) = (Vec::new(), Vec::new());
                if with_ours {
                    let mut emitter = Emitter {
                        cfg: Config::default(),
                        cm: cm.clone(),
                        comments: None,
                        wr: MappingWriter::new(&mut code, &mut mappings),
                    };
                    module.emit_with(&mut emitter).unwrap();
                } else {
                    let mut emitter = Emitter {
                        cfg: Config::default(),
                        cm: cm.clone(),
                        comments: None,
                        wr: JsWriter::new(cm.clone(), "\n", &mut code, Some(&mut mappings)),
                    };
                    module.emit_with(&mut emitter).unwrap();
                }
                (String::from_utf8(code).unwrap(), mappings)
            };
            [print(false), print(true)]
        })
    }

    #[test]
    fn writes_what_swcs_writer_writes() {
        let sources = [
            "const a = 1;\nfunction f(x: number) { if (x) { return x * 2; } return <div a=\"b\">{x}</div>; }",
            "const s = `line one\r\nline two\rthree\n${a}` + 'é😀' + \"日本\";\nclass C { m() { return 1; } }",
            "const café = { 'ünï': [1, 2, { deep: () => { while (true) { break; } } }] };",
            "export default function Scene() {\n  const x = useCurrentFrame();\n  return x > 3 ? 'a' : `b${x}`;\n}",
        ];
        for source in sources {
            let [theirs, ours] = both(source);
            assert_eq!(ours.0, theirs.0, "code of {source:?}");
            assert_eq!(ours.1, theirs.1, "mappings of {source:?}");
            assert!(!ours.1.is_empty());
        }
    }

    #[test]
    fn a_position_repeats_only_at_a_new_place() {
        let (mut code, mut mappings) = (Vec::new(), Vec::new());
        let mut writer = MappingWriter::new(&mut code, &mut mappings);
        let span = Span::new(BytePos(5), BytePos(9));
        writer.add_srcmap(BytePos(5)).unwrap(); // at a line start: waits for the first text
        writer.write_symbol(span, "abcd").unwrap();
        writer.add_srcmap(BytePos(9)).unwrap(); // same place, same position: dropped
        writer.write_line().unwrap();
        writer.write_symbol(span, "abcd").unwrap(); // a new line: recorded again
        let at = |line, col| LineCol { line, col };
        assert_eq!(
            mappings,
            vec![
                (BytePos(5), at(0, 0)),
                (BytePos(9), at(0, 4)),
                (BytePos(5), at(1, 0)),
                (BytePos(9), at(1, 4)),
            ]
        );
        assert_eq!(code, b"abcd\nabcd");
    }
}
