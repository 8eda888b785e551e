//! `scenebox flags`: read and change the rollout switches stored in the database (`metrics`,
//! `artifact_versioning`, `execution_model` globally or per project). Every change is audited;
//! running servers pick it up within a second or so.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};
use scenebox_store::FlagName;
use uuid::Uuid;

use crate::database_args::{tokio_runtime, DatabaseArgs};

/// Arguments of `scenebox flags`.
#[derive(Args)]
pub struct FlagsArgs {
    #[command(subcommand)]
    action: FlagsAction,
    #[command(flatten)]
    database: DatabaseArgs,
}

#[derive(Subcommand)]
enum FlagsAction {
    /// Print every switch and the latest changes.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change a switch: `metrics on|off`, `artifact_versioning on|off` (needs metrics on),
    /// `execution_model phase1|param|shadow|shadow:param|param_with_fallback`.
    Set {
        /// metrics, artifact_versioning or execution_model.
        name: String,
        /// The new value.
        value: String,
        /// Set `execution_model` for this project only.
        #[arg(long)]
        project: Option<Uuid>,
        /// Who is changing it, for the audit trail (default: $USER).
        #[arg(long)]
        actor: Option<String>,
    },
}

/// Runs the command; exit code 1 when a change is refused.
pub fn run(args: FlagsArgs) -> Result<ExitCode> {
    tokio_runtime()?.block_on(async {
        let store = args.database.connect().await?;
        let code = match args.action {
            FlagsAction::List { json } => {
                let flags = store.flags().await?;
                let changes = store.flag_changes(20).await?;
                if json {
                    println!(
                        "{}",
                        serde_json::json!({"flags": flags, "changes": changes})
                    );
                } else {
                    let on_off = |on: bool| if on { "on" } else { "off" };
                    println!("metrics              {}", on_off(flags.metrics));
                    println!("artifact_versioning  {}", on_off(flags.artifact_versioning));
                    println!(
                        "execution_model      {}",
                        flags
                            .execution_model
                            .as_deref()
                            .unwrap_or("(unset: phase1)")
                    );
                    for (project, model) in &flags.project_execution_models {
                        println!("  project {project}  {model}");
                    }
                    for change in changes {
                        println!(
                            "{}  {}{}: {} -> {}  by {}",
                            change
                                .at
                                .format(&time::format_description::well_known::Rfc3339)
                                .unwrap_or_default(),
                            change.name,
                            change
                                .project_id
                                .map(|p| format!(" (project {p})"))
                                .unwrap_or_default(),
                            change.old_value.as_deref().unwrap_or("(unset)"),
                            change.new_value,
                            change.actor
                        );
                    }
                }
                ExitCode::SUCCESS
            }
            FlagsAction::Set {
                name,
                value,
                project,
                actor,
            } => {
                let actor = actor
                    .or_else(|| std::env::var("USER").ok())
                    .unwrap_or_else(|| "cli".into());
                let outcome = match name.parse::<FlagName>() {
                    Ok(flag) => store.set_flag(flag, &value, project, &actor).await,
                    Err(error) => Err(error),
                };
                match outcome {
                    Ok(change) => {
                        println!(
                            "{}: {} -> {}",
                            change.name,
                            change.old_value.as_deref().unwrap_or("(unset)"),
                            change.new_value
                        );
                        ExitCode::SUCCESS
                    }
                    Err(error) => {
                        eprintln!("scenebox flags: {error}");
                        ExitCode::from(1)
                    }
                }
            }
        };
        store.close().await;
        anyhow::Ok(code)
    })
}
