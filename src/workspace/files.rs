//! File listing: every regular file under the root that the include globs select and the
//! exclude globs do not.

use super::contain;
use super::discover::SETTINGS_NAMES;
use super::{WalkProblem, WorkspaceFile};
use glob::{MatchOptions, Pattern};
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::{DirEntry, WalkDir};

/// What is linted when `datacharter.yaml` has no `include`.
pub const DEFAULT_INCLUDE: [&str; 2] = ["**/*.yaml", "**/*.yml"];

/// Directories never entered, besides hidden ones: build output and dependencies hold
/// YAML that is not the organisation's.
const SKIPPED_DIRS: [&str; 2] = ["target", "node_modules"];

/// How include globs match: `*` stays within one path component and does not match a
/// leading dot, so `**/*.yaml` leaves tool configs like `.pre-commit-config.yaml` alone
/// while an explicit `.special.yaml` still selects that file.
const INCLUDE_OPTIONS: MatchOptions = MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: true,
};

/// Exclusion is meant to be broad: `drafts/**` removes `drafts/.x.yaml` too.
const EXCLUDE_OPTIONS: MatchOptions = MatchOptions {
    require_literal_leading_dot: false,
    ..INCLUDE_OPTIONS
};

/// Whether a workspace-relative, `/`-separated path matches a glob the way `include` does.
/// Other stages (e.g. `per-file-ignores`) use it so every glob in the settings behaves alike.
pub fn glob_matches(pattern: &Pattern, path: &str) -> bool {
    pattern.matches_with(path, INCLUDE_OPTIONS)
}

/// The compiled include and exclude globs.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    pub include: Vec<Pattern>,
    pub exclude: Vec<Pattern>,
    /// The settings file's name at the root: it configures, it is not a document.
    pub settings_name: String,
}

impl Matcher {
    fn selects(&self, path: &str) -> bool {
        if !path.contains('/') && (path == self.settings_name || SETTINGS_NAMES.contains(&path)) {
            return false;
        }
        self.include
            .iter()
            .any(|glob| glob.matches_with(path, INCLUDE_OPTIONS))
            && !self
                .exclude
                .iter()
                .any(|glob| glob.matches_with(path, EXCLUDE_OPTIONS))
    }
}

/// The result of a walk: files sorted by path, and what could not be walked.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    pub files: Vec<WorkspaceFile>,
    pub problems: Vec<WalkProblem>,
}

/// Walks `root` (canonical) without following directory symlinks, so a link loop cannot
/// trap it.
pub(crate) fn list(root: &Path, matcher: &Matcher) -> Listing {
    let mut listing = Listing::default();
    let walk = WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_skipped_dir(entry));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .and_then(|path| path.strip_prefix(root).ok())
                    .map(slash_path)
                    .unwrap_or_default();
                // walkdir's own message names the absolute path: keep only the cause.
                let cause = match (error.loop_ancestor(), error.io_error()) {
                    (Some(_), _) => "a symbolic link loop".to_owned(),
                    (None, Some(io)) => io.kind().to_string(),
                    (None, None) => "unknown error".to_owned(),
                };
                listing.problems.push(WalkProblem {
                    path,
                    message: format!("cannot list this directory: {cause}"),
                });
                continue;
            }
        };
        let Ok(relative) = entry.path().strip_prefix(root) else {
            continue;
        };
        let path = slash_path(relative);
        if entry.depth() == 0 || !matcher.selects(&path) {
            continue;
        }
        let file_type = entry.file_type();
        let readable = if file_type.is_file() {
            Some(entry.path().to_path_buf())
        } else if file_type.is_symlink() {
            match symlink_to_workspace_file(root, entry.path(), &path) {
                Ok(target) => target,
                Err(message) => {
                    listing.problems.push(WalkProblem { path, message });
                    continue;
                }
            }
        } else {
            // Directories named `x.yaml`, FIFOs, sockets, devices: nothing to read.
            None
        };
        if let Some(abs) = readable {
            listing.files.push(WorkspaceFile { path, abs });
        }
    }
    listing.files.sort_by(|a, b| a.path.cmp(&b.path));
    listing.problems.sort_by(|a, b| a.path.cmp(&b.path));
    listing
}

fn is_skipped_dir(entry: &DirEntry) -> bool {
    entry.file_type().is_dir() && {
        let name = entry.file_name();
        is_hidden(name)
            || SKIPPED_DIRS
                .iter()
                .any(|skipped| name == OsStr::new(skipped))
    }
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// A symlink is read, through its canonical target, when it leads to a regular file inside
/// the workspace; one to a directory inside is skipped quietly (never followed). A broken
/// one, a loop or one leading outside the root is reported, since the globs asked for it,
/// with one message for all three: which files exist outside is not the workspace's business.
fn symlink_to_workspace_file(
    root: &Path,
    link: &Path,
    name: &str,
) -> Result<Option<PathBuf>, String> {
    let contained = contain::resolve_link(root, link).map_err(|refusal| refusal.describe(name))?;
    let metadata = fs::metadata(&contained.canonical)
        .map_err(|error| format!("cannot inspect `{name}`: {}", error.kind()))?;
    Ok(metadata.is_file().then_some(contained.canonical))
}

/// A relative path as findings name it: components joined by `/`. A name that is not UTF-8
/// is shown lossily; the file is still read through its real path.
pub(crate) fn slash_path(relative: &Path) -> String {
    let parts: Vec<_> = relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// Compiles one glob from the settings; a leading `/` is refused because globs are matched
/// against root-relative paths and such a glob would silently match nothing.
pub(crate) fn compile_glob(text: &str) -> Result<Pattern, String> {
    if text.starts_with('/') {
        return Err(format!(
            "`{text}` starts with `/`; globs are relative to the workspace root"
        ));
    }
    // Files are matched by their path below the root, which never climbs: such a glob would
    // silently match nothing, and nothing outside the root is ever read.
    if text.split(['/', '\\']).any(|part| part == "..") {
        return Err(format!(
            "`{text}` goes up with `..`; globs select files inside the workspace root only"
        ));
    }
    Pattern::new(text).map_err(|error| {
        format!(
            "`{text}` is not a valid glob: {} (at character {})",
            error.msg,
            error.pos + 1
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(include: &[&str], exclude: &[&str]) -> Matcher {
        let compile = |globs: &[&str]| globs.iter().filter_map(|g| Pattern::new(g).ok()).collect();
        Matcher {
            include: compile(include),
            exclude: compile(exclude),
            settings_name: "datacharter.yaml".to_owned(),
        }
    }

    #[test]
    fn default_include_spans_directories_and_skips_dot_files() {
        let m = matcher(&DEFAULT_INCLUDE, &[]);
        assert!(m.selects("a.yaml"));
        assert!(m.selects("a/b/c.yml"));
        assert!(!m.selects(".pre-commit-config.yaml"));
        assert!(!m.selects("notes.txt"));
        assert!(!m.selects("datacharter.yaml"));
        assert!(!m.selects("datacharter.yml"));
        assert!(m.selects("sub/datacharter.yaml"));
    }

    #[test]
    fn exclude_covers_nested_and_dot_files() {
        let m = matcher(&["**/*.yaml", "**/.*.yaml"], &["drafts/**"]);
        assert!(!m.selects("drafts/a/b.yaml"));
        assert!(!m.selects("drafts/.x.yaml"));
        assert!(m.selects("final/a.yaml"));
    }

    #[test]
    fn single_star_stays_in_one_directory() {
        let m = matcher(&["*.yaml"], &[]);
        assert!(m.selects("a.yaml"));
        assert!(!m.selects("sub/a.yaml"));
    }

    #[test]
    fn compile_glob_explains_errors() {
        assert!(compile_glob("**/*.yaml").is_ok());
        let error = compile_glob("[unclosed").err().unwrap_or_default();
        assert!(error.contains("not a valid glob"), "{error}");
        let error = compile_glob("/abs/*.yaml").err().unwrap_or_default();
        assert!(error.contains("relative to the workspace root"), "{error}");
        let error = compile_glob("../other/*.yaml").err().unwrap_or_default();
        assert!(error.contains("inside the workspace root"), "{error}");
        let error = compile_glob("a/../../*.yaml").err().unwrap_or_default();
        assert!(error.contains("inside the workspace root"), "{error}");
        assert!(compile_glob("a..b/*.yaml").is_ok());
    }
}
