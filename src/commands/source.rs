//! `datacharter source draft FILE`: print a `kind: source` skeleton for an export.

use super::CommandError;
use crate::cli::LocaleArg;
use crate::model::Inventory;
use crate::policy::{PolicyTables, builtin_packs};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Print a `kind: source` skeleton for an export (CSV, XLSX, ODS, XLS): one field per column,
    /// a category suggested from the taxonomy's keywords and the values, the fill rate. Never a
    /// value of the file.
    Draft(DraftArgs),
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// The export to describe.
    pub file: PathBuf,
    /// The source's id [default: from the file name].
    #[arg(long)]
    pub id: Option<String>,
    /// Language of the comments [default: LANG, else en].
    #[arg(long, value_enum)]
    pub locale: Option<LocaleArg>,
}

pub fn run(command: &SourceCommand) -> Result<ExitCode, CommandError> {
    let SourceCommand::Draft(args) = command;
    let locale = crate::i18n::resolve(args.locale.map(Into::into), None);
    let policy = PolicyTables::build(builtin_packs()?, &Inventory::new(Vec::new()));
    let today = crate::commands::lint::today()?;
    let shown = args.file.display().to_string().replace('\\', "/");
    match crate::audit::draft::draft(
        &args.file,
        &shown,
        args.id.as_deref(),
        &policy,
        today,
        locale,
    ) {
        Ok(text) => {
            crate::output::console::print(text)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => Err(format!("{}: {}", args.file.display(), error.reason(locale)).into()),
    }
}
