//! `scenebox compile`: compile scenes and print or write their artifacts and metadata.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use scenebox_compile::{ArtifactModel, CompiledScene, Compiler};
use serde_json::{json, Value};

use crate::scene_files::{read_scene_files, SceneFile};

/// Arguments of `scenebox compile`.
#[derive(Args)]
pub struct CompileArgs {
    /// A .tsx scene or a directory of them.
    path: PathBuf,
    /// Which artifacts to print or write.
    #[arg(long, value_enum, default_value_t = ModelChoice::Both)]
    model: ModelChoice,
    /// Print one JSON object per scene instead of the artifacts.
    #[arg(long)]
    json: bool,
    /// Write `DIR/<scene>.phase1.js`, `DIR/<scene>.param.js` and `DIR/<scene>.meta.json`.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Which artifacts a command works with.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelChoice {
    /// The Phase 1 artifact only.
    Phase1,
    /// The parameterized artifact only.
    Param,
    /// Both artifacts.
    Both,
}

impl ModelChoice {
    fn models(self) -> &'static [ArtifactModel] {
        match self {
            Self::Phase1 => &[ArtifactModel::Phase1],
            Self::Param => &[ArtifactModel::Param],
            Self::Both => &[ArtifactModel::Phase1, ArtifactModel::Param],
        }
    }
}

/// Runs the command; exit code 1 when any scene fails to compile.
pub fn run(args: CompileArgs) -> Result<ExitCode> {
    let scenes = read_scene_files(&args.path)?;
    if let Some(out) = &args.out {
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    }
    let compiler = Compiler::default();
    let mut failed = 0usize;
    for scene in &scenes {
        let result = compiler.compile(&scene.name(), &scene.tsx);
        if let Err(error) = &result {
            failed += 1;
            eprintln!("{error}");
        }
        if let (Some(out), Ok(compiled)) = (&args.out, &result) {
            write_artifacts(out, scene, compiled, args.model)?;
        }
        if args.json {
            println!("{}", json_report(scene, result.as_deref(), args.model));
        } else if let Ok(compiled) = &result {
            print_human(scene, compiled, args.model, args.out.is_some());
        }
    }
    if !args.json {
        eprintln!(
            "compiled {} of {} scene(s), {failed} failed",
            scenes.len() - failed,
            scenes.len()
        );
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn write_artifacts(
    out: &Path,
    scene: &SceneFile,
    compiled: &CompiledScene,
    model: ModelChoice,
) -> Result<()> {
    let stem = scene.stem();
    for &m in model.models() {
        let path = out.join(format!("{stem}.{}.js", m.as_str()));
        std::fs::write(&path, &compiled.artifact(m).code)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let path = out.join(format!("{stem}.meta.json"));
    let meta = serde_json::to_string_pretty(&meta_json(compiled, model))?;
    std::fs::write(&path, meta).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

fn meta_json(compiled: &CompiledScene, model: ModelChoice) -> Value {
    let mut meta = serde_json::Map::new();
    meta.insert("component".into(), json!(compiled.component));
    for &m in model.models() {
        meta.insert(m.as_str().into(), json!(compiled.artifact(m).meta));
    }
    Value::Object(meta)
}

fn json_report(
    scene: &SceneFile,
    result: Result<&CompiledScene, &scenebox_compile::CompileError>,
    model: ModelChoice,
) -> Value {
    match result {
        Ok(compiled) => {
            let code = |m: ArtifactModel| {
                model
                    .models()
                    .contains(&m)
                    .then(|| compiled.artifact(m).code.clone())
            };
            json!({
                "file": scene.name(),
                "ok": true,
                "component": compiled.component,
                "phase1": code(ArtifactModel::Phase1),
                "param": code(ArtifactModel::Param),
                "meta": meta_json(compiled, model),
                "warnings": compiled.warnings,
                "error": null,
            })
        }
        Err(error) => json!({
            "file": scene.name(),
            "ok": false,
            "component": null,
            "phase1": null,
            "param": null,
            "meta": null,
            "warnings": [],
            "error": {
                "kind": error.kind,
                "message": error.message,
                "line": error.line,
                "column": error.column,
            },
        }),
    }
}

fn print_human(scene: &SceneFile, compiled: &CompiledScene, model: ModelChoice, wrote_files: bool) {
    for warning in &compiled.warnings {
        eprintln!(
            "{}:{}:{}: warning: {}",
            scene.name(),
            warning.line,
            warning.column,
            warning.message
        );
    }
    if wrote_files {
        let meta = &compiled.phase1.meta;
        println!(
            "{}: component {} ({} bytes TSX, {:.2} ms)",
            scene.name(),
            compiled.component,
            meta.input_bytes,
            meta.timings.total_ms
        );
        return;
    }
    for &m in model.models() {
        let artifact = compiled.artifact(m);
        println!(
            "// ===== {} · {} (compilation_version {}) =====",
            scene.name(),
            m.as_str(),
            m.compilation_version()
        );
        println!("{}", artifact.code);
    }
    println!(
        "// ===== {} · meta =====\n{}",
        scene.name(),
        serde_json::to_string_pretty(&meta_json(compiled, model)).unwrap_or_default()
    );
}
