//! Command-line arguments (clap derive) and dispatch to the commands.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "datacharter",
    version,
    about = "Lint an organisation's personal-data governance (GDPR register, data inventory, data charter) written as YAML",
    long_about = "datacharter checks the YAML files of a workspace (a folder with a datacharter.yaml) against a JSON \
                  Schema and a rule set: sensitive data, retention periods, DPO conflicts, minimisation, processors \
                  and transfers, consistency between sources and processings.\n\n\
                  Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage, \
                  configuration, I/O or internal error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint the workspace (found by walking up from the current directory or the first PATH).
    Lint(LintArgs),
    /// Print the JSON Schema of documents, or write the schema files to a directory.
    Schema(SchemaArgs),
    /// Print the documentation of one rule, or of every rule with --all.
    Rule(RuleArgs),
    /// List every rule: code, name, family, default severity.
    Rules(RulesArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Snippets of the YAML with the problem underlined (miette).
    Human,
    /// The versioned JSON report (see the README).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// The workspace root, or files and folders inside it to report on (the whole workspace is
    /// still read: cross-file rules need every file). Default: the current directory.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Rules to run: codes, prefixes (DC2, DC20) or ALL, comma-separated; replaces `rules.select`.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Option<Vec<String>>,
    /// Rules to add to the selection.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub extend_select: Vec<String>,
    /// Rules to leave out.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Exit 0 whatever is found (same as --fail-on never).
    #[arg(long)]
    pub exit_zero: bool,
    /// Use this settings file; its folder is the workspace root.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any datacharter.yaml: lint the given folder with default settings.
    #[arg(long)]
    pub no_config: bool,
    /// When to colour the output (NO_COLOR is respected on auto).
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write document.schema.json and settings.schema.json into this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The rule's code, e.g. DC204.
    #[arg(required_unless_present = "all")]
    pub code: Option<String>,
    /// Every rule.
    #[arg(long, conflicts_with = "code")]
    pub all: bool,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: DocFormat,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: DocFormat,
}

/// Parses the command line and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Lint(args) => crate::commands::lint::run(&args),
        Command::Schema(args) => crate::commands::schema::run(&args),
        Command::Rule(args) => crate::commands::rule::run_rule(&args),
        Command::Rules(args) => crate::commands::rule::run_rules(&args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
