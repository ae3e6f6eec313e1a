//! `datacharter audit`: read the exports of the declared sources and report DA findings through
//! lint's selection, severities, suppressions, report formats and exit codes.

use super::CommandError;
use crate::audit::{self, AuditOptions};
use crate::cli::{Color, FailOn, Format, LintArgs, LocaleArg, ReportSpec};
use crate::commands::lint::{RunFacts, exit_code, render, today};
use crate::config::{self, ConfigError, Overrides};
use crate::finding::Finding;
use crate::lint::{lint, settings_file_name};
use crate::report;
use crate::syntax::{Limits, parse_in};
use crate::workspace::{self, Discovery};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Show {
    /// 1-based row numbers in the findings (never the values).
    Rows,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    Markdown,
    Html,
    Csv,
}

/// Audit the real data: read the export of every source that declares one (`export: { path }`)
/// and hold it against the register (completeness, reliability, consistency, minimisation).
/// No cell value is ever printed: findings give columns, counts and shares.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only these sources (ids) [default: every source that declares an export].
    pub sources: Vec<String>,
    /// Read SOURCE's export from FILE instead of its declared `export.path` (repeatable).
    #[arg(long = "export", value_name = "SOURCE=FILE")]
    pub exports: Vec<String>,
    /// Output format [default: human]; repeat with --output as for `lint`.
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub formats: Vec<Format>,
    /// Write the report of the preceding --format to FILE instead of standard output.
    #[arg(long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,
    #[arg(skip)]
    pub reports: Vec<ReportSpec>,
    /// Also write a quality sheet per source (completeness, reliability, consistency,
    /// minimisation).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub sheet: Option<SheetFormat>,
    /// Write the quality sheet to FILE [default: standard output, after the report].
    #[arg(long, value_name = "FILE", requires = "sheet")]
    pub sheet_output: Option<PathBuf>,
    /// Rules to run: codes, prefixes (DA2) or ALL, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Option<Vec<String>>,
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub extend_select: Vec<String>,
    /// Rules to leave out.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Exit 0 whatever is found.
    #[arg(long)]
    pub exit_zero: bool,
    /// Use this settings file; its folder is the workspace root.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any datacharter.yaml: the current folder with default settings.
    #[arg(long)]
    pub no_config: bool,
    /// Print the findings only, without the summary line.
    #[arg(long)]
    pub quiet: bool,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// Disregard `# datacharter: ignore[…]` comments.
    #[arg(long)]
    pub no_ignores: bool,
    #[arg(long, value_enum)]
    pub locale: Option<LocaleArg>,
    /// `rows`: add the 1-based row numbers (never the values) to the findings.
    #[arg(long, value_enum)]
    pub show: Option<Show>,
    /// Match two sources: join rates both ways, attribute agreement, formats (DA501–DA503).
    #[arg(long, num_args = 2, value_names = ["SOURCE", "SOURCE"], conflicts_with = "sources")]
    pub link: Vec<String>,
    /// Fewest rows before a value finding fires (DA201, DA204) [default: 3, a datacharter default].
    #[arg(long, value_name = "N", default_value = "3")]
    pub min_count: u64,
}

pub fn run(args: &AuditArgs) -> Result<ExitCode, CommandError> {
    let start = std::env::current_dir()?;
    let discovery = Discovery {
        start: &start,
        config: args.config.as_deref(),
        no_config: args.no_config,
    };
    let workspace = workspace::load(&discovery)?;
    let settings_file = settings_file_name(&workspace);
    let overrides = Overrides {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        no_ignores: args.no_ignores,
        locale: args.locale.map(Into::into),
    };
    let (options, today) = options_for(&workspace, &settings_file, &overrides)?;
    let outcome = lint(&workspace, &options)?;
    let exports = args
        .exports
        .iter()
        .map(|text| match text.split_once('=') {
            Some((source, file)) if !source.is_empty() && !file.is_empty() => {
                Ok((source.to_owned(), PathBuf::from(file)))
            }
            _ => Err(format!("--export {text}: expected SOURCE=FILE")),
        })
        .collect::<Result<Vec<_>, String>>()?;
    let audit_options = AuditOptions {
        today,
        locale: options.locale,
        show_rows: args.show == Some(Show::Rows),
        min_count: args.min_count.max(1),
        exports,
        sources: args.sources.clone(),
        limits: audit::read::Limits::default(),
        link: match args.link.as_slice() {
            [a, b] => Some((a.clone(), b.clone())),
            _ => None,
        },
        hasher: std::collections::hash_map::RandomState::new(),
    };
    let context = audit::audit(
        &workspace.root,
        &outcome.inventory,
        &outcome.policy,
        &audit_options,
    )
    .map_err(|e| e.to_string())?;
    let mut findings = audit::rules::run(&context, &options.selection);
    // `--link` measures the link: its findings, and why an export could not be read.
    if audit_options.link.is_some() {
        findings.retain(|f| f.code.starts_with("DA5") || f.code == "DA001");
    }
    for finding in &mut findings {
        if let Some(severity) = options.severity.get(&finding.code) {
            finding.severity = *severity;
        }
    }

    // The source files the findings point into, parsed again for their spans and comments.
    let mut files = outcome.files;
    let wanted: Vec<String> = findings.iter().map(|f| f.location.file.clone()).collect();
    for path in wanted {
        if let Some(kept) = files.get(&path)
            && kept.documents.is_empty()
        {
            let text = kept.source.text.clone();
            files.insert(
                path.clone(),
                parse_in(&path, text.as_bytes(), &Limits::default(), options.locale),
            );
        }
    }
    let known =
        |code: &str| audit::rules::find(code).is_some() || crate::rules::find(code).is_some();
    let kept = crate::suppress::apply(findings, &files, &known, &options.suppress, options.locale);
    // Suppression comments name DC and DA codes alike; DC findings about them belong to lint.
    let findings: Vec<Finding> = kept
        .findings
        .into_iter()
        .filter(|f| f.code.starts_with("DA"))
        .collect();
    let worst = findings.iter().map(|f| f.severity).max();

    let linted: Vec<&str> = context
        .sources
        .iter()
        .map(|s| s.source.file.as_str())
        .collect();
    let facts = RunFacts {
        files: &files,
        linted,
        enabled: audit::rules::rules()
            .into_iter()
            .filter(|rule| options.selection.is_enabled(rule.code))
            .collect(),
        file_count: context.sources.len(),
        document_count: context.sources.len(),
        suppressed: kept.suppressed,
        path_prefix: report::repository_prefix(&workspace.root),
        hidden: Vec::new(),
        skipped: Default::default(),
        root: Some(workspace.root.clone()),
        timings: None,
        locale: options.locale,
        catalogue: audit::rules::rules(),
    };
    let lint_args = as_lint_args(args);
    render(&lint_args, &facts, findings)?;
    // The quality sheet comes after the report (on standard output) or in its own file.
    if let Some(format) = args.sheet {
        let mut text = Vec::new();
        audit::sheet::render(&context, format, options.locale, &mut text)?;
        match &args.sheet_output {
            Some(path) => crate::output::write_atomically(path, &text)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?,
            None => crate::output::console::print(&text)?,
        }
    }
    Ok(exit_code(&lint_args, worst))
}

/// The lint options of a workspace with these overrides, and today's date: the settings'
/// first problem is an error here (`lint` is the command that reports them all).
pub(crate) fn options_for(
    workspace: &crate::workspace::Workspace,
    settings_file: &str,
    overrides: &Overrides,
) -> Result<(crate::lint::Options, jiff::civil::Date), CommandError> {
    let today = today()?;
    match config::options(
        &workspace.settings,
        settings_file,
        &workspace.root,
        overrides,
        today,
    ) {
        Ok(options) => Ok((options, today)),
        Err(ConfigError::Usage(message)) => Err(message.into()),
        Err(ConfigError::Settings(findings)) => {
            let first = findings
                .first()
                .map(|f| f.message.clone())
                .unwrap_or_default();
            Err(format!("{settings_file}: {first}").into())
        }
    }
}

/// The report options in lint's shape, so that both commands render through one path.
fn as_lint_args(args: &AuditArgs) -> LintArgs {
    LintArgs {
        paths: Vec::new(),
        formats: args.formats.clone(),
        outputs: args.outputs.clone(),
        reports: args.reports.clone(),
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on,
        exit_zero: args.exit_zero,
        config: args.config.clone(),
        no_config: args.no_config,
        statistics: false,
        quiet: args.quiet,
        color: args.color,
        no_ignores: args.no_ignores,
        locale: args.locale,
        threads: None,
        timings: false,
        ..LintArgs::plain(Vec::new(), args.config.clone(), args.no_config)
    }
}
