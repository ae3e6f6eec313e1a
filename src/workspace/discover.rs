//! Root discovery: walk up from the start path to the first folder holding a settings file.

use super::{Discovery, WorkspaceError};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Names of the settings file that marks a workspace root, in order of preference.
pub(crate) const SETTINGS_NAMES: [&str; 2] = ["datacharter.yaml", "datacharter.yml"];

/// Where the workspace is and which settings file, if any, to read.
#[derive(Debug)]
pub(crate) struct Located {
    /// Canonical, so that every path below it can be made relative by `strip_prefix`.
    pub root: PathBuf,
    pub settings_file: Option<PathBuf>,
    /// The settings file's path relative to the root (its file name).
    pub settings_name: String,
}

pub(crate) fn locate(discovery: &Discovery) -> Result<Located, WorkspaceError> {
    match (discovery.config, discovery.no_config) {
        (Some(_), true) => Err(WorkspaceError::ConflictingConfigOptions),
        (Some(config), false) => {
            let file = canonical(config)?;
            if !file.is_file() {
                return Err(WorkspaceError::Io {
                    path: config.to_path_buf(),
                    source: io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"),
                });
            }
            let (Some(root), Some(name)) = (file.parent(), file.file_name()) else {
                // A canonical regular file always has a parent and a name.
                return Err(WorkspaceError::Io {
                    path: config.to_path_buf(),
                    source: io::Error::new(io::ErrorKind::InvalidInput, "no parent directory"),
                });
            };
            Ok(Located {
                root: root.to_path_buf(),
                settings_name: name.to_string_lossy().into_owned(),
                settings_file: Some(file),
            })
        }
        (None, true) => Ok(Located {
            root: start_directory(discovery.start)?,
            settings_file: None,
            settings_name: SETTINGS_NAMES[0].to_owned(),
        }),
        (None, false) => {
            let start = start_directory(discovery.start)?;
            for dir in start.ancestors() {
                for name in SETTINGS_NAMES {
                    let candidate = dir.join(name);
                    if candidate.is_file() && !is_workflow_folder(dir) {
                        return Ok(Located {
                            root: dir.to_path_buf(),
                            settings_file: Some(candidate),
                            settings_name: name.to_owned(),
                        });
                    }
                }
            }
            Err(WorkspaceError::NotFound { start })
        }
    }
}

/// `.github/workflows/`: a `datacharter.yml` there is the GitHub workflow that runs
/// datacharter, never its settings file.
fn is_workflow_folder(dir: &Path) -> bool {
    dir.file_name().is_some_and(|name| name == "workflows")
        && dir
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|name| name == ".github")
}

/// The canonical directory to start from: `start` itself, or its parent when it is a file.
fn start_directory(start: &Path) -> Result<PathBuf, WorkspaceError> {
    let start = canonical(start)?;
    if start.is_dir() {
        return Ok(start);
    }
    match start.parent() {
        Some(parent) => Ok(parent.to_path_buf()),
        None => Ok(start),
    }
}

fn canonical(path: &Path) -> Result<PathBuf, WorkspaceError> {
    fs::canonicalize(path).map_err(|source| WorkspaceError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Makes `path` absolute and resolves symlinks in its directories but not in its last
/// component, so that `lint link.yaml` names the link (the workspace lists files under the
/// names they have in the tree, not their targets'). Fails when the path does not exist.
pub(crate) fn resolve_keeping_name(path: &Path) -> io::Result<PathBuf> {
    let resolved = match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            fs::canonicalize(parent)?.join(name)
        }
        // `.`, `..`, `/` and the like: nothing to keep, resolve it all.
        _ => fs::canonicalize(path)?,
    };
    fs::symlink_metadata(&resolved)?;
    Ok(resolved)
}
