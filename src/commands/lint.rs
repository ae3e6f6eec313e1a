//! `datacharter lint`: load the workspace, run the pipeline, render, choose the exit code.

use super::CommandError;
use crate::adopt::baseline::{self, Baseline};
use crate::adopt::{self, Hidden, suppressions};
use crate::cli::{Color, FailOn, Format, LintArgs, ReportSpec};
use crate::config::{self, ConfigError, Overrides};
use crate::finding::{Finding, Severity};
use crate::lint::{Timings, lint, settings_file_name};
use crate::output::console;
use crate::report::{self, ColorChoice, Diagnostic, HumanOptions, Report};
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
    let analysed = match analyse(args)? {
        Analysis::Ready(analysed) => *analysed,
        Analysis::Exit(code) => return Ok(code),
    };
    let Analysed {
        workspace,
        options,
        settings_file: _,
        mut outcome,
        diagnostics,
        linted,
        filter,
        mut timings,
        revision,
    } = analysed;
    let revision = revision.transpose()?;
    let adopted = adopt(
        args,
        filter.as_ref(),
        &workspace,
        &options,
        revision,
        &mut outcome,
        diagnostics,
    )?;
    if let Some(reason) = &args.add_suppressions {
        return add_suppressions(&workspace, &adopted.shown, reason);
    }
    let worst = adopted.shown.iter().map(|d| d.severity).max();
    let selection = &options.selection;
    let facts = RunFacts {
        files: &outcome.files,
        linted: linted.iter().map(String::as_str).collect(),
        enabled: REGISTRY
            .iter()
            .copied()
            .filter(|rule| selection.is_enabled(rule.code))
            .collect(),
        file_count: outcome.file_count,
        document_count: outcome.document_count,
        suppressed: outcome.suppressed,
        hidden: std::mem::take(&mut outcome.hidden)
            .into_iter()
            .filter(|hidden| {
                filter
                    .as_ref()
                    .is_some_and(|filter| filter.includes(&hidden.finding.location.file))
            })
            .collect(),
        skipped: outcome.skipped.clone(),
        path_prefix: report::repository_prefix(&workspace.root),
        root: Some(workspace.root.clone()),
        timings: args.timings.then_some(timings),
        locale: options.locale,
        catalogue: REGISTRY.to_vec(),
    };
    let rendering = Instant::now();
    render_located(args, &facts, adopted)?;
    if args.timings {
        timings.report += rendering.elapsed();
        console::eprint(timings_table(&timings))?;
    }
    Ok(exit_code(args, worst))
}

/// A lint run up to its located diagnostics (those of the files reported on): what `lint`
/// reports and `baseline` records.
pub struct Analysed {
    pub workspace: Workspace,
    pub options: crate::lint::Options,
    pub settings_file: String,
    pub outcome: crate::lint::Outcome,
    pub diagnostics: Vec<Diagnostic>,
    /// Files reported on.
    pub linted: Vec<String>,
    /// Which files are reported on; `None` when none is (every path given lies outside).
    pub filter: Option<crate::workspace::ReportFilter>,
    pub timings: Timings,
    /// With `--new-since`: the base revision, linted alike.
    pub revision: Option<Result<adopt::RevisionRun, String>>,
}

/// [`analyse`]'s result: a run to report, or an exit already decided (bad settings, rendered).
pub enum Analysis {
    Ready(Box<Analysed>),
    Exit(ExitCode),
}

/// Loads the workspace, lints it and locates the findings of the files reported on.
pub fn analyse(args: &LintArgs) -> Result<Analysis, CommandError> {
    let started = Instant::now();
    let (start, loaded) = load_workspace(args)?;
    let workspace = match loaded {
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
                root: None,
                timings: None,
                locale: crate::i18n::resolve(args.locale.map(Into::into), None),
                catalogue: REGISTRY.to_vec(),
            };
            render(args, &facts, findings)?;
            return Ok(Analysis::Exit(ExitCode::from(2)));
        }
        Err(error) => return Err(error.into()),
    };
    refuse_inputs(args, |output| workspace.is_input(output))?;
    let discovered = started.elapsed();
    let stdin_file = match &args.stdin_filename {
        Some(path) => Some(relative_to_root(&workspace, path)?),
        None => None,
    };
    // Paths outside the workspace (a pre-commit hook passes every staged file) are not ours:
    // ignored, not an error. When every path given is such, nothing is reported.
    let mut paths: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|path| inside_root(&workspace, path))
        .cloned()
        .collect();
    if let Some(file) = &stdin_file {
        paths = vec![workspace.root.join(file)];
    }
    let report_nothing = !args.paths.is_empty() && paths.is_empty() && stdin_file.is_none();
    let filter = if stdin_file.is_some() {
        crate::workspace::ReportFilter {
            prefixes: stdin_file.iter().cloned().collect(),
        }
    } else {
        workspace.report_filter(&paths)?
    };
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
            let code = render_settings_problems(args, &workspace, &settings_file, findings)?;
            return Ok(Analysis::Exit(code));
        }
    };
    options.threads = args.threads.map(usize::from);
    // `--new-since`: the base revision is read and linted on a thread of its own, meanwhile.
    let (outcome, revision) = std::thread::scope(|scope| {
        let revision = args.new_since.as_deref().map(|rev| {
            let (workspace, settings_file, options) = (&workspace, &settings_file, &options);
            scope.spawn(move || adopt::lint_revision(workspace, settings_file, options, rev))
        });
        let outcome = match &stdin_file {
            Some(file) => lint_with_stdin(&workspace, &settings_file, &options, file),
            None => lint(&workspace, &options).map_err(Into::into),
        };
        let revision = revision.map(|handle| {
            handle
                .join()
                .unwrap_or_else(|_| Err("linting the base revision failed".to_owned()))
        });
        (outcome, revision)
    });
    let outcome = outcome?;
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
    let mut outcome = outcome;
    let findings: Vec<Finding> = std::mem::take(&mut outcome.findings)
        .into_iter()
        .filter(|finding| !report_nothing && filter.includes(&finding.location.file))
        .collect();
    let linted: Vec<String> = workspace
        .files
        .iter()
        .map(|file| file.path.clone())
        .filter(|path| !report_nothing && filter.includes(path))
        .collect();
    let diagnostics = {
        let files = &outcome.files;
        report::locate(findings, &|path: &str| files.get(path))
    };
    Ok(Analysis::Ready(Box::new(Analysed {
        workspace,
        options,
        settings_file,
        outcome,
        diagnostics,
        linted,
        filter: (!report_nothing).then_some(filter),
        timings,
        revision,
    })))
}

/// Finds the workspace from the first PATH that leads to one (pre-commit passes files that
/// may lie outside it), else from the current directory.
fn load_workspace(
    args: &LintArgs,
) -> Result<(PathBuf, Result<Workspace, WorkspaceError>), CommandError> {
    let mut starts: Vec<PathBuf> = Vec::new();
    for path in &args.paths {
        starts.push(discovery_start(std::slice::from_ref(path))?);
    }
    if let Some(path) = &args.stdin_filename {
        starts.insert(0, discovery_start(std::slice::from_ref(path))?);
    }
    let several = starts.len() > 1;
    starts.push(std::env::current_dir()?);
    let mut last = None;
    for start in starts.iter().take(if several { starts.len() } else { 1 }) {
        let discovery = Discovery {
            start,
            config: args.config.as_deref(),
            no_config: args.no_config,
        };
        match workspace::load(&discovery) {
            Err(WorkspaceError::NotFound { start })
            | Err(WorkspaceError::Io { path: start, .. })
                if several =>
            {
                last = Some(start);
            }
            result => return Ok((start.clone(), result)),
        }
    }
    let start = last.unwrap_or_else(|| starts[0].clone());
    Ok((start.clone(), Err(WorkspaceError::NotFound { start })))
}

/// Whether `path` (relative to the current directory) is inside the workspace root. A path
/// that does not exist counts as inside, so that the report filter says it does not exist.
fn inside_root(workspace: &Workspace, path: &Path) -> bool {
    match path.canonicalize() {
        Ok(path) => path.starts_with(&workspace.root),
        Err(_) => true,
    }
}

/// `--stdin-filename`: the file's path relative to the root, `/`-separated.
fn relative_to_root(workspace: &Workspace, path: &Path) -> Result<String, CommandError> {
    let name = path
        .file_name()
        .ok_or_else(|| format!("--stdin-filename {}: not a file name", path.display()))?;
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let parent = parent
        .canonicalize()
        .map_err(|error| format!("--stdin-filename {}: {error}", path.display()))?;
    let relative = parent.join(name);
    let relative = relative.strip_prefix(&workspace.root).map_err(|_| {
        format!(
            "--stdin-filename {} is outside the workspace {}",
            path.display(),
            workspace.root.display()
        )
    })?;
    Ok(relative.to_string_lossy().replace('\\', "/"))
}

/// The workspace linted with standard input in place of the file `stdin_file`.
fn lint_with_stdin(
    workspace: &Workspace,
    settings_file: &str,
    options: &crate::lint::Options,
    stdin_file: &str,
) -> Result<crate::lint::Outcome, CommandError> {
    let mut text = Vec::new();
    io::Read::read_to_end(&mut io::stdin().lock(), &mut text)?;
    let mut inputs: Vec<(String, Result<Vec<u8>, String>)> = workspace
        .files
        .iter()
        .filter(|file| file.path != stdin_file)
        .map(|file| {
            let bytes = workspace
                .read(file)
                .map_err(|error| error.message(options.locale));
            (file.path.clone(), bytes)
        })
        .collect();
    for policy in &workspace.settings.policies {
        let path = policy.trim_start_matches("./").replace('\\', "/");
        if path != stdin_file && !inputs.iter().any(|(known, _)| *known == path) {
            let bytes = fs::read(workspace.root.join(&path)).map_err(|error| error.to_string());
            inputs.push((path, bytes));
        }
    }
    inputs.push((stdin_file.to_owned(), Ok(text)));
    inputs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut outcome = crate::lint::lint_inputs(inputs, settings_file, options)?;
    if let Some(path) = &workspace.settings_file
        && let Ok(bytes) = fs::read(path)
    {
        outcome
            .files
            .entry(settings_file.to_owned())
            .or_insert_with(|| parse(settings_file, &bytes, &options.limits));
    }
    Ok(outcome)
}

/// The diagnostics of a run once `--new-since` and the baseline have hidden theirs.
struct Adopted {
    shown: Vec<Diagnostic>,
    hidden: Vec<(Diagnostic, Hidden)>,
    /// `--new-since` was given.
    compared: bool,
}

/// Applies `--new-since` and the baseline file; DC009 for the entries that matched nothing.
fn adopt(
    args: &LintArgs,
    filter: Option<&crate::workspace::ReportFilter>,
    workspace: &Workspace,
    options: &crate::lint::Options,
    revision: Option<adopt::RevisionRun>,
    outcome: &mut crate::lint::Outcome,
    diagnostics: Vec<Diagnostic>,
) -> Result<Adopted, CommandError> {
    let mut shown = diagnostics;
    let mut hidden = Vec::new();
    if let Some(base) = revision {
        let mut known = adopt::count_keys(base.diagnostics.iter().map(|d| &d.key));
        let (new, existing) = adopt::split_known(shown, &mut known, |_| true);
        shown = new;
        hidden.extend(existing.into_iter().map(|d| (d, Hidden::Existing)));
    }
    // `--baseline` is the user's own choice; the `baseline:` setting is the workspace's, so it
    // must lead inside the root like every path the workspace names.
    let baseline_path = match (&args.baseline, args.no_baseline) {
        (_, true) => None,
        (Some(path), false) => Some(path.clone()),
        (None, false) => match &workspace.settings.baseline {
            Some(entry) => Some(
                crate::workspace::contain::resolve(&workspace.root, entry)
                    .map_err(|refusal| format!("baseline: {}", refusal.describe(entry)))?
                    .canonical,
            ),
            None => None,
        },
    };
    if let Some(path) = baseline_path {
        let text = fs::read_to_string(&path).map_err(|error| {
            format!(
                "cannot read the baseline file {}: {error} (write it with `datacharter baseline --output {}`, or pass --no-baseline)",
                path.display(),
                path.display()
            )
        })?;
        let name = path.strip_prefix(&workspace.root).map_or_else(
            |_| path.display().to_string(),
            |p| p.to_string_lossy().replace('\\', "/"),
        );
        let baseline = Baseline::parse(&name, &text)?;
        let mut counts = baseline.counts();
        let (new, baselined) =
            adopt::split_known(shown, &mut counts, |d| baseline::can_baseline(&d.code));
        shown = new;
        hidden.extend(baselined.into_iter().map(|d| (d, Hidden::Baselined)));
        // DC009 is about the baseline file: reported only when the report covers it (not when
        // it is restricted to some files, as for a hook or an editor buffer).
        let whole_workspace = filter.is_some_and(|filter| filter.includes(&name));
        let unused = baseline.unused(&counts, &name, &text, options.locale);
        if whole_workspace
            && !unused.is_empty()
            && options.selection.is_enabled(baseline::UNUSED_CODE)
        {
            outcome
                .files
                .insert(name.clone(), parse(&name, text.as_bytes(), &options.limits));
            let files = &outcome.files;
            shown.extend(report::locate(unused, &|path: &str| files.get(path)));
            shown.sort_by(|a, b| {
                (&a.file, a.span.start, &a.code).cmp(&(&b.file, b.span.start, &b.code))
            });
        }
    }
    Ok(Adopted {
        shown,
        hidden,
        compared: args.new_since.is_some(),
    })
}

/// `--add-suppressions`: a directive above every finding shown; DC0xx findings cannot be
/// suppressed this way (they say the file cannot be read as written).
fn add_suppressions(
    workspace: &Workspace,
    diagnostics: &[Diagnostic],
    reason: &str,
) -> Result<ExitCode, CommandError> {
    let reason = reason.trim();
    if reason.contains(['\n', '\r']) {
        return Err("--add-suppressions: the reason must be one line".into());
    }
    let mut per_file: BTreeMap<&str, suppressions::Places> = BTreeMap::new();
    for diagnostic in diagnostics
        .iter()
        .filter(|d| baseline::can_baseline(&d.code))
    {
        if !workspace
            .files
            .iter()
            .any(|file| file.path == diagnostic.file)
        {
            continue;
        }
        let line = diagnostic
            .pointer
            .as_ref()
            .map(|_| diagnostic.span.start.line);
        per_file
            .entry(&diagnostic.file)
            .or_default()
            .entry(line)
            .or_default()
            .insert(diagnostic.code.clone());
    }
    let mut count = 0;
    for (file, places) in &per_file {
        let path = workspace.root.join(file);
        let text = fs::read_to_string(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        let updated = suppressions::insert(&text, places, reason);
        crate::output::write_atomically(&path, updated.as_bytes())
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        count += places.len();
    }
    console::eprint(format!(
        "added {count} suppression comment{} in {} file{}\n",
        if count == 1 { "" } else { "s" },
        per_file.len(),
        if per_file.len() == 1 { "" } else { "s" }
    ))?;
    Ok(ExitCode::SUCCESS)
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
        root: None,
        timings: None,
        locale: crate::i18n::resolve(args.locale.map(Into::into), workspace.settings.locale),
        catalogue: REGISTRY.to_vec(),
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
pub(crate) struct RunFacts<'a> {
    /// Every parsed file, for locating findings and showing snippets.
    pub(crate) files: &'a BTreeMap<String, ParsedFile>,
    /// Files reported on (JUnit lists their passing cases too).
    pub(crate) linted: Vec<&'a str>,
    /// Rules that ran (JUnit's test cases).
    pub(crate) enabled: Vec<&'static Rule>,
    pub(crate) file_count: usize,
    pub(crate) document_count: usize,
    /// Findings silenced by suppression comments.
    pub(crate) suppressed: usize,
    /// Every silenced finding, with its reason (listed apart in the machine reports).
    pub(crate) hidden: Vec<crate::suppress::Hidden>,
    /// Checks withheld on documents that failed to parse or validate.
    pub(crate) skipped: crate::lint::SkippedChecks,
    /// The workspace root inside its git repository (GitHub and SARIF paths).
    pub(crate) path_prefix: String,
    /// The workspace root, to print paths relative to the current directory (human, concise).
    pub(crate) root: Option<PathBuf>,
    /// Stage times, for the JSON report (`--timings`).
    pub(crate) timings: Option<Timings>,
    /// The language of the summary line.
    pub(crate) locale: crate::i18n::Locale,
    /// Every rule that can fire (SARIF's rule table): the lint registry, or the DA rules.
    pub(crate) catalogue: Vec<&'static Rule>,
}

/// Renders every requested report: each to a buffer first, so that a file is replaced in
/// one rename and standard output gets whole reports.
pub(crate) fn render(
    args: &LintArgs,
    facts: &RunFacts<'_>,
    findings: Vec<Finding>,
) -> Result<(), CommandError> {
    let lookup = |path: &str| facts.files.get(path);
    let diagnostics = report::locate(findings, &lookup);
    let adopted = Adopted {
        shown: diagnostics,
        hidden: Vec::new(),
        compared: false,
    };
    render_located(args, facts, adopted)
}

fn render_located(
    args: &LintArgs,
    facts: &RunFacts<'_>,
    adopted: Adopted,
) -> Result<(), CommandError> {
    let Adopted {
        shown,
        hidden,
        compared,
    } = adopted;
    let baselined = hidden
        .iter()
        .filter(|(_, why)| *why == Hidden::Baselined)
        .count();
    let existing = hidden.len() - baselined;
    let mut report = Report::new(
        ".",
        facts.file_count,
        facts.document_count,
        facts.suppressed,
        shown,
    );
    report.summary.baselined = baselined;
    report.summary.existing = compared.then_some(existing);
    report.timings = facts.timings;
    report.locale = facts.locale;
    let lookup = |path: &str| facts.files.get(path);
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
    // SARIF keeps the hidden findings, marked: a report of every diagnostic, in order.
    let sarif_report = specs
        .iter()
        .any(|spec| spec.format == Format::Sarif)
        .then(|| sarif_report(&report, hidden, compared));
    for spec in specs {
        let mut buffer = Vec::new();
        match (&sarif_report, spec.format) {
            (Some((all, marks)), Format::Sarif) => {
                let mut plain = Vec::new();
                render_one(args, spec, facts, all, &mut plain)?;
                buffer = crate::adopt::sarif::mark(&plain, marks)?;
            }
            _ => render_one(args, spec, facts, &report, &mut buffer)?,
        }
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

/// The report with the hidden diagnostics put back in order, and the SARIF mark of each.
fn sarif_report(
    report: &Report,
    hidden: Vec<(Diagnostic, Hidden)>,
    compared: bool,
) -> (Report, Vec<adopt::sarif::Mark>) {
    let mut all: Vec<(Diagnostic, Option<Hidden>)> = report
        .diagnostics
        .iter()
        .cloned()
        .map(|d| (d, None))
        .chain(hidden.into_iter().map(|(d, why)| (d, Some(why))))
        .collect();
    all.sort_by(|(a, _), (b, _)| {
        (&a.file, a.span.start, &a.code, &a.message).cmp(&(
            &b.file,
            b.span.start,
            &b.code,
            &b.message,
        ))
    });
    let marks = all
        .iter()
        .map(|(_, hidden)| adopt::sarif::Mark {
            hidden: *hidden,
            compared,
        })
        .collect();
    let mut full = report.clone();
    full.diagnostics = all.into_iter().map(|(d, _)| d).collect();
    (full, marks)
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
        (Format::Human, false) => {
            let (shown, original) = from_current_directory(facts, report);
            render_human(args, spec, facts, &shown, &original, out)
        }
        (Format::Concise, false) => {
            let (shown, _) = from_current_directory(facts, report);
            report::render_concise(&shown, quiet, out)
        }
        (Format::Json, false) => report::render_json(report, out),
        (Format::Sarif, _) => {
            report::render_sarif(report, &facts.catalogue, &facts.path_prefix, out)
        }
        (Format::Github, _) => report::render_github(report, &facts.path_prefix, quiet, out),
        (Format::Junit, _) => report::render_junit(report, &facts.linted, &facts.enabled, out),
    }
}

/// The report with its paths relative to the current directory, as a terminal user types
/// them (the machine formats keep them relative to the root), and the root-relative path of
/// each path shown.
fn from_current_directory(
    facts: &RunFacts<'_>,
    report: &Report,
) -> (Report, BTreeMap<String, String>) {
    let mut shown = report.clone();
    let mut original = BTreeMap::new();
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|dir| dir.canonicalize().ok());
    let (Some(root), Some(cwd)) = (facts.root.as_deref(), cwd) else {
        return (shown, original);
    };
    // Only when the current directory and the workspace are one inside the other: from
    // elsewhere, a path through `../../` would say less than the root-relative one.
    if root == cwd || !(root.starts_with(&cwd) || cwd.starts_with(root)) {
        return (shown, original);
    }
    let mut map = |file: &mut String| {
        let display = relative_path(&cwd, &root.join(file.as_str()));
        original.insert(display.clone(), std::mem::replace(file, display));
    };
    for diagnostic in &mut shown.diagnostics {
        map(&mut diagnostic.file);
        for label in &mut diagnostic.labels {
            map(&mut label.file);
        }
    }
    (shown, original)
}

/// `path` seen from the directory `from` (both absolute), `/`-separated: `gov/a.yaml`,
/// `../processings/a.yaml`.
fn relative_path(from: &Path, path: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let path: Vec<_> = path.components().collect();
    let common = from.iter().zip(&path).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        path[common..]
            .iter()
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

fn render_human(
    args: &LintArgs,
    spec: &ReportSpec,
    facts: &RunFacts<'_>,
    report: &Report,
    original: &BTreeMap<String, String>,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    let choice = match args.color {
        Color::Auto => ColorChoice::Auto,
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
    };
    let colored = match spec.output {
        None => color_on_stdout(choice),
        // A file is not a terminal: colour only when asked to.
        Some(_) => report::should_color(choice, false, None),
    };
    let options = HumanOptions {
        colored,
        ..HumanOptions::default()
    };
    // The report's paths are relative to the current directory; the files are known by their
    // path relative to the root.
    let lookup = |path: &str| {
        let path = original.get(path).map_or(path, String::as_str);
        facts.files.get(path)
    };
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

/// `--color auto` on standard output, with the environment's say: `NO_COLOR` (set and not
/// empty) turns colour off; else `CLICOLOR_FORCE` or `FORCE_COLOR` (set, not empty, not `0`)
/// turn it on even off a terminal; else `CLICOLOR=0` turns it off; else a terminal decides.
fn color_on_stdout(choice: ColorChoice) -> bool {
    let set = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
    if choice != ColorChoice::Auto || set("NO_COLOR").is_some() {
        return report::stdout_should_color(choice);
    }
    let forced = ["CLICOLOR_FORCE", "FORCE_COLOR"]
        .iter()
        .any(|name| set(name).is_some_and(|value| value != "0"));
    if forced {
        return true;
    }
    if set("CLICOLOR").is_some_and(|value| value == "0") {
        return false;
    }
    report::stdout_should_color(choice)
}

pub(crate) fn exit_code(args: &LintArgs, worst: Option<Severity>) -> ExitCode {
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
