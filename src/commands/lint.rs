//! `datacharter lint`: load the workspace, run the pipeline, render, choose the exit code.

use super::CommandError;
use crate::cli::{Color, FailOn, Format, LintArgs, ReportSpec};
use crate::finding::{Finding, Severity};
use crate::lint::{Options, lint};
use crate::model::Settings;
use crate::report::{self, ColorChoice, HumanOptions, Report};
use crate::rules::{REGISTRY, Rule, Selection, Selector};
use crate::syntax::{Limits, ParsedFile};
use crate::workspace::{self, Discovery, WorkspaceError};
use std::collections::BTreeMap;
use std::fs;
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
            let files = BTreeMap::from([(path.clone(), *file)]);
            let facts = RunFacts {
                files: &files,
                linted: vec![path.as_str()],
                enabled: REGISTRY.to_vec(),
                file_count: 1,
                document_count: 0,
                path_prefix: settings_root(args, &start, &path)
                    .map_or_else(String::new, |root| report::repository_prefix(&root)),
            };
            render(args, &facts, findings)?;
            return Ok(ExitCode::from(2));
        }
        Err(error) => return Err(error.into()),
    };
    let filter = workspace.report_filter(&args.paths)?;
    let selection = selection(args, &workspace.settings)?;
    let options = Options::new(selection.clone(), today()?);
    let outcome = lint(&workspace, &options)?;
    let findings: Vec<Finding> = outcome
        .findings
        .into_iter()
        .filter(|finding| filter.includes(&finding.location.file))
        .collect();
    let worst = findings.iter().map(|f| f.severity).max();
    let facts = RunFacts {
        files: &outcome.files,
        linted: workspace
            .files
            .iter()
            .map(|file| file.path.as_str())
            .filter(|path| filter.includes(path))
            .collect(),
        enabled: REGISTRY
            .iter()
            .copied()
            .filter(|rule| selection.is_enabled(rule.code))
            .collect(),
        file_count: outcome.file_count,
        document_count: outcome.document_count,
        path_prefix: report::repository_prefix(&workspace.root),
    };
    render(args, &facts, findings)?;
    Ok(exit_code(args, worst))
}

/// The folder of the settings file that failed to load (`name`, as its report shows it), for
/// the repository-relative paths of that report.
fn settings_root(args: &LintArgs, start: &Path, name: &str) -> Option<PathBuf> {
    let root = match &args.config {
        Some(config) => config.parent()?.to_path_buf(),
        None => start
            .ancestors()
            .find(|dir| dir.join(name).is_file())?
            .to_path_buf(),
    };
    let root = if root.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        root
    };
    root.canonicalize().ok()
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
    Ok(Selection::new(select, extend, ignore))
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

/// What the renderers need beyond the findings.
struct RunFacts<'a> {
    /// Every parsed file, for locating findings and showing snippets.
    files: &'a BTreeMap<String, ParsedFile>,
    /// Files reported on (JUnit lists their passing cases too).
    linted: Vec<&'a str>,
    /// Rules that ran (JUnit's test cases).
    enabled: Vec<&'static Rule>,
    file_count: usize,
    document_count: usize,
    /// The workspace root inside its git repository (GitHub and SARIF paths).
    path_prefix: String,
}

/// Renders every requested report: each to a buffer first, so that a file is replaced in
/// one rename and standard output gets whole reports.
fn render(
    args: &LintArgs,
    facts: &RunFacts<'_>,
    findings: Vec<Finding>,
) -> Result<(), CommandError> {
    let lookup = |path: &str| facts.files.get(path);
    let diagnostics = report::locate(findings, &lookup);
    let report = Report::new(".", facts.file_count, facts.document_count, 0, diagnostics);
    let default = [ReportSpec {
        format: Format::Human,
        output: None,
    }];
    let specs = if args.reports.is_empty() {
        &default[..]
    } else {
        &args.reports[..]
    };
    for spec in specs {
        let mut buffer = Vec::new();
        render_one(args, spec, facts, &report, &mut buffer)?;
        match &spec.output {
            Some(path) => write_atomically(path, &buffer)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?,
            None => {
                let mut out = io::stdout().lock();
                out.write_all(&buffer)?;
                out.flush()?;
            }
        }
        if spec.format == Format::Github
            && let Some(summary) = std::env::var_os(STEP_SUMMARY_VARIABLE).filter(|v| !v.is_empty())
        {
            let mut text = Vec::new();
            report::render_step_summary(&report, &facts.path_prefix, &mut text)?;
            let mut file = fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&summary)?;
            file.write_all(&text)?;
        }
    }
    Ok(())
}

/// GitHub Actions sets it to a file whose markdown is shown on the run's page.
const STEP_SUMMARY_VARIABLE: &str = "GITHUB_STEP_SUMMARY";

fn render_one(
    args: &LintArgs,
    spec: &ReportSpec,
    facts: &RunFacts<'_>,
    report: &Report,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    let quiet = args.quiet;
    match (spec.format, args.statistics) {
        (Format::Human | Format::Concise, true) => report::render_statistics(report, quiet, out),
        (Format::Json, true) => report::render_statistics_json(report, out),
        (Format::Human, false) => render_human(args, spec, facts, report, out),
        (Format::Concise, false) => report::render_concise(report, quiet, out),
        (Format::Json, false) => report::render_json(report, out),
        (Format::Sarif, _) => report::render_sarif(report, REGISTRY, &facts.path_prefix, out),
        (Format::Github, _) => report::render_github(report, &facts.path_prefix, quiet, out),
        (Format::Junit, _) => report::render_junit(report, &facts.linted, &facts.enabled, out),
    }
}

fn render_human(
    args: &LintArgs,
    spec: &ReportSpec,
    facts: &RunFacts<'_>,
    report: &Report,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    let choice = match args.color {
        Color::Auto => ColorChoice::Auto,
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
    };
    let colored = match spec.output {
        None => report::stdout_should_color(choice),
        // A file is not a terminal: colour only when asked to.
        Some(_) => report::should_color(choice, false, None),
    };
    let options = HumanOptions {
        colored,
        ..HumanOptions::default()
    };
    let lookup = |path: &str| facts.files.get(path);
    report::render_human(report, &lookup, &options, out)?;
    if args.quiet {
        // The human report ends with the summary line; --quiet leaves it out.
        let kept = out[..out.len().saturating_sub(1)]
            .iter()
            .rposition(|byte| *byte == b'\n')
            .map_or(0, |at| at + 1);
        out.truncate(kept);
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`: a reader
/// never sees half a report, and a failed run leaves the previous report in place.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(name);
    temporary_name.push(format!(".{}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary_name);
    let written = fs::write(&temporary, bytes).and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        // Best effort: the error that matters is the one returned.
        let _ = fs::remove_file(&temporary);
    }
    written
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
