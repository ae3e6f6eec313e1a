//! Where an export may be read from: inside the workspace root only, and whether git tracks it.
//!
//! `resolve` is the one place that decides containment, so that it can be swapped for the
//! workspace's shared containment helper when it lands: until then it canonicalises the path
//! (following symlinks) and requires it to start with the canonical root.

use super::read::ReadError;
use std::path::{Path, PathBuf};

/// The newest file matching `pattern` (a path or glob relative to `root`), if it lies inside
/// `root`. A pattern that leaves the root (`..`, an absolute path, a symlink out) is refused.
pub fn resolve(root: &Path, pattern: &str) -> Result<PathBuf, ReadError> {
    let root = root
        .canonicalize()
        .map_err(|e| ReadError::Io(e.kind().to_string()))?;
    let pattern = pattern.trim().replace('\\', "/");
    if Path::new(&pattern).is_absolute() || pattern.split('/').any(|part| part == "..") {
        return Err(outside());
    }
    let escaped_root = glob::Pattern::escape(&root.to_string_lossy());
    let candidates = glob::glob(&format!("{escaped_root}/{pattern}"))
        .map_err(|_| ReadError::Corrupt(format!("`{pattern}` is not a valid glob")))?;
    let mut newest: Option<(std::time::SystemTime, PathBuf)> = None;
    for candidate in candidates.flatten() {
        let inside = inside_root(&root, &candidate)?;
        let modified = std::fs::metadata(&inside)
            .and_then(|m| m.modified())
            .unwrap_or(std::time::UNIX_EPOCH);
        if newest
            .as_ref()
            .is_none_or(|(time, path)| (modified, &inside) > (*time, path))
        {
            newest = Some((modified, inside));
        }
    }
    newest.map(|(_, path)| path).ok_or(ReadError::Missing)
}

/// `path` canonicalised, if it is inside the canonical `root`.
pub fn inside_root(root: &Path, path: &Path) -> Result<PathBuf, ReadError> {
    let canonical = path.canonicalize().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing,
        kind => ReadError::Io(kind.to_string()),
    })?;
    if canonical.starts_with(root) {
        Ok(canonical)
    } else {
        Err(outside())
    }
}

fn outside() -> ReadError {
    ReadError::Io("outside the workspace root: an export path must stay inside it".to_owned())
}

/// Whether git tracks `path` (DA009). Without git or outside a repository: no.
pub fn tracked_by_git(path: &Path) -> bool {
    let Some(folder) = path.parent() else {
        return false;
    };
    let Some(name) = path.file_name() else {
        return false;
    };
    std::process::Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["ls-files", "--error-unmatch", "--"])
        .arg(name)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}
