//! The `lint` pipeline: workspace → syntax → schema → model → policy → rules, each stage fed
//! by the one before. Suppressions and rendering come after, in the caller.

use crate::finding::{Finding, Location, Severity};
use crate::i18n::Locale;
use crate::model::{DocumentKind, Inventory, TypedDocument};
use crate::policy::{CompiledRule, PackError, PolicyTables, builtin_packs, compile_custom_rules};
use crate::rules::{self, Context, RawDocument, Selection};
use crate::suppress::{self, SuppressOptions};
use crate::syntax::{
    Allowance, Keep, Limits, ParsedFile, SourceText, Usage, parse_in, parse_within,
};
use crate::t;
use crate::workspace::{Workspace, WorkspaceFile};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

mod recover;

/// How to lint.
#[derive(Debug, Clone)]
pub struct Options {
    pub selection: Selection,
    pub limits: Limits,
    pub today: jiff::civil::Date,
    /// Worker threads for reading, parsing and validating files; `None`: one per core.
    pub threads: Option<usize>,
    /// `rules.severity`: a severity per code, replacing the rule's default.
    pub severity: BTreeMap<String, Severity>,
    pub suppress: SuppressOptions,
    /// The language of the messages.
    pub locale: Locale,
}

/// What a run found.
#[derive(Debug)]
pub struct Outcome {
    /// Every file read (and the settings file), by workspace-relative path: the reporter
    /// resolves findings against them.
    pub files: BTreeMap<String, ParsedFile>,
    /// Number of workspace files linted (the settings file excluded).
    pub file_count: usize,
    pub document_count: usize,
    pub findings: Vec<Finding>,
    /// Findings removed by suppression comments.
    pub suppressed: usize,
    /// Every finding removed by a suppression (comment or settings), with its reason.
    pub hidden: Vec<suppress::Hidden>,
    /// Checks that could not judge a document that failed to parse or validate.
    pub skipped: SkippedChecks,
    /// The typed documents (for the register and the data map).
    pub inventory: Inventory,
    /// The merged policy tables (for `policy show`).
    pub policy: PolicyTables,
    /// The workspace's valid custom rules.
    pub custom_rules: Vec<CompiledRule>,
    pub timings: Timings,
}

/// The checks withheld on documents that failed to parse or validate: what could be read of
/// such a document declares its ids to the others, but the rules' findings inside it would
/// judge a mutilated text, so they are not reported and the summary names the files instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkippedChecks {
    /// The codes of the rules whose findings were withheld.
    pub codes: BTreeSet<String>,
    /// The files of the documents concerned.
    pub files: BTreeSet<String>,
}

impl SkippedChecks {
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

/// Wall time of each stage, and what was read (`--timings`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timings {
    pub discover: Duration,
    /// Reading and parsing the files.
    pub parse: Duration,
    pub schema: Duration,
    pub model: Duration,
    /// Building the policy tables and running the rules.
    pub rules: Duration,
    pub suppress: Duration,
    /// Parsing again the files that findings point into, and rendering.
    pub report: Duration,
    pub bytes: u64,
    pub documents: usize,
}

/// Where a file's bytes come from.
enum Content<'w> {
    Given(Result<Vec<u8>, String>),
    OnDisk(&'w Workspace, &'w WorkspaceFile),
}

impl Content<'_> {
    fn read(self, locale: Locale) -> Result<Vec<u8>, String> {
        match self {
            Content::Given(bytes) => bytes,
            Content::OnDisk(workspace, file) => workspace.read(file).map_err(|e| e.message(locale)),
        }
    }
}

impl Options {
    /// Every default but the selection and "today".
    pub fn new(selection: Selection, today: jiff::civil::Date) -> Options {
        Options {
            selection,
            limits: Limits::default(),
            today,
            threads: None,
            severity: BTreeMap::new(),
            suppress: SuppressOptions::default(),
            locale: Locale::default(),
        }
    }
}

/// Lints one in-memory YAML stream (documents separated by `---`) as a one-file workspace
/// with only the rules `codes` enabled: how documented examples and unit tests run a rule.
pub fn lint_example(
    codes: &[&str],
    yaml: &str,
    today: jiff::civil::Date,
) -> Result<Vec<Finding>, PackError> {
    lint_example_in(codes, yaml, today, Locale::En)
}

/// [`lint_example`], with the messages in `locale`.
pub fn lint_example_in(
    codes: &[&str],
    yaml: &str,
    today: jiff::civil::Date,
    locale: Locale,
) -> Result<Vec<Finding>, PackError> {
    let mut options = Options::new(Selection::only(codes), today);
    options.locale = locale;
    let inputs = vec![("example.yaml".to_owned(), Ok(yaml.as_bytes().to_vec()))];
    Ok(lint_inputs(inputs, "datacharter.yaml", &options)?.findings)
}

/// Lints a loaded workspace.
pub fn lint(workspace: &Workspace, options: &Options) -> Result<Outcome, PackError> {
    // `policies:` packs outside the include globs are read too, when they lie inside the
    // root; the settings stage reports the others (`config::options`).
    let extra: Vec<WorkspaceFile> = workspace
        .policy_files()
        .into_iter()
        .filter_map(|(_, file)| file.ok())
        .filter(|pack| !workspace.files.iter().any(|file| file.path == pack.path))
        .collect();
    let inputs = workspace
        .files
        .iter()
        .chain(&extra)
        .map(|file| (file.path.clone(), Content::OnDisk(workspace, file)))
        .collect();
    let settings_file = settings_file_name(workspace);
    let mut outcome = pipeline(inputs, &settings_file, options)?;
    for problem in &workspace.walk_problems {
        outcome.findings.push(read_problem(
            &problem.path,
            &problem.message,
            options.locale,
        ));
    }
    if let Some(bytes) = workspace.read_settings() {
        outcome
            .files
            .entry(settings_file.clone())
            .or_insert_with(|| parse_in(&settings_file, &bytes, &options.limits, options.locale));
    }
    Ok(outcome)
}

/// Lints files given as (relative path, bytes or the reason they could not be read). The
/// entry point for tests and for anything that does not read from disk.
pub fn lint_inputs(
    inputs: impl IntoIterator<Item = (String, Result<Vec<u8>, String>)>,
    settings_file: &str,
    options: &Options,
) -> Result<Outcome, PackError> {
    let inputs = inputs
        .into_iter()
        .map(|(path, bytes)| (path, Content::Given(bytes)))
        .collect();
    pipeline(inputs, settings_file, options)
}

/// The stages, each over every file before the next starts, so that `--timings` can tell
/// them apart. Per-file stages run on the thread pool; `collect` keeps the input order, so
/// the result does not depend on the number of threads.
fn pipeline(
    inputs: Vec<(String, Content<'_>)>,
    settings_file: &str,
    options: &Options,
) -> Result<Outcome, PackError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.unwrap_or(0))
        .build();
    match pool {
        Ok(pool) => pool.install(|| stages(inputs, settings_file, options)),
        // Without a pool of our own (the OS refused threads), rayon's global pool still works.
        Err(_) => stages(inputs, settings_file, options),
    }
}

/// Files go through the per-file stages in chunks of this many, so that only one chunk's span
/// trees and JSON values are in memory at a time (together some twenty times the size of the
/// text). Measured on 10,000 processings in 1,000 files (12.6 MB): peak memory 74 MB with 16,
/// 82 MB with 64, 122 MB with 256; time unchanged.
const CHUNK: usize = 16;

/// What the per-file stages keep of a file: its text and comments (for reporting and
/// suppressions; the span tree is rebuilt only for files with findings), its findings and
/// its typed documents.
struct LoadedFile {
    kept: ParsedFile,
    findings: Vec<Finding>,
    typed: Vec<(usize, TypedDocument)>,
    /// Indexes of the documents of `typed` recovered from a broken text.
    partial: Vec<usize>,
    documents: usize,
    bytes: u64,
}

fn stages(
    inputs: Vec<(String, Content<'_>)>,
    settings_file: &str,
    options: &Options,
) -> Result<Outcome, PackError> {
    let builtin = builtin_packs()?;
    let mut timings = Timings::default();
    let file_count = inputs.len();

    let mut loaded: Vec<LoadedFile> = Vec::with_capacity(file_count);
    let mut inputs = inputs.into_iter();
    let mut budget = Budget {
        left: Allowance::whole(&options.limits),
        stopped: BTreeMap::new(),
    };
    loop {
        let chunk: Vec<(String, Content<'_>)> = inputs.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        loaded.extend(load_chunk(chunk, options, &mut budget, &mut timings));
    }

    let clock = Instant::now();
    let mut findings = Vec::new();
    let mut typed = Vec::new();
    let mut partial = Vec::new();
    let mut files = BTreeMap::new();
    let mut document_count = 0;
    for file in loaded {
        let path = file.kept.source.path.clone();
        findings.extend(file.findings);
        partial.extend(file.partial.into_iter().map(|index| (path.clone(), index)));
        document_count += file.documents;
        timings.bytes += file.bytes;
        typed.extend(
            file.typed
                .into_iter()
                .map(|(index, document)| (path.clone(), index, document)),
        );
        files.insert(path, file.kept);
    }
    let mut inventory = Inventory::new(typed);
    inventory.mark_partial(partial);
    timings.model += clock.elapsed();
    timings.documents = document_count;

    let clock = Instant::now();
    let policy = PolicyTables::build(builtin, &inventory);
    let (custom_rules, rule_problems) = compile_custom_rules(&policy.custom_rules);
    findings.extend(rule_problems);
    // Custom rules read documents as JSON: rebuilt from the typed documents of the kinds they
    // select, only when the workspace has custom rules.
    let values: Vec<(String, usize, DocumentKind, serde_json::Value)> = custom_rules
        .iter()
        .map(|rule| rule.kind)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .flat_map(|kind| inventory.documents_as_json(kind))
        .collect();
    let documents: Vec<RawDocument<'_>> = values
        .iter()
        .map(|(file, document, kind, value)| RawDocument {
            file,
            document: *document,
            kind: *kind,
            value,
        })
        .collect();
    let context = Context {
        inventory: &inventory,
        policy: &policy,
        today: options.today,
        settings_file,
        documents: &documents,
        custom_rules: &custom_rules,
        locale: options.locale,
    };
    let (withheld, judged): (Vec<Finding>, Vec<Finding>) = rules::run(&context, &options.selection)
        .into_iter()
        .partition(|finding| in_partial_document(finding, &inventory));
    findings.extend(judged);
    let mut skipped = SkippedChecks::default();
    for finding in withheld {
        skipped.files.insert(finding.location.file.clone());
        skipped.codes.insert(finding.code);
    }
    for finding in &mut findings {
        if let Some(severity) = options.severity.get(&finding.code) {
            finding.severity = *severity;
        }
    }
    timings.rules = clock.elapsed();

    // Locating findings is the report's work: the files they point into are parsed again.
    let clock = Instant::now();
    reparse_files_with_findings(&mut files, &findings, &budget.stopped, options);
    timings.report = clock.elapsed();

    let clock = Instant::now();
    let known_code = |code: &str| {
        rules::find(code).is_some() || custom_rules.iter().any(|rule| rule.code == code)
    };
    let kept = suppress::apply(
        findings,
        &files,
        &known_code,
        &options.suppress,
        options.locale,
    );
    timings.suppress = clock.elapsed();

    Ok(Outcome {
        files,
        file_count,
        document_count,
        findings: kept.findings,
        suppressed: kept.suppressed,
        hidden: kept.hidden,
        skipped,
        inventory,
        policy,
        custom_rules,
        timings,
    })
}

/// What is left of the workspace-wide budgets (alias expansion, nodes), and the files that
/// ran out of them with what they had been given (their span trees are rebuilt the same way).
struct Budget {
    left: Allowance,
    stopped: BTreeMap<String, Allowance>,
}

impl Budget {
    fn take(&mut self, usage: Usage) {
        self.left.alias_nodes = self.left.alias_nodes.saturating_sub(usage.alias_nodes);
        self.left.nodes = self.left.nodes.saturating_sub(usage.nodes);
    }

    fn covers(&self, usage: Usage) -> bool {
        usage.alias_nodes <= self.left.alias_nodes && usage.nodes <= self.left.nodes
    }
}

/// Read, parse, validate and type one chunk of files, each stage on the thread pool.
///
/// The chunk's files are parsed in parallel, each with what was left of the budgets when the
/// chunk started; they are then charged in input order, and a file that took more than was
/// left at its turn is parsed again with exactly that. The outcome is the one of a sequential
/// run, whatever the number of threads, and the workspace never goes over its budgets.
fn load_chunk(
    chunk: Vec<(String, Content<'_>)>,
    options: &Options,
    budget: &mut Budget,
    timings: &mut Timings,
) -> Vec<LoadedFile> {
    let clock = Instant::now();
    let given = budget.left;
    let parsed: Vec<(ParsedFile, Option<Finding>, u64, Usage)> = chunk
        .into_par_iter()
        .map(|(path, content)| match content.read(options.locale) {
            Ok(bytes) => {
                let (file, usage) = parse_within(
                    &path,
                    &bytes,
                    &options.limits,
                    given,
                    Keep::Values,
                    options.locale,
                );
                (file, None, bytes.len() as u64, usage)
            }
            Err(problem) => (
                unread(&path),
                Some(read_problem(&path, &problem, options.locale)),
                0,
                Usage::default(),
            ),
        })
        .collect();
    let parsed: Vec<(ParsedFile, Option<Finding>, u64)> = parsed
        .into_iter()
        .map(|(mut file, problem, size, usage)| {
            if !usage.over_budget && budget.covers(usage) {
                budget.take(usage);
                return (file, problem, size);
            }
            let left = budget.left;
            let (file, usage) = if left == given {
                (file, usage)
            } else {
                // Parsed again from its text: a file that used any budget was UTF-8.
                let path = file.source.path.clone();
                let text = std::mem::take(&mut file.source.text);
                drop(file);
                parse_within(
                    &path,
                    text.as_bytes(),
                    &options.limits,
                    left,
                    Keep::Values,
                    options.locale,
                )
            };
            budget.take(usage);
            if usage.over_budget {
                budget.stopped.insert(file.source.path.clone(), left);
            }
            (file, problem, size)
        })
        .collect();
    timings.parse += clock.elapsed();

    let clock = Instant::now();
    let validated: Vec<Vec<Option<Vec<Finding>>>> = parsed
        .par_iter()
        .map(|(file, _, _)| validate_documents(file, options.locale))
        .collect();
    timings.schema += clock.elapsed();

    let clock = Instant::now();
    let loaded = parsed
        .into_par_iter()
        .zip(validated)
        .map(|((file, read_problem, bytes), schema_findings)| {
            let path = file.source.path.clone();
            let mut findings = Vec::new();
            let unreadable = read_problem.is_some();
            findings.extend(read_problem);
            findings.extend(file.findings.iter().cloned());
            if !unreadable && file.documents.is_empty() && file.findings.is_empty() {
                findings.push(empty_file(&path, options.locale));
            }
            let mut typed = Vec::new();
            let mut failed: Vec<(usize, serde_json::Value)> = Vec::new();
            for (document, problems) in file.documents.iter().zip(schema_findings) {
                // An empty document after the first one: counted in that one's finding.
                let Some(problems) = problems else {
                    continue;
                };
                if !problems.is_empty() {
                    findings.extend(problems);
                    failed.push((document.index, document.value.clone()));
                    continue;
                }
                match TypedDocument::from_value(&document.value) {
                    Ok(document_typed) => typed.push((document.index, document_typed)),
                    Err(error) => {
                        findings.push(model_mismatch(
                            &path,
                            document.index,
                            &error.to_string(),
                            options.locale,
                        ));
                        failed.push((document.index, document.value.clone()));
                    }
                }
            }
            let mut partial = Vec::new();
            for (index, value) in failed {
                if let Some(document) = recover::repair(value) {
                    typed.push((index, document));
                    partial.push(index);
                }
            }
            if file.findings.iter().any(|finding| finding.code == "DC001") {
                let kept: BTreeSet<usize> = file
                    .documents
                    .iter()
                    .map(|document| document.index)
                    .collect();
                for (index, document, is_partial) in
                    recover::recover_text(&path, &file.source.text, &kept, &options.limits)
                {
                    typed.push((index, document));
                    if is_partial {
                        partial.push(index);
                    }
                }
            }
            typed.sort_by_key(|(index, _)| *index);
            let documents = file.documents.len();
            LoadedFile {
                kept: ParsedFile {
                    source: file.source,
                    documents: Vec::new(),
                    comments: file.comments,
                    findings: Vec::new(),
                },
                findings,
                typed,
                partial,
                documents,
                bytes,
            }
        })
        .collect();
    timings.model += clock.elapsed();
    loaded
}

/// The schema's findings for each document of a file. Empty documents (a `---` with nothing
/// after it) are reported once per file: the first as the schema says, and, when there are
/// more, one finding on the second that counts them; the others give `None` (nothing to
/// check, nothing to report). A million `---` lines are then one or two findings, not a
/// million.
fn validate_documents(file: &ParsedFile, locale: Locale) -> Vec<Option<Vec<Finding>>> {
    let empty = |document: &crate::syntax::Document| document.value.is_null();
    let empties = file.documents.iter().filter(|d| empty(d)).count();
    let mut seen_empty = 0;
    file.documents
        .iter()
        .map(|document| {
            if empty(document) {
                seen_empty += 1;
                match seen_empty {
                    1 => {}
                    2 => {
                        return Some(vec![more_empty_documents(
                            &file.source.path,
                            document.index,
                            empties - 1,
                            locale,
                        )]);
                    }
                    _ => return None,
                }
            }
            Some(crate::schema::validate_document_in(
                &file.source.path,
                document.index,
                &document.value,
                locale,
            ))
        })
        .collect()
}

fn more_empty_documents(path: &str, document: usize, count: usize, locale: Locale) -> Finding {
    Finding::new(
        crate::schema::CODE,
        crate::schema::NAME,
        Severity::Error,
        Location::node(path, document, ""),
        t!(locale, "DC002.more-empty-documents", count = count),
    )
    .with_help(t!(locale, "DC002.more-empty-documents-help"))
}

/// Whether a rule's finding points into a document recovered from a broken text.
fn in_partial_document(finding: &Finding, inventory: &Inventory) -> bool {
    match &finding.location.target {
        crate::finding::Target::Node { document, .. } => {
            inventory.is_partial(&finding.location.file, *document)
        }
        crate::finding::Target::Text {
            document: Some(document),
            ..
        } => inventory.is_partial(&finding.location.file, *document),
        _ => false,
    }
}

/// Parses again, in parallel, the files that findings (or their labels) point into: their
/// span trees were dropped after the per-file stages, and locating a finding needs them.
fn reparse_files_with_findings(
    files: &mut BTreeMap<String, ParsedFile>,
    findings: &[Finding],
    stopped: &BTreeMap<String, Allowance>,
    options: &Options,
) {
    let wanted: std::collections::BTreeSet<&str> = findings
        .iter()
        .flat_map(|finding| {
            std::iter::once(finding.location.file.as_str()).chain(
                finding
                    .labels
                    .iter()
                    .map(|label| label.location.file.as_str()),
            )
        })
        .collect();
    let reparsed: Vec<(String, ParsedFile)> = wanted
        .into_par_iter()
        .filter_map(|path| {
            let kept = files.get(path)?;
            let text = kept.source.text.as_bytes();
            // A file that ran out of the workspace's budgets is rebuilt as far as it went.
            let allowance = stopped
                .get(path)
                .copied()
                .unwrap_or_else(|| Allowance::whole(&options.limits));
            // Locating needs the span trees, and the finding keys need the values (a document's
            // `kind:id`, the identity of a list item for the semantic anchor).
            let (file, _) = parse_within(
                path,
                text,
                &options.limits,
                allowance,
                Keep::Both,
                options.locale,
            );
            Some((path.to_owned(), file))
        })
        .collect();
    files.extend(reparsed);
}

/// The schema accepted what the types refuse: a defect of datacharter, reported rather than
/// silently dropped.
fn model_mismatch(path: &str, document: usize, message: &str, locale: Locale) -> Finding {
    Finding::new(
        crate::schema::CODE,
        crate::schema::NAME,
        Severity::Error,
        Location::node(path, document, ""),
        message,
    )
    .with_help(t!(locale, "DC002.model-mismatch-help"))
}

/// The settings file's path relative to the root, as findings name it (where workspace-wide
/// findings point); `datacharter.yaml` without one.
pub fn settings_file_name(workspace: &Workspace) -> String {
    workspace
        .settings_file
        .as_ref()
        .and_then(|path| path.strip_prefix(&workspace.root).ok())
        .map(|relative| relative.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|| "datacharter.yaml".to_owned())
}

fn read_problem(path: &str, problem: &str, locale: Locale) -> Finding {
    Finding::new(
        "DC001",
        "yaml-syntax",
        Severity::Error,
        Location::whole_file(path),
        t!(locale, "DC001.unreadable", path = path, problem = problem),
    )
    .with_label(t!(locale, "DC001.unreadable-label"))
    .with_help(t!(locale, "DC001.unreadable-help"))
}

fn empty_file(path: &str, locale: Locale) -> Finding {
    Finding::new(
        crate::schema::CODE,
        crate::schema::NAME,
        Severity::Error,
        Location::whole_file(path),
        t!(locale, "DC002.empty-file"),
    )
    .with_label(t!(locale, "DC002.empty-file-label"))
    .with_help(t!(locale, "DC002.empty-file-help"))
}

/// A placeholder for a file that could not be read, so its findings still have a file.
fn unread(path: &str) -> ParsedFile {
    ParsedFile {
        source: SourceText::new(path, String::new()),
        documents: Vec::new(),
        comments: Vec::new(),
        findings: Vec::new(),
    }
}
