//! One compile, end to end: parse the TSX once, lower imports/exports, strip types, turn JSX
//! into `React.createElement`, then print the Phase 1 artifact and the parameterized one.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use swc_core::common::{
    errors::HANDLER, sync::Lrc, BytePos, FileName, Globals, Mark, SourceMap, Spanned,
    SyntaxContext, DUMMY_SP, GLOBALS,
};
use swc_core::ecma::{
    ast::{EsVersion, Expr, Ident, Module, Program, Script},
    atoms::Atom,
    parser::{parse_file_as_module, Syntax, TsSyntax},
    transforms::{
        base::{fixer::fixer, resolver},
        react::{self, Runtime},
        typescript,
    },
    visit::VisitMutWith,
};

use crate::artifact::{Artifact, ArtifactModel, CompileMeta, CompileTimings, CompiledScene};
use crate::big_stack::with_big_stack;
use crate::codegen::{print_stmts, Assembler, Generated, Printed, SOURCE_NAME};
use crate::component::{lower_exports, SceneBody};
use crate::context::SceneContext;
use crate::depth::check_nesting;
use crate::diagnostics::collecting_handler;
use crate::error::{CompileError, CompileErrorKind, CompileWarning};
use crate::imports::lower_imports;
use crate::param::{parameterize, return_stmt, Change, Parameterized, Scopes};
use crate::source_map::LineIndex;

/// The `swc_core` version this crate pins (checked against Cargo.lock by a test).
pub const SWC_CORE_VERSION: &str = "83.0.0";

/// Compiles one scene to both artifacts. Never panics: a defect inside swc surfaces as
/// [`CompileErrorKind::Internal`].
pub(crate) fn compile_scene(
    scene: &str,
    tsx: &str,
    content_hash: &str,
) -> Result<CompiledScene, CompileError> {
    if let Err(too_deep) = check_nesting(tsx) {
        return Err(CompileError {
            scene: scene.to_string(),
            kind: CompileErrorKind::TooDeep,
            message: format!(
                "brackets nest more than {} levels deep here; scenes never need that much nesting",
                crate::depth::MAX_NESTING
            ),
            line: too_deep.line,
            column: too_deep.column,
        });
    }
    let outcome = with_big_stack(|| {
        catch_unwind(AssertUnwindSafe(|| {
            GLOBALS.set(&Globals::new(), || {
                compile_in_globals(scene, tsx, content_hash)
            })
        }))
    });
    outcome.unwrap_or_else(|panic| {
        let detail = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        if detail.contains("JSXNamespacedName -> JSXObject") {
            // swc's parser panics on `<a:b.c>` instead of reporting it.
            let (line, column) = namespaced_member_tag(tsx).unwrap_or((1, 1));
            return Err(CompileError {
                scene: scene.to_string(),
                kind: CompileErrorKind::Syntax,
                message:
                    "invalid JSX tag name: a namespaced name (`a:b`) cannot have members (`.c`)"
                        .to_string(),
                line,
                column,
            });
        }
        Err(CompileError {
            scene: scene.to_string(),
            kind: CompileErrorKind::Internal,
            message: format!("the compiler failed internally: {detail}"),
            line: 1,
            column: 1,
        })
    })
}

/// Where the first `<a:b.c` (or `</a:b.c`) tag starts, as 1-based line and column.
fn namespaced_member_tag(tsx: &str) -> Option<(u32, u32)> {
    let chars: Vec<char> = tsx.chars().collect();
    let name = |i: &mut usize| {
        let start = *i;
        while *i < chars.len()
            && (chars[*i].is_alphanumeric() || matches!(chars[*i], '_' | '$' | '-'))
        {
            *i += 1;
        }
        *i > start
    };
    let skip_space = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_whitespace() {
            *i += 1;
        }
    };
    let found = (0..chars.len()).find(|&start| {
        if chars[start] != '<' {
            return false;
        }
        let mut i = start + 1;
        skip_space(&mut i);
        if chars.get(i) == Some(&'/') {
            i += 1;
            skip_space(&mut i);
        }
        if !name(&mut i) {
            return false;
        }
        skip_space(&mut i);
        if chars.get(i) != Some(&':') {
            return false;
        }
        i += 1;
        skip_space(&mut i);
        if !name(&mut i) {
            return false;
        }
        skip_space(&mut i);
        chars.get(i) == Some(&'.')
    })?;
    let before = &chars[..found];
    let line = before.iter().filter(|c| **c == '\n').count() as u32 + 1;
    let column = before.iter().rev().take_while(|c| **c != '\n').count() as u32 + 1;
    Some((line, column))
}

fn compile_in_globals(
    scene: &str,
    tsx: &str,
    content_hash: &str,
) -> Result<CompiledScene, CompileError> {
    let started = Instant::now();
    let cm: Lrc<SourceMap> = Default::default();
    let ctx = SceneContext {
        cm: cm.clone(),
        scene,
    };
    let (module, fm_start) = parse(&ctx, tsx)?;
    let parse_ms = ms(started);

    let transform_started = Instant::now();
    let (handler, reported) = collecting_handler();
    let (shared, component, scopes) = HANDLER.set(&handler, || {
        let items = lower_imports(&ctx, module.body)?;
        let SceneBody { stmts, component } = lower_exports(&ctx, items)?;
        let unresolved_mark = Mark::new();
        let top_level_mark = Mark::new();
        let mut program = Program::Script(Script {
            span: module.span,
            body: stmts,
            shebang: None,
        });
        program.mutate(resolver(unresolved_mark, top_level_mark, true));
        program.mutate(typescript::typescript(
            typescript::Config {
                native_class_properties: true,
                no_empty_export: true,
                ..Default::default()
            },
            unresolved_mark,
            top_level_mark,
        ));
        program.mutate(react::jsx(
            cm.clone(),
            None::<swc_core::common::comments::SingleThreadedComments>,
            jsx_options(),
            top_level_mark,
            unresolved_mark,
        ));
        let body = match program {
            Program::Script(script) => script.body,
            Program::Module(_) => unreachable!("compiled as a script"),
        };
        let scopes = Scopes {
            unresolved: SyntaxContext::empty().apply_mark(unresolved_mark),
            top_level: SyntaxContext::empty().apply_mark(top_level_mark),
        };
        Ok::<_, CompileError>((body, component, scopes))
    })?;
    if let Some(first) = reported.lock().ok().and_then(|r| r.first().cloned()) {
        return Err(ctx.error(CompileErrorKind::Transform, first.span, first.message));
    }
    let shared_transform_ms = ms(transform_started);

    let lines = LineIndex::new(tsx, fm_start);
    let mut warnings: Vec<CompileWarning> = Vec::new();

    // Phase 1 is the shared body plus `return Component;`, each statement printed as a piece
    // the parameterized artifact can reuse.
    let phase1_started = Instant::now();
    let mut body = shared;
    body.visit_mut_with(&mut fixer(None));
    body.push(return_stmt(Expr::Ident(Ident::new_no_ctxt(
        component.clone(),
        DUMMY_SP,
    ))));
    let phase1_transform_ms = ms(phase1_started);
    let codegen_started = Instant::now();
    let printed = print_stmts(&cm, &lines, &body).map_err(|e| codegen_error(&ctx, e))?;
    let mut assembler = Assembler::with_capacity(tsx.len() * 2);
    assembler.push_all(&printed);
    let phase1 = assembler.finish().map_err(|e| codegen_error(&ctx, e))?;
    let phase1_codegen_ms = ms(codegen_started);
    body.pop();

    let param_started = Instant::now();
    let parameterized = parameterize(&ctx, body, scopes, &mut warnings);
    let param_transform_ms = ms(param_started);
    let codegen_started = Instant::now();
    let param = print_param(&cm, &lines, &printed, &parameterized, &component)
        .map_err(|e| codegen_error(&ctx, e))?;
    let param_codegen_ms = ms(codegen_started);

    let compiled_at = now_rfc3339();
    let meta = |model: ArtifactModel, generated: &Generated, transform_ms: f64, codegen_ms: f64| {
        CompileMeta {
            tool: "swc".to_string(),
            tool_version: SWC_CORE_VERSION.to_string(),
            compiler_version: crate::COMPILER_VERSION.to_string(),
            compilation_version: model.compilation_version(),
            content_hash: content_hash.to_string(),
            input_bytes: tsx.len(),
            output_bytes: generated.code.len(),
            timings: CompileTimings {
                total_ms: parse_ms + shared_transform_ms + transform_ms + codegen_ms,
                parse_ms,
                transform_ms: shared_transform_ms + transform_ms,
                codegen_ms,
            },
            compiled_at: compiled_at.clone(),
            warnings: warnings.clone(),
            backfilled: false,
        }
    };
    let phase1_meta = meta(
        ArtifactModel::Phase1,
        &phase1,
        phase1_transform_ms,
        phase1_codegen_ms,
    );
    let param_meta = meta(
        ArtifactModel::Param,
        &param,
        param_transform_ms,
        param_codegen_ms,
    );
    Ok(CompiledScene {
        scene: scene.to_string(),
        component: component.to_string(),
        content_hash: content_hash.to_string(),
        phase1: Artifact {
            model: ArtifactModel::Phase1,
            code: phase1.code,
            source_map: phase1.source_map,
            meta: phase1_meta,
        },
        param: Artifact {
            model: ArtifactModel::Param,
            code: param.code,
            source_map: param.source_map,
            meta: param_meta,
        },
        warnings,
    })
}

/// The parameterized artifact: the prologue, then the scene's statements inside
/// `return (function () { …; return Component; })();`, reusing Phase 1's printed text for every
/// statement the rewrite left unchanged (or changed only in `window.NAME` reads, edited into
/// that text).
fn print_param(
    cm: &Lrc<SourceMap>,
    lines: &LineIndex<'_>,
    phase1: &Printed,
    parameterized: &Parameterized,
    component: &Atom,
) -> std::io::Result<Generated> {
    let Parameterized {
        prologue,
        body,
        changes,
    } = parameterized;
    let spliced: Vec<Option<Printed>> = changes
        .iter()
        .enumerate()
        .map(|(index, change)| match change {
            Change::WindowReads(edits) => phase1.splice(index, edits, lines),
            _ => None,
        })
        .collect();
    let reprinted = |index: usize| match changes[index] {
        Change::Unchanged => false,
        Change::WindowReads(_) => spliced[index].is_none(),
        Change::Rewritten => true,
    };
    let rewritten = body
        .iter()
        .enumerate()
        .filter(|(index, _)| reprinted(*index))
        .map(|(_, stmt)| stmt);
    let rewritten = print_stmts(cm, lines, rewritten)?;
    let prologue = print_stmts(cm, lines, prologue)?;
    let mut assembler = Assembler::with_capacity(phase1.len_bytes() + 256);
    assembler.push_all(&prologue);
    assembler.push_lines("return (function () {\n");
    let mut next_rewritten = 0;
    for (index, spliced) in spliced.iter().enumerate() {
        if let Some(spliced) = spliced {
            assembler.push_piece(spliced, 0);
        } else if reprinted(index) {
            assembler.push_piece(&rewritten, next_rewritten);
            next_rewritten += 1;
        } else {
            assembler.push_piece(phase1, index);
        }
    }
    assembler.push_lines(&format!("return {component};\n}})();\n"));
    assembler.finish()
}

/// Parses the TSX as a module; a fatal error or any recovered one is a `Syntax` error at the
/// earliest position.
fn parse(ctx: &SceneContext<'_>, tsx: &str) -> Result<(Module, BytePos), CompileError> {
    let fm = ctx.cm.new_source_file(
        Lrc::new(FileName::Custom(SOURCE_NAME.to_string())),
        tsx.to_string(),
    );
    let syntax = Syntax::Typescript(TsSyntax {
        tsx: true,
        ..Default::default()
    });
    let mut recovered = Vec::new();
    let parsed = parse_file_as_module(&fm, syntax, EsVersion::latest(), None, &mut recovered);
    let mut errors = recovered;
    let module = match parsed {
        Ok(module) => Some(module),
        Err(fatal) => {
            errors.push(fatal);
            None
        }
    };
    if let Some(first) = errors.iter().min_by_key(|e| e.span().lo) {
        return Err(ctx.error(CompileErrorKind::Syntax, first.span(), first.kind().msg()));
    }
    Ok((
        module.expect("no parse errors means a module"),
        fm.start_pos,
    ))
}

#[allow(deprecated)]
fn jsx_options() -> react::Options {
    react::Options {
        runtime: Some(Runtime::Classic),
        // `xmlns:xlink="…"` in pasted SVG becomes a string prop, as sucrase and Babel do.
        throw_if_namespace: Some(false),
        ..Default::default()
    }
}

fn codegen_error(ctx: &SceneContext<'_>, error: std::io::Error) -> CompileError {
    ctx.error(
        CompileErrorKind::Internal,
        DUMMY_SP,
        format!("printing JS failed: {error}"),
    )
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
