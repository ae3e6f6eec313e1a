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
            // The root is the folder the path names, and the file must lie in it: a settings
            // file that is a link elsewhere does not move the workspace there.
            let resolved = resolve_keeping_name(config).map_err(|source| WorkspaceError::Io {
                path: config.to_path_buf(),
                source,
            })?;
            let (Some(root), Some(name)) = (resolved.parent(), resolved.file_name()) else {
                return Err(WorkspaceError::Io {
                    path: config.to_path_buf(),
                    source: io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"),
                });
            };
            let name = name.to_string_lossy().into_owned();
            let file = contained_settings(root, &name)?;
            if !file.is_file() {
                return Err(WorkspaceError::Io {
                    path: config.to_path_buf(),
                    source: io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"),
                });
            }
            Ok(Located {
                root: root.to_path_buf(),
                settings_name: name,
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
                    // Anything by that name marks the root, even a link that is refused:
                    // walking on up would lint a parent the user did not mean.
                    if fs::symlink_metadata(dir.join(name)).is_err() {
                        continue;
                    }
                    let candidate = contained_settings(dir, name)?;
                    if candidate.is_file() {
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

/// The settings file `name` in `root`, which must be inside `root` once links are followed.
/// Returned by its path in the root, so that findings name it as the user sees it.
fn contained_settings(root: &Path, name: &str) -> Result<PathBuf, WorkspaceError> {
    match super::contain::resolve(root, name) {
        Ok(_) => Ok(root.join(name)),
        Err(super::contain::Refusal::Missing) => Err(WorkspaceError::Io {
            path: PathBuf::from(name),
            source: io::Error::from(io::ErrorKind::NotFound),
        }),
        Err(refusal) => Err(WorkspaceError::SettingsOutside {
            message: refusal.describe(name),
        }),
    }
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
