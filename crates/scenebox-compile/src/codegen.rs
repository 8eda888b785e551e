//! Prints a statement list as JS plus a v3 source map back to the TSX.

use swc_core::common::{sync::Lrc, FileName, SourceMap, DUMMY_SP};
use swc_core::ecma::{
    ast::{Program, Script, Stmt},
    codegen::{text_writer::JsWriter, Config, Emitter},
    transforms::base::fixer::fixer,
    visit::VisitMutWith,
};

/// The file name the source maps give the TSX.
pub const SOURCE_NAME: &str = "scene.tsx";

/// Generated code and its source map (JSON).
pub(crate) struct Generated {
    pub code: String,
    pub source_map: String,
}

/// Adds the parentheses the transforms may have made necessary, then prints `body`.
pub(crate) fn generate(cm: &Lrc<SourceMap>, body: Vec<Stmt>) -> std::io::Result<Generated> {
    let mut program = Program::Script(Script {
        span: DUMMY_SP,
        body,
        shebang: None,
    });
    program.visit_mut_with(&mut fixer(None));

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
    let map = cm.build_source_map(&mappings, None, SceneMapConfig);
    let mut source_map = Vec::with_capacity(mappings.len() * 8);
    map.to_writer(&mut source_map)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(Generated {
        code: String::from_utf8(code).map_err(std::io::Error::other)?,
        source_map: String::from_utf8(source_map).map_err(std::io::Error::other)?,
    })
}

struct SceneMapConfig;

impl swc_core::common::source_map::SourceMapGenConfig for SceneMapConfig {
    fn file_name_to_source(&self, _f: &FileName) -> String {
        SOURCE_NAME.to_string()
    }

    fn inline_sources_content(&self, _f: &FileName) -> bool {
        false
    }
}
