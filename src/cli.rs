//! Command-line arguments (clap derive) and dispatch to the commands.

use clap::error::ErrorKind;
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
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
    /// List every rule: code, name, family, default and effective severity.
    Rules(RulesArgs),
    /// The policy tables: vocabularies, reference durations, governance, minimisation, transfers.
    #[command(subcommand)]
    Policy(PolicyCommand),
    // No doc comment: `InitArgs` takes its description from the message catalogue.
    Init(crate::commands::init::InitArgs),
    /// Write the record of processing activities (GDPR Art. 30) as markdown, HTML, CSV or JSON.
    Register(crate::commands::register::RegisterArgs),
    /// Export the data map: sources × data categories, the processings of each source, the cells the rules flag.
    Map(crate::commands::map::MapArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Snippets of the YAML with the problem underlined (miette).
    Human,
    /// One `file:line:col: severity[CODE] message` line per finding.
    Concise,
    /// The versioned JSON report (see the README).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations; also a summary in $GITHUB_STEP_SUMMARY when it is set.
    Github,
    /// JUnit XML: a test suite per file, a test case per rule.
    Junit,
}

/// One report of a run: a format and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSpec {
    pub format: Format,
    /// `None`: standard output.
    pub output: Option<PathBuf>,
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
    /// Output format [default: human]. Repeat it with --output to write several reports in one
    /// run: each --output FILE is for the --format just before it; a format without one goes to
    /// standard output (only one may). `--output -` is standard output.
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub formats: Vec<Format>,
    /// Write the report of the preceding --format to FILE (atomically) instead of standard output.
    #[arg(long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,
    /// The reports to write, paired from --format and --output by `parse`.
    #[arg(skip)]
    pub reports: Vec<ReportSpec>,
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
    /// Print the number of findings per code instead of the findings (human, concise and json
    /// formats; the others are unchanged).
    #[arg(long)]
    pub statistics: bool,
    /// Print the findings only: no summary line, nothing at all when the workspace is clean.
    #[arg(long)]
    pub quiet: bool,
    /// When to colour the output (NO_COLOR is respected on auto).
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// Disregard `# datacharter: ignore[…]` comments (settings' per-file-ignores still apply).
    #[arg(long)]
    pub no_ignores: bool,
    /// Language of the messages [default: the settings' `locale`, else LANG, else en].
    #[arg(long, value_enum)]
    pub locale: Option<LocaleArg>,
    /// Worker threads for reading, parsing and validating files [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Print the time of each stage (and the bytes and documents read) on standard error,
    /// and add them to the JSON report.
    #[arg(long)]
    pub timings: bool,
}

/// `--locale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LocaleArg {
    En,
    Fr,
}

impl From<LocaleArg> for crate::i18n::Locale {
    fn from(locale: LocaleArg) -> Self {
        match locale {
            LocaleArg::En => crate::i18n::Locale::En,
            LocaleArg::Fr => crate::i18n::Locale::Fr,
        }
    }
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

/// Where to find the workspace, for commands that read it without linting it.
#[derive(Debug, Clone, Args)]
pub struct WorkspaceArgs {
    /// Use this settings file; its folder is the workspace root [default: found by walking up
    /// from the current directory; without one, only the built-in rules and packs are shown].
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any datacharter.yaml: built-in rules and packs only.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The rule's code, e.g. DC204, or a custom rule's code (X001) from the workspace's policies.
    #[arg(required_unless_present = "all")]
    pub code: Option<String>,
    /// Every built-in rule.
    #[arg(long, conflicts_with = "code")]
    pub all: bool,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: DocFormat,
    /// Language of the documentation [default: LANG, else en].
    #[arg(long, value_enum)]
    pub locale: Option<LocaleArg>,
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: DocFormat,
    /// Language of the summaries [default: the settings' `locale`, else LANG, else en].
    #[arg(long, value_enum)]
    pub locale: Option<LocaleArg>,
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Print the effective policy tables (built-in packs merged with the workspace's own) and
    /// where each entry comes from.
    Show(PolicyShowArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct PolicyShowArgs {
    /// Only this pack: taxonomy, retention, governance, minimisation, transfers or rules.
    pub pack: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TableFormat,
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
}

/// Parses a command line. Beyond clap's derive, pairs each `lint --output` with the `--format`
/// before it, which needs the arguments' positions.
pub fn parse<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    // Help texts that live in the message catalogues follow the environment's language.
    let locale = crate::i18n::Locale::from_environment();
    let command = Cli::command().mut_subcommand("register", |c| {
        crate::commands::register::localize(c, locale)
    });
    let matches = command.try_get_matches_from(args)?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    if let (Command::Lint(lint), Some(("lint", lint_matches))) =
        (&mut cli.command, matches.subcommand())
    {
        let formats = positioned::<Format>(lint_matches, "formats");
        let outputs = positioned::<PathBuf>(lint_matches, "outputs");
        lint.reports = pair_reports(&formats, &outputs).map_err(|message| {
            // The lint subcommand's own usage, as clap prints for its other errors.
            let mut command = Cli::command();
            command.build();
            match command.find_subcommand_mut("lint") {
                Some(lint) => lint.error(ErrorKind::ArgumentConflict, message),
                None => command.error(ErrorKind::ArgumentConflict, message),
            }
        })?;
    }
    Ok(cli)
}

/// An option's values with their positions on the command line.
fn positioned<T: Clone + Send + Sync + 'static>(matches: &ArgMatches, id: &str) -> Vec<(usize, T)> {
    match (matches.indices_of(id), matches.get_many::<T>(id)) {
        (Some(indices), Some(values)) => indices.zip(values.cloned()).collect(),
        _ => Vec::new(),
    }
}

/// Pairs outputs with formats: with at most one of each, they go together whatever their order;
/// otherwise each `--output` is for the nearest `--format` before it. A format without an output
/// (or with `-`) goes to standard output, and only one may.
pub fn pair_reports(
    formats: &[(usize, Format)],
    outputs: &[(usize, PathBuf)],
) -> Result<Vec<ReportSpec>, String> {
    let to_stdout = |path: &PathBuf| (path.as_os_str() != "-").then(|| path.clone());
    let reports = if formats.len() <= 1 && outputs.len() <= 1 {
        vec![ReportSpec {
            format: formats.first().map_or(Format::Human, |(_, format)| *format),
            output: outputs.first().and_then(|(_, path)| to_stdout(path)),
        }]
    } else {
        let mut reports: Vec<(ReportSpec, bool)> = formats
            .iter()
            .map(|(_, format)| {
                (
                    ReportSpec {
                        format: *format,
                        output: None,
                    },
                    false,
                )
            })
            .collect();
        for (at, path) in outputs {
            let owner = formats.iter().rposition(|(format_at, _)| format_at < at);
            let Some((report, paired)) = owner.and_then(|owner| reports.get_mut(owner)) else {
                return Err(format!(
                    "--output {} comes before any --format: put it after the --format it is for",
                    path.display()
                ));
            };
            if *paired {
                return Err(format!(
                    "two --output for one --format {:?}: give each --output its own --format",
                    report.format
                ));
            }
            report.output = to_stdout(path);
            *paired = true;
        }
        reports.into_iter().map(|(report, _)| report).collect()
    };
    if reports
        .iter()
        .filter(|report| report.output.is_none())
        .count()
        > 1
    {
        return Err(
            "only one report can go to standard output: give the other --format an --output FILE"
                .to_owned(),
        );
    }
    let mut files: Vec<&PathBuf> = reports.iter().filter_map(|r| r.output.as_ref()).collect();
    files.sort();
    if let Some(pair) = files.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(format!(
            "two reports would be written to {}",
            pair[0].display()
        ));
    }
    Ok(reports)
}

/// Parses the command line and runs the command.
pub fn main() -> ExitCode {
    let cli = match parse(std::env::args_os()) {
        Ok(cli) => cli,
        // Usage errors exit with 2, --help and --version with 0.
        Err(error) => error.exit(),
    };
    let result = match cli.command {
        Command::Lint(args) => crate::commands::lint::run(&args),
        Command::Schema(args) => crate::commands::schema::run(&args),
        Command::Rule(args) => crate::commands::rule::run_rule(&args),
        Command::Rules(args) => crate::commands::rule::run_rules(&args),
        Command::Policy(PolicyCommand::Show(args)) => crate::commands::policy::run_show(&args),
        Command::Init(args) => crate::commands::init::run(&args),
        Command::Register(args) => crate::commands::register::run(&args),
        Command::Map(args) => crate::commands::map::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            // Standard error may be closed or full too: exit 2 all the same, never a panic.
            let _ = crate::output::console::eprint(format!("error: {error}\n"));
            ExitCode::from(2)
        }
    }
}
