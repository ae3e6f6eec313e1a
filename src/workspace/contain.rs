//! Containment: every path the workspace names (the settings file, `policies:` entries, a
//! symlink the walk meets, export paths later) must lead to a place under the canonical root.
//!
//! A workspace is written by whoever sent the pull request, so a path in it is hostile until
//! resolved: an absolute path, `..` past the root, or a symbolic link out of the root would let
//! it read any file of the machine into a report. A refusal names the entry as it is written
//! and nothing else: not the place it leads to (an absolute path of the runner), and not
//! whether that place exists (which would let a workspace probe the machine).

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Why a path named by the workspace is not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Absolute, up past the root with `..`, or through a symbolic link that leads out of the
    /// root or nowhere (a broken link or a loop: what lies behind it is not said either).
    Outside,
    /// Inside the root, but nothing is there.
    Missing,
    /// Inside the root, but it could not be inspected (permissions).
    Unreadable,
}

impl Refusal {
    /// The refusal in words, in English, naming `entry` as the workspace wrote it.
    pub fn describe(self, entry: &str) -> String {
        match self {
            Refusal::Outside => format!(
                "`{entry}` is not inside the workspace (an absolute path, `..` above the root, or a symbolic link leading out of it or nowhere); it is not read"
            ),
            Refusal::Missing => format!("`{entry}` does not exist in the workspace"),
            Refusal::Unreadable => format!("`{entry}` cannot be inspected; it is not read"),
        }
    }
}

/// A path resolved inside the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contained {
    /// Canonical, under the root: read through this path, which holds no symbolic link.
    pub canonical: PathBuf,
    /// Relative to the root, `/`-separated (`""` for the root itself).
    pub relative: String,
}

/// Resolves `entry`, a path written in the workspace and relative to `root` (canonical), and
/// checks that it leads inside the root. `/` and `\` both separate components, so a path
/// written on Windows means the same on Unix.
///
/// The order of the checks is what keeps outside places unprobed: a path that is absolute or
/// climbs above the root is refused before anything is looked at; otherwise the deepest part
/// of it that exists is resolved, and a refusal says "missing" only when that part is inside
/// and the next component has no directory entry at all.
pub fn resolve(root: &Path, entry: &str) -> Result<Contained, Refusal> {
    let normalized = entry.replace('\\', "/");
    let relative = Path::new(&normalized);
    if escapes_lexically(relative) {
        return Err(Refusal::Outside);
    }
    let joined = root.join(relative);
    match fs::canonicalize(&joined) {
        Ok(canonical) => inside(root, canonical),
        Err(_) => Err(why_unresolved(root, relative)),
    }
}

/// Whether the canonical target of the symbolic link `link` (a path under `root`) is inside
/// `root`. A broken link and a loop are refused like a link out of the root.
pub fn resolve_link(root: &Path, link: &Path) -> Result<Contained, Refusal> {
    match fs::canonicalize(link) {
        Ok(canonical) => inside(root, canonical),
        Err(_) => Err(Refusal::Outside),
    }
}

fn inside(root: &Path, canonical: PathBuf) -> Result<Contained, Refusal> {
    match canonical.strip_prefix(root) {
        Ok(relative) => Ok(Contained {
            relative: super::files::slash_path(relative),
            canonical,
        }),
        Err(_) => Err(Refusal::Outside),
    }
}

/// Absolute (or with a Windows prefix), empty, or with more `..` than names before them.
fn escapes_lexically(path: &Path) -> bool {
    if path.as_os_str().is_empty() {
        return true;
    }
    let mut depth: usize = 0;
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => return true,
            Component::CurDir => {}
            Component::ParentDir => match depth.checked_sub(1) {
                Some(up) => depth = up,
                None => return true,
            },
            Component::Normal(_) => depth += 1,
        }
    }
    false
}

/// Canonicalizing failed: find out where, without looking past a place outside the root.
fn why_unresolved(root: &Path, relative: &Path) -> Refusal {
    let components: Vec<Component> = relative.components().collect();
    // The longest prefix that resolves: the root itself always does.
    for cut in (0..components.len()).rev() {
        let prefix: PathBuf = components[..cut].iter().collect();
        let Ok(canonical) = fs::canonicalize(root.join(&prefix)) else {
            continue;
        };
        if !canonical.starts_with(root) {
            return Refusal::Outside;
        }
        let next = canonical.join(components[cut]);
        return match fs::symlink_metadata(&next) {
            // Something is there, yet the whole does not resolve: a broken link, a loop,
            // or a link into a place that cannot be entered. Say no more than "outside".
            Ok(metadata) if metadata.file_type().is_symlink() => Refusal::Outside,
            // A file or folder followed by more components (`file.yaml/x`), or `..` after
            // a name that does not exist: nothing there.
            Ok(_) => Refusal::Missing,
            Err(error)
                if matches!(
                    error.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                Refusal::Missing
            }
            Err(_) => Refusal::Unreadable,
        };
    }
    Refusal::Unreadable
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn workspace() -> (tempfile::TempDir, PathBuf, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = tempfile::tempdir().expect("temp dir");
        let root = fs::canonicalize(dir.path()).expect("canonical");
        fs::create_dir(root.join("policies")).expect("mkdir");
        fs::write(root.join("policies/house.yaml"), "kind: policy\n").expect("write");
        fs::write(outside.path().join("secret"), "token").expect("write");
        (dir, root, outside)
    }

    #[test]
    fn a_path_inside_resolves_to_its_canonical_place() {
        let (_dir, root, _outside) = workspace();
        let found = resolve(&root, "./policies/../policies/house.yaml").expect("inside");
        assert_eq!(found.relative, "policies/house.yaml");
        assert_eq!(found.canonical, root.join("policies/house.yaml"));
        let found = resolve(&root, "policies\\house.yaml").expect("inside");
        assert_eq!(found.relative, "policies/house.yaml");
    }

    #[test]
    fn absolute_and_climbing_paths_are_outside_whether_or_not_they_exist() {
        let (_dir, root, outside) = workspace();
        let secret = outside.path().join("secret");
        for entry in [
            secret.to_string_lossy().into_owned(),
            "/nonexistent/file".to_owned(),
            "../secret".to_owned(),
            "../../../../../../nonexistent".to_owned(),
            "policies/../../x".to_owned(),
            String::new(),
        ] {
            assert_eq!(resolve(&root, &entry), Err(Refusal::Outside), "{entry}");
        }
    }

    #[test]
    fn symbolic_links_out_of_the_root_are_refused_alike() {
        let (_dir, root, outside) = workspace();
        symlink(outside.path(), root.join("linked")).expect("symlink");
        symlink(outside.path().join("secret"), root.join("to-secret")).expect("symlink");
        symlink(outside.path().join("absent"), root.join("to-absent")).expect("symlink");
        symlink(root.join("loop"), root.join("loop")).expect("symlink");
        for entry in [
            "linked/secret",
            "linked/absent",
            "to-secret",
            "to-absent",
            "loop",
            "linked/../policies/house.yaml",
        ] {
            assert_eq!(resolve(&root, entry), Err(Refusal::Outside), "{entry}");
        }
        assert_eq!(
            resolve_link(&root, &root.join("to-secret")),
            Err(Refusal::Outside)
        );
        assert_eq!(
            resolve_link(&root, &root.join("to-absent")),
            Err(Refusal::Outside)
        );
    }

    #[test]
    fn a_link_inside_the_root_is_followed() {
        let (_dir, root, _outside) = workspace();
        symlink(root.join("policies"), root.join("packs")).expect("symlink");
        let found = resolve(&root, "packs/house.yaml").expect("inside");
        assert_eq!(found.relative, "policies/house.yaml");
    }

    #[test]
    fn a_missing_path_inside_is_missing() {
        let (_dir, root, _outside) = workspace();
        assert_eq!(resolve(&root, "policies/nope.yaml"), Err(Refusal::Missing));
        assert_eq!(resolve(&root, "nope/a/b.yaml"), Err(Refusal::Missing));
        assert_eq!(
            resolve(&root, "policies/house.yaml/x"),
            Err(Refusal::Missing)
        );
    }

    #[test]
    fn a_refusal_names_the_entry_only() {
        let message = Refusal::Outside.describe("../../etc/passwd");
        assert!(message.contains("`../../etc/passwd`"), "{message}");
        assert!(!message.contains("exist"), "{message}");
    }
}
