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
    let builtin = builtin_packs()?;
    let mut files = BTreeMap::new();
    let mut findings = Vec::new();
    let mut typed = Vec::new();
    let mut document_count = 0;

    for problem in &workspace.walk_problems {
        findings.push(read_problem(&problem.path, &problem.message));
    }
    for file in &workspace.files {
        let parsed = match workspace.read(file) {
            Ok(bytes) => parse(&file.path, &bytes, &options.limits),
            Err(problem) => {
                findings.push(read_problem(&file.path, &problem.to_string()));
                files.insert(file.path.clone(), unread(&file.path));
                continue;
            }
        };
        findings.extend(parsed.findings.iter().cloned());
        if parsed.documents.is_empty() && parsed.findings.is_empty() {
            findings.push(empty_file(&file.path));
        }
        for document in &parsed.documents {
            document_count += 1;
            let problems = crate::schema::validate_document(&file.path, document.index, &document.value);
            if !problems.is_empty() {
                findings.extend(problems);
                continue;
            }
            match TypedDocument::from_value(&document.value) {
                Ok(document_typed) => typed.push((file.path.clone(), document.index, document_typed)),
                // The schema accepted what the types refuse: report it rather than drop it.
                Err(error) => findings.push(
                    Finding::new(
                        crate::schema::CODE,
                        crate::schema::NAME,
                        Severity::Error,
                        Location::node(&file.path, document.index, ""),
                        error.to_string(),
                    )
                    .with_help("this document passes the schema but cannot be read; please report it as a datacharter bug"),
                ),
            }
        }
        files.insert(file.path.clone(), parsed);
    }

    let inventory = Inventory::new(typed);
    let policy = PolicyTables::build(builtin, &inventory);
    let settings_file = settings_file_name(workspace);
    let context = Context {
        inventory: &inventory,
        policy: &policy,
        today: options.today,
        settings_file: &settings_file,
    };
    findings.extend(rules::run(&context, &options.selection));

    if let Some(path) = &workspace.settings_file
        && let Ok(bytes) = std::fs::read(path)
    {
        files
            .entry(settings_file.clone())
            .or_insert_with(|| parse(&settings_file, &bytes, &options.limits));
    }
    Ok(Outcome {
        files,
        file_count: workspace.files.len(),
        document_count,
        findings,
    })
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
