//! `datacharter lint`: load the workspace, run the pipeline, render, choose the exit code.

use super::CommandError;
use crate::cli::{Color, FailOn, Format, LintArgs, ReportSpec};
use crate::config::{self, ConfigError, Overrides};
use crate::finding::{Finding, Severity};
use crate::lint::{Timings, lint, settings_file_name};
use crate::output::console;
use crate::report::{self, ColorChoice, HumanOptions, Report};
use crate::rules::{REGISTRY, Rule};
use crate::syntax::{Limits, ParsedFile, parse};
use crate::workspace::{self, Discovery, Workspace, WorkspaceError};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The environment variable that fixes "today" (YYYY-MM-DD), for reproducible runs and tests.
pub const TODAY_VARIABLE: &str = "DATACHARTER_TODAY";

pub fn run(args: &LintArgs) -> Result<ExitCode, CommandError> {
    let started = Instant::now();
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
            if let Some(root) = settings_root(args, &start, &path) {
                let settings = root.join(&path);
                refuse_inputs(args, |output| same_file(output, &settings))?;
            }
            let files = BTreeMap::from([(path.clone(), *file)]);
            let facts = RunFacts {
                files: &files,
                linted: vec![path.as_str()],
                enabled: REGISTRY.to_vec(),
                file_count: 1,
                document_count: 0,
                suppressed: 0,
                hidden: Vec::new(),
                skipped: Default::default(),
                path_prefix: settings_root(args, &start, &path)
                    .map_or_else(String::new, |root| report::repository_prefix(&root)),
                timings: None,
                locale: crate::i18n::resolve(args.locale.map(Into::into), None),
            };
            render(args, &facts, findings)?;
            return Ok(ExitCode::from(2));
        }
        Err(error) => return Err(error.into()),
    };
    refuse_inputs(args, |output| workspace.is_input(output))?;
    let discovered = started.elapsed();
    let filter = workspace.report_filter(&args.paths)?;
    let settings_file = settings_file_name(&workspace);
    let overrides = Overrides {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        no_ignores: args.no_ignores,
        locale: args.locale.map(Into::into),
    };
    let mut options = match config::options(
        &workspace.settings,
        &settings_file,
        &workspace.root,
        &overrides,
        today()?,
    ) {
        Ok(options) => options,
        Err(ConfigError::Usage(message)) => return Err(message.into()),
        Err(ConfigError::Settings(findings)) => {
            return render_settings_problems(args, &workspace, &settings_file, findings);
        }
    };
    options.threads = args.threads.map(usize::from);
    let selection = options.selection.clone();
    let outcome = lint(&workspace, &options)?;
    let custom_codes: Vec<&str> = outcome
        .custom_rules
        .iter()
        .map(|rule| rule.code.as_str())
        .collect();
    let unknown = config::unknown_custom_selectors(&options, &custom_codes);
    if !unknown.is_empty() {
        return Err(format!(
            "{} matches no custom rule of this workspace (custom rules are declared in `kind: policy` documents)",
            unknown.join(", ")
        )
        .into());
    }
    let mut timings = outcome.timings;
    timings.discover = discovered;
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
        suppressed: outcome.suppressed,
        hidden: outcome
            .hidden
            .into_iter()
            .filter(|hidden| filter.includes(&hidden.finding.location.file))
            .collect(),
        skipped: outcome.skipped,
        path_prefix: report::repository_prefix(&workspace.root),
        timings: args.timings.then_some(timings),
        locale: options.locale,
    };
    let rendering = Instant::now();
    render(args, &facts, findings)?;
    if args.timings {
        timings.report += rendering.elapsed();
        console::eprint(timings_table(&timings))?;
    }
    Ok(exit_code(args, worst))
}

/// Bad settings found once the workspace is loaded (unknown codes, missing policy packs):
/// rendered against the settings file, exit 2.
fn render_settings_problems(
    args: &LintArgs,
    workspace: &Workspace,
    settings_file: &str,
    findings: Vec<Finding>,
) -> Result<ExitCode, CommandError> {
    let mut files = BTreeMap::new();
    if let Some(bytes) = workspace.read_settings() {
        files.insert(
            settings_file.to_owned(),
            parse(settings_file, &bytes, &Limits::default()),
        );
    }
    let facts = RunFacts {
        files: &files,
        linted: vec![settings_file],
        enabled: REGISTRY.to_vec(),
        file_count: 1,
        document_count: 0,
        suppressed: 0,
        hidden: Vec::new(),
        skipped: Default::default(),
        path_prefix: report::repository_prefix(&workspace.root),
        timings: None,
        locale: crate::i18n::resolve(args.locale.map(Into::into), workspace.settings.locale),
    };
    render(args, &facts, findings)?;
    Ok(ExitCode::from(2))
}

/// `--timings` on standard error: one line per stage, then what was read.
fn timings_table(timings: &Timings) -> String {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let stages = [
        ("discover", timings.discover),
        ("parse", timings.parse),
        ("schema", timings.schema),
        ("model", timings.model),
        ("rules", timings.rules),
        ("suppress", timings.suppress),
        ("report", timings.report),
    ];
    let total: std::time::Duration = stages.iter().map(|(_, d)| *d).sum();
    let mut text = String::from("stage        time (ms)\n");
    for (name, duration) in stages {
        text.push_str(&format!("{name:<10} {:>11.3}\n", ms(duration)));
    }
    text.push_str(&format!("{:<10} {:>11.3}\n", "total", ms(total)));
    text.push_str(&format!(
        "read {} bytes, {} documents\n",
        timings.bytes, timings.documents
    ));
    text
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
    /// Findings silenced by suppression comments.
    suppressed: usize,
    /// Every silenced finding, with its reason (listed apart in the machine reports).
    hidden: Vec<crate::suppress::Hidden>,
    /// Checks withheld on documents that failed to parse or validate.
    skipped: crate::lint::SkippedChecks,
    /// The workspace root inside its git repository (GitHub and SARIF paths).
    path_prefix: String,
    /// Stage times, for the JSON report (`--timings`).
    timings: Option<Timings>,
    /// The language of the summary line.
    locale: crate::i18n::Locale,
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
    let mut report = Report::new(
        ".",
        facts.file_count,
        facts.document_count,
        facts.suppressed,
        diagnostics,
    );
    report.timings = facts.timings;
    report.locale = facts.locale;
    report.summary.skipped_checks = facts.skipped.codes.len();
    report.summary.unreadable = facts.skipped.files.iter().cloned().collect();
    report.suppressed = facts
        .hidden
        .iter()
        .flat_map(|hidden| {
            report::locate(vec![hidden.finding.clone()], &lookup)
                .into_iter()
                .map(|diagnostic| report::SuppressedDiagnostic {
                    diagnostic,
                    reason: hidden.reason.clone(),
                    in_source: hidden.in_source,
                })
        })
        .collect();
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
            Some(path) => crate::output::write_atomically(path, &buffer)?,
            None => console::print(&buffer)?,
        }
        if spec.format == Format::Github
            && let Some(summary) = std::env::var_os(STEP_SUMMARY_VARIABLE).filter(|v| !v.is_empty())
        {
            let mut text = Vec::new();
            report::render_step_summary(&report, &facts.path_prefix, &mut text)?;
            fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&summary)
                .and_then(|mut file| file.write_all(&text))
                .map_err(|error| {
                    let path = Path::new(&summary).display().to_string();
                    format!("cannot append the step summary to {path}: {error}")
                })?;
        }
    }
    Ok(())
}

/// `lint` never writes over what it reads: an `--output` that is one of the workspace's
/// inputs (by any spelling or link) is a usage error, before anything is written.
fn refuse_inputs(args: &LintArgs, is_input: impl Fn(&Path) -> bool) -> Result<(), CommandError> {
    for path in args.reports.iter().filter_map(|spec| spec.output.as_ref()) {
        if is_input(path) {
            return Err(format!(
                "refusing to write a report to {}: it is one of the files this workspace lints; name another file",
                path.display()
            )
            .into());
        }
    }
    Ok(())
}

/// Whether two paths lead to the same file, once resolved.
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
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
