//! The `lint` pipeline: workspace → syntax → schema → model → policy → rules, each stage fed
//! by the one before. Suppressions and rendering come after, in the caller.

use crate::finding::{Finding, Location, Severity};
use crate::model::{Inventory, TypedDocument};
use crate::policy::{PackError, PolicyTables, builtin_packs};
use crate::rules::{self, Context, Selection};
use crate::syntax::{Limits, ParsedFile, SourceText, parse};
use crate::workspace::Workspace;
use std::collections::BTreeMap;

/// How to lint.
#[derive(Debug, Clone)]
pub struct Options {
    pub selection: Selection,
    pub limits: Limits,
    pub today: jiff::civil::Date,
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
}

/// Lints a loaded workspace.
pub fn lint(workspace: &Workspace, options: &Options) -> Result<Outcome, PackError> {
    let inputs = workspace
        .files
        .iter()
        .map(|file| (file.path.clone(), workspace.read(file).map_err(|e| e.to_string())));
    let settings_file = settings_file_name(workspace);
    let mut outcome = lint_inputs(inputs, &settings_file, options)?;
    for problem in &workspace.walk_problems {
        outcome.findings.push(read_problem(&problem.path, &problem.message));
    }
    if let Some(path) = &workspace.settings_file
        && let Ok(bytes) = std::fs::read(path)
    {
        outcome
            .files
            .entry(settings_file.clone())
            .or_insert_with(|| parse(&settings_file, &bytes, &options.limits));
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
    let builtin = builtin_packs()?;
    let mut files = BTreeMap::new();
    let mut findings = Vec::new();
    let mut typed = Vec::new();
    let mut document_count = 0;
    let mut file_count = 0;
    for (path, bytes) in inputs {
        file_count += 1;
        let loaded = load_file(&path, bytes, &options.limits);
        document_count += loaded.parsed.documents.len();
        findings.extend(loaded.findings);
        typed.extend(loaded.typed);
        files.insert(path, loaded.parsed);
    }

    let inventory = Inventory::new(typed);
    let policy = PolicyTables::build(builtin, &inventory);
    let context = Context {
        inventory: &inventory,
        policy: &policy,
        today: options.today,
        settings_file,
    };
    findings.extend(rules::run(&context, &options.selection));
    Ok(Outcome {
        files,
        file_count,
        document_count,
        findings,
    })
}

/// One file through syntax, schema and model: the unit of work that needs no other file.
struct LoadedFile {
    parsed: ParsedFile,
    findings: Vec<Finding>,
    typed: Vec<(String, usize, TypedDocument)>,
}

fn load_file(path: &str, bytes: Result<Vec<u8>, String>, limits: &Limits) -> LoadedFile {
    let parsed = match bytes {
        Ok(bytes) => parse(path, &bytes, limits),
        Err(problem) => {
            return LoadedFile {
                parsed: unread(path),
                findings: vec![read_problem(path, &problem)],
                typed: Vec::new(),
            };
        }
    };
    let mut findings = parsed.findings.clone();
    let mut typed = Vec::new();
    if parsed.documents.is_empty() && parsed.findings.is_empty() {
        findings.push(empty_file(path));
    }
    for document in &parsed.documents {
        let problems = crate::schema::validate_document(path, document.index, &document.value);
        if !problems.is_empty() {
            findings.extend(problems);
            continue;
        }
        match TypedDocument::from_value(&document.value) {
            Ok(document_typed) => typed.push((path.to_owned(), document.index, document_typed)),
            // The schema accepted what the types refuse: report it rather than drop it.
            Err(error) => findings.push(
                Finding::new(
                    crate::schema::CODE,
                    crate::schema::NAME,
                    Severity::Error,
                    Location::node(path, document.index, ""),
                    error.to_string(),
                )
                .with_help("this document passes the schema but cannot be read; please report it as a datacharter bug"),
            ),
        }
    }
    LoadedFile {
        parsed,
        findings,
        typed,
    }
}

/// The settings file's path relative to the root (where workspace-wide findings point).
fn settings_file_name(workspace: &Workspace) -> String {
    workspace
        .settings_file
        .as_ref()
        .and_then(|path| path.strip_prefix(&workspace.root).ok())
        .map(|relative| relative.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|| "datacharter.yaml".to_owned())
}

fn read_problem(path: &str, message: &str) -> Finding {
    Finding::new(
        "DC001",
        "yaml-syntax",
        Severity::Error,
        Location::whole_file(path),
        format!("{path}: {message}"),
    )
    .with_label("this file was not read")
    .with_help("make it a readable YAML file under `max-file-size`, or exclude it with `exclude:` in datacharter.yaml")
}

fn empty_file(path: &str) -> Finding {
    Finding::new(
        crate::schema::CODE,
        crate::schema::NAME,
        Severity::Error,
        Location::whole_file(path),
        "this file holds no YAML document",
    )
    .with_label("empty file")
    .with_help("write a document with a `kind` (organisation, party, source, processing, charter, policy), or delete the file")
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
