//! `datacharter lint`: load the workspace, run the pipeline, render, choose the exit code.

use super::CommandError;
use crate::cli::{Color, FailOn, Format, LintArgs};
use crate::finding::{Finding, Severity};
use crate::lint::{Options, lint};
use crate::model::Settings;
use crate::report::{self, ColorChoice, HumanOptions, Report};
use crate::rules::{REGISTRY, Selection, Selector};
use crate::syntax::{Limits, ParsedFile};
use crate::workspace::{self, Discovery, WorkspaceError};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The environment variable that fixes "today" (YYYY-MM-DD), for reproducible runs and tests.
pub const TODAY_VARIABLE: &str = "DATACHARTER_TODAY";

pub fn run(args: &LintArgs) -> Result<ExitCode, CommandError> {
    let start = discovery_start(&args.paths)?;
    let discovery = Discovery {
        start: &start,
        config: args.config.as_deref(),
        no_config: args.no_config,
    };
    let workspace = match workspace::load(&discovery) {
        Ok(workspace) => workspace,
        Err(WorkspaceError::InvalidSettings { file, findings }) => {
            let path = file.source.path.clone();
            let files = BTreeMap::from([(path, *file)]);
            render(args, &files, findings, 1, 0)?;
            return Ok(ExitCode::from(2));
        }
        Err(error) => return Err(error.into()),
    };
    let filter = workspace.report_filter(&args.paths)?;
    let options = Options {
        selection: selection(args, &workspace.settings)?,
        limits: Limits::default(),
        today: today()?,
        threads: None,
    };
    let outcome = lint(&workspace, &options)?;
    let findings: Vec<Finding> = outcome
        .findings
        .into_iter()
        .filter(|finding| filter.includes(&finding.location.file))
        .collect();
    let worst = findings.iter().map(|f| f.severity).max();
    render(args, &outcome.files, findings, outcome.file_count, outcome.document_count)?;
    Ok(exit_code(args, worst))
}

/// Discovery starts from the first PATH (its folder when it is a file), else the current
/// directory.
fn discovery_start(paths: &[PathBuf]) -> io::Result<PathBuf> {
    match paths.first() {
        Some(path) if path.is_file() => Ok(path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)),
        Some(path) => Ok(path.clone()),
        None => std::env::current_dir(),
    }
}

/// Settings' selection, overridden by the command line: `--select` replaces `rules.select`;
/// `--extend-select` and `--ignore` add to the settings' lists.
fn selection(args: &LintArgs, settings: &Settings) -> Result<Selection, CommandError> {
    let known: Vec<&str> = REGISTRY.iter().map(|rule| rule.code).collect();
    let parse = |texts: &mut dyn Iterator<Item = &str>| -> Result<Vec<Selector>, CommandError> {
        texts
            .map(|text| Selector::parse(text, &known).map_err(Into::into))
            .collect()
    };
    let rules = settings.rules.clone().unwrap_or_default();
    let select = match &args.select {
        Some(codes) => parse(&mut codes.iter().map(String::as_str))?,
        None => match &rules.select {
            Some(codes) => parse(&mut codes.iter().map(|c| c.as_str()))?,
            None => Vec::new(),
        },
    };
    let extend = parse(
        &mut rules
            .extend_select
            .iter()
            .map(|c| c.as_str())
            .chain(args.extend_select.iter().map(String::as_str)),
    )?;
    let ignore = parse(
        &mut rules
            .ignore
            .iter()
            .map(|c| c.as_str())
            .chain(args.ignore.iter().map(String::as_str)),
    )?;
    Ok(Selection::new(&select, &extend, &ignore, &[]))
}

/// Today's date, or the one `DATACHARTER_TODAY` fixes.
pub fn today() -> Result<jiff::civil::Date, CommandError> {
    match std::env::var(TODAY_VARIABLE) {
        Ok(text) => text.parse().map_err(|error| {
            format!("{TODAY_VARIABLE}={text} is not a date (expected YYYY-MM-DD): {error}").into()
        }),
        Err(_) => Ok(jiff::Zoned::now().date()),
    }
}

fn render(
    args: &LintArgs,
    files: &BTreeMap<String, ParsedFile>,
    findings: Vec<Finding>,
    file_count: usize,
    document_count: usize,
) -> io::Result<()> {
    let lookup = |path: &str| files.get(path);
    let diagnostics = report::locate(findings, &lookup);
    let report = Report::new(".", file_count, document_count, 0, diagnostics);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Human => {
            let choice = match args.color {
                Color::Auto => ColorChoice::Auto,
                Color::Always => ColorChoice::Always,
                Color::Never => ColorChoice::Never,
            };
            let options = HumanOptions {
                colored: report::stdout_should_color(choice),
                ..HumanOptions::default()
            };
            report::render_human(&report, &lookup, &options, &mut out)?;
        }
        Format::Json => report::render_json(&report, &mut out)?,
    }
    out.flush()
}

fn exit_code(args: &LintArgs, worst: Option<Severity>) -> ExitCode {
    let threshold = match (args.exit_zero, args.fail_on) {
        (true, _) | (_, FailOn::Never) => None,
        (_, FailOn::Error) => Some(Severity::Error),
        (_, FailOn::Warning) => Some(Severity::Warning),
        (_, FailOn::Info) => Some(Severity::Info),
    };
    match (threshold, worst) {
        (Some(threshold), Some(worst)) if worst >= threshold => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}
