//! Workspace stage: find the root (the folder holding `datacharter.yaml`), load its settings,
//! list the YAML files to lint, and read them with a size bound.
//!
//! Everything below the root is addressed by a path relative to it, `/`-separated, which is
//! the `file` of every finding.

pub mod contain;
mod discover;
mod files;
mod read;
mod settings;

pub use files::{DEFAULT_INCLUDE, glob_matches};
pub use read::{DEFAULT_MAX_FILE_SIZE, MAX_FILE_SIZE_CEILING, ReadProblem};

use crate::finding::Finding;
use crate::model::Settings;
use crate::syntax::ParsedFile;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How to find the workspace: the CLI's start path and its `--config` / `--no-config`.
#[derive(Debug, Clone, Copy)]
pub struct Discovery<'a> {
    /// A directory, or a file inside the workspace; discovery walks up from it.
    pub start: &'a Path,
    /// `--config FILE`: this settings file, whose directory is the root.
    pub config: Option<&'a Path>,
    /// `--no-config`: the start directory is the root, with default settings.
    pub no_config: bool,
}

/// A loaded workspace: its root, settings and the files to lint.
#[derive(Debug)]
pub struct Workspace {
    /// Canonical absolute path of the root.
    pub root: PathBuf,
    pub settings: Settings,
    /// The settings file read, if any (`None` with `--no-config`).
    pub settings_file: Option<PathBuf>,
    /// Files to lint, sorted by `path` (byte order).
    pub files: Vec<WorkspaceFile>,
    /// Places the walk could not enter or use (an unreadable directory, a broken symlink…).
    pub walk_problems: Vec<WalkProblem>,
}

/// One file of the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceFile {
    /// Relative to the root, `/`-separated: the `file` of this file's findings.
    pub path: String,
    /// Where to read it.
    pub abs: PathBuf,
}

/// Something under the root that the walk could not list or use; not fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkProblem {
    /// Relative to the root, `/`-separated.
    pub path: String,
    pub message: String,
}

/// Why a workspace could not be loaded. Every variant means exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error(
        "no datacharter.yaml found in {} or any parent; run `datacharter init` or pass --config",
        .start.display()
    )]
    NotFound { start: PathBuf },
    #[error("--config and --no-config cannot be used together")]
    ConflictingConfigOptions,
    #[error("cannot access {}: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("cannot read settings file {}: {problem}", .path.display())]
    UnreadableSettings { path: PathBuf, problem: ReadProblem },
    /// The settings file has syntax, schema or glob errors; render `findings` against `file`
    /// with the normal reporter.
    #[error("invalid settings in {}", .file.source.path)]
    InvalidSettings {
        file: Box<ParsedFile>,
        findings: Vec<Finding>,
    },
    #[error("{} is outside the workspace root {}", .path.display(), .root.display())]
    OutsideRoot { path: PathBuf, root: PathBuf },
    /// The settings file is a symbolic link out of its folder (or a broken one): refused
    /// without saying where it leads.
    #[error("settings file {message}")]
    SettingsOutside { message: String },
}

/// Finds the root, loads the settings and lists the files to lint.
pub fn load(discovery: &Discovery) -> Result<Workspace, WorkspaceError> {
    let located = discover::locate(discovery)?;
    let loaded = match &located.settings_file {
        Some(path) => settings::load(path, &located.settings_name)?,
        None => settings::defaults(&located.settings_name),
    };
    let listing = files::list(&located.root, &loaded.matcher);
    Ok(Workspace {
        root: located.root,
        settings: loaded.settings,
        settings_file: located.settings_file,
        files: listing.files,
        walk_problems: listing.problems,
    })
}

impl Workspace {
    /// The size above which a file is not read (`max-file-size`, default 10 MiB, never above
    /// [`MAX_FILE_SIZE_CEILING`]; the settings stage reports a value above it).
    pub fn max_file_size(&self) -> u64 {
        self.settings
            .max_file_size
            .bytes()
            .min(MAX_FILE_SIZE_CEILING)
    }

    /// The `policies:` entries of the settings, each resolved inside the root (see
    /// [`contain`]), named by their path below the root.
    pub fn policy_files(&self) -> Vec<(String, Result<WorkspaceFile, contain::Refusal>)> {
        self.settings
            .policies
            .iter()
            .map(|entry| {
                let file = contain::resolve(&self.root, entry).map(|found| WorkspaceFile {
                    path: found.relative,
                    abs: found.canonical,
                });
                (entry.clone(), file)
            })
            .collect()
    }

    /// The settings file's bytes, bounded like any file; `None` without one or when it
    /// cannot be read again.
    pub fn read_settings(&self) -> Option<Vec<u8>> {
        let path = self.settings_file.as_ref()?;
        read::read_bounded(path, DEFAULT_MAX_FILE_SIZE).ok()
    }

    /// Whether `path` (any path, e.g. an `--output`) is one of the files this workspace reads:
    /// a linted file, a policy pack or the settings file. Compared once resolved, so another
    /// spelling or a link to an input is caught too.
    pub fn is_input(&self, path: &Path) -> bool {
        let Ok(target) = fs::canonicalize(path).or_else(|_| discover::resolve_keeping_name(path))
        else {
            return false;
        };
        let same = |candidate: &Path| {
            fs::canonicalize(candidate).is_ok_and(|candidate| candidate == target)
        };
        self.files.iter().any(|file| same(&file.abs))
            || self
                .policy_files()
                .iter()
                .any(|(_, file)| file.as_ref().is_ok_and(|file| same(&file.abs)))
            || self.settings_file.as_deref().is_some_and(same)
    }

    /// Reads a file's bytes, refusing what is not a regular file or is larger than
    /// `max_file_size`. The pipeline turns a problem into a DC001 finding on the whole file.
    pub fn read(&self, file: &WorkspaceFile) -> Result<Vec<u8>, ReadProblem> {
        read::read_bounded(&file.abs, self.max_file_size())
    }

    /// Which findings to report for `datacharter lint PATH…`: the whole workspace is still
    /// linted (cross-file rules need every file), but only findings in these files or
    /// directories are shown. Paths are taken relative to the current directory; one outside
    /// the root is an error, one that does not exist is an I/O error.
    pub fn report_filter<P: AsRef<Path>>(
        &self,
        paths: &[P],
    ) -> Result<ReportFilter, WorkspaceError> {
        let mut prefixes = Vec::with_capacity(paths.len());
        for path in paths {
            let path = path.as_ref();
            let resolved =
                discover::resolve_keeping_name(path).map_err(|source| WorkspaceError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
            let relative =
                resolved
                    .strip_prefix(&self.root)
                    .map_err(|_| WorkspaceError::OutsideRoot {
                        path: path.to_path_buf(),
                        root: self.root.clone(),
                    })?;
            prefixes.push(files::slash_path(relative));
        }
        Ok(ReportFilter { prefixes })
    }
}

/// The files and directories a run reports on; empty means the whole workspace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFilter {
    /// Relative to the root, `/`-separated; `""` is the root itself.
    pub prefixes: Vec<String>,
}

impl ReportFilter {
    /// Whether findings in `file` (a workspace-relative path) are reported.
    pub fn includes(&self, file: &str) -> bool {
        self.prefixes.is_empty()
            || self.prefixes.iter().any(|prefix| {
                prefix.is_empty()
                    || file == prefix
                    || file
                        .strip_prefix(prefix.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            })
    }
}
