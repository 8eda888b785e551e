//! Prints a statement list as JS plus a v3 source map back to the TSX.

use swc_core::common::{sync::Lrc, SourceMap, DUMMY_SP};
use swc_core::ecma::{
    ast::{Program, Script, Stmt},
    codegen::{text_writer::JsWriter, Config, Emitter},
};

use crate::source_map::{encode, LineIndex};

/// The file name the source maps give the TSX.
pub const SOURCE_NAME: &str = "scene.tsx";

/// Generated code and its source map (JSON).
pub(crate) struct Generated {
    pub code: String,
    pub source_map: String,
}

/// Prints `body` (already fixed up with any parentheses transforms made necessary).
pub(crate) fn generate(
    cm: &Lrc<SourceMap>,
    lines: &LineIndex<'_>,
    body: Vec<Stmt>,
) -> std::io::Result<(Generated, Vec<Stmt>)> {
    let program = Program::Script(Script {
        span: DUMMY_SP,
        body,
        shebang: None,
    });
    let mut code = Vec::with_capacity(4096);
    let mut mappings = Vec::with_capacity(1024);
    {
        let writer = JsWriter::new(cm.clone(), "\n", &mut code, Some(&mut mappings));
        let mut emitter = Emitter {
            cfg: Config::default(),
            cm: cm.clone(),
            comments: None,
            wr: writer,
        };
        emitter.emit_program(&program)?;
    }
    let source_map = encode(lines, &mappings, SOURCE_NAME);
    let body = match program {
        Program::Script(script) => script.body,
        Program::Module(_) => unreachable!("printed as a script"),
    };
    Ok((
        Generated {
            code: String::from_utf8(code).map_err(std::io::Error::other)?,
            source_map,
        },
        body,
    ))
}
