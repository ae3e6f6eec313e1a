//! Adopting datacharter on a register that already has findings: report only what a change
//! adds (`lint --new-since REV`), or what a baseline file does not record (`--baseline`).
//! Both compare findings by their stable key ([`crate::finding_key`]), as multisets: three
//! identical findings where the base had two make one new.

pub mod baseline;
pub mod sarif;
pub mod suppressions;

use crate::finding_key::FindingKey;
use crate::git::{GitError, Repository};
use crate::report::Diagnostic;
use crate::workspace::Workspace;
use glob::{MatchOptions, Pattern};
use std::collections::BTreeMap;

/// Why a finding is not reported though it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// `--new-since`: it was there at the base revision.
    Existing,
    /// The baseline file records it.
    Baselined,
}

/// Splits `diagnostics` into those whose key is not in `known` (counted: each known key hides
/// as many findings as it was counted) and those it hides. `eligible` says which may be
/// hidden at all.
pub fn split_known(
    diagnostics: Vec<Diagnostic>,
    known: &mut BTreeMap<FindingKey, usize>,
    eligible: impl Fn(&Diagnostic) -> bool,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut shown = Vec::new();
    let mut hidden = Vec::new();
    for diagnostic in diagnostics {
        let count = known.get_mut(&diagnostic.key).filter(|count| **count > 0);
        match count {
            Some(count) if eligible(&diagnostic) => {
                *count -= 1;
                hidden.push(diagnostic);
            }
            _ => shown.push(diagnostic),
        }
    }
    (shown, hidden)
}

/// A revision linted: its located diagnostics and the run they come from.
pub struct RevisionRun {
    pub diagnostics: Vec<Diagnostic>,
    pub outcome: crate::lint::Outcome,
}

/// Lints the workspace as it was at `rev`, with `options` (those of the run it is compared
/// with). Errors as text, so that it can run on a thread of its own.
pub fn lint_revision(
    workspace: &Workspace,
    settings_file: &str,
    options: &crate::lint::Options,
    rev: &str,
) -> Result<RevisionRun, String> {
    let (inputs, _) = files_at(workspace, settings_file, rev).map_err(|e| e.to_string())?;
    let mut outcome =
        crate::lint::lint_inputs(inputs, settings_file, options).map_err(|e| e.to_string())?;
    let findings = std::mem::take(&mut outcome.findings);
    let files = &outcome.files;
    let diagnostics = crate::report::locate(findings, &|path: &str| files.get(path));
    Ok(RevisionRun {
        diagnostics,
        outcome,
    })
}

/// Counts keys.
pub fn count_keys<'a>(
    keys: impl IntoIterator<Item = &'a FindingKey>,
) -> BTreeMap<FindingKey, usize> {
    let mut counts = BTreeMap::new();
    for key in keys {
        *counts.entry(key.clone()).or_insert(0) += 1;
    }
    counts
}

/// A file for the pipeline: its path and its bytes, or why they could not be read.
pub type Input = (String, Result<Vec<u8>, String>);

/// The workspace's files as they were at `rev`, selected with today's settings (so that both
/// sides are linted alike): the (path, bytes) the pipeline reads, and the commit.
pub fn files_at(
    workspace: &Workspace,
    settings_file: &str,
    rev: &str,
) -> Result<(Vec<Input>, String), GitError> {
    let repository = Repository::open(&workspace.root)?;
    let commit = repository.resolve(rev)?;
    let tree = repository.files(&commit)?;
    let selector = Selector::new(workspace, settings_file);
    let wanted: Vec<_> =
        tree.into_iter()
            .filter(|file| {
                selector.selects(&file.path)
                    || workspace.settings.policies.iter().any(|policy| {
                        policy.trim_start_matches("./").replace('\\', "/") == file.path
                    })
            })
            .collect();
    let objects: Vec<&str> = wanted.iter().map(|file| file.object.as_str()).collect();
    let blobs = repository.read_blobs(&objects, workspace.max_file_size())?;
    let inputs = wanted
        .into_iter()
        .zip(blobs)
        .map(|(file, bytes)| (file.path, bytes))
        .collect();
    Ok((inputs, commit))
}

/// The include / exclude globs as the workspace walk applies them (`workspace/files.rs`): `*`
/// within one component, no leading dot for include; hidden folders, `target` and
/// `node_modules` are never entered; the settings file is not a document.
struct Selector<'a> {
    include: Vec<Pattern>,
    exclude: Vec<Pattern>,
    settings_file: &'a str,
}

const INCLUDE: MatchOptions = MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: true,
};
const EXCLUDE: MatchOptions = MatchOptions {
    require_literal_leading_dot: false,
    ..INCLUDE
};

impl<'a> Selector<'a> {
    fn new(workspace: &Workspace, settings_file: &'a str) -> Selector<'a> {
        let compile = |globs: &[String]| -> Vec<Pattern> {
            globs
                .iter()
                .filter_map(|glob| Pattern::new(glob).ok())
                .collect()
        };
        let include = if workspace.settings.include.is_empty() {
            crate::workspace::DEFAULT_INCLUDE
                .iter()
                .filter_map(|glob| Pattern::new(glob).ok())
                .collect()
        } else {
            compile(&workspace.settings.include)
        };
        Selector {
            include,
            exclude: compile(&workspace.settings.exclude),
            settings_file,
        }
    }

    fn selects(&self, path: &str) -> bool {
        let (folders, name) = path.rsplit_once('/').unwrap_or(("", path));
        let skipped_folder = !folders.is_empty()
            && folders.split('/').any(|folder| {
                folder.starts_with('.') || folder == "target" || folder == "node_modules"
            });
        if skipped_folder
            || path == self.settings_file
            || (folders.is_empty() && matches!(name, "datacharter.yaml" | "datacharter.yml"))
        {
            return false;
        }
        self.include
            .iter()
            .any(|glob| glob.matches_with(path, INCLUDE))
            && !self
                .exclude
                .iter()
                .any(|glob| glob.matches_with(path, EXCLUDE))
    }
}
