//! The pre-commit hooks of `.pre-commit-hooks.yaml`, run by the real `pre-commit` tool (from
//! PyPI; `.ci/run` installs it) against sample workspaces: they must fail on a broken workspace
//! and pass on a clean one. Without `pre-commit` on PATH these tests say so and skip.
//!
//! `pre-commit try-repo` and `run` clone the hook repository at a commit, so each test builds a
//! throw-away git repository holding this crate's hook file (and, for the `rust` hook, its
//! source) and commits there: this repository's own git state is never touched.

#[path = "common/repository.rs"]
mod repository;
#[path = "common/tools.rs"]
mod tools;

use repository::{copy_dir, git};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

const TODAY: &str = "2026-06-01";

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether `pre-commit` runs; prints why a test skips when it does not.
fn pre_commit_available() -> bool {
    let found = Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        tools::unavailable(
            "pre-commit hook tests",
            "`pre-commit`",
            "python3 -m pip install pre-commit",
        );
    }
    found
}

/// A git repository holding `files` (paths relative to this crate) with one commit; returns
/// it and the commit.
fn hook_repository(files: &[&str]) -> (TempDir, String) {
    let repository = tempfile::tempdir().expect("temp dir");
    for file in files {
        let from = manifest_dir().join(file);
        let to = repository.path().join(file);
        if from.is_dir() {
            copy_dir(&from, &to);
        } else {
            fs::create_dir_all(to.parent().expect("a parent")).expect("create folder");
            fs::copy(&from, &to).expect("copy file");
        }
    }
    git(repository.path(), &["init", "-q"]);
    git(repository.path(), &["add", "-A"]);
    git(repository.path(), &["commit", "-q", "-m", "hooks"]);
    let commit = git(repository.path(), &["rev-parse", "HEAD"]);
    (repository, commit)
}

/// A git repository whose root is a copy of `examples/{example}`, every file staged.
fn workspace_repository(example: &str) -> TempDir {
    let repository = tempfile::tempdir().expect("temp dir");
    copy_dir(
        &manifest_dir().join("examples").join(example),
        repository.path(),
    );
    git(repository.path(), &["init", "-q"]);
    git(repository.path(), &["add", "-A"]);
    repository
}

/// `pre-commit ARGS` in `workspace`, with the datacharter built for these tests first on PATH
/// and pre-commit's cache in `cache`.
fn pre_commit(workspace: &Path, cache: &Path, args: &[&str]) -> Output {
    let binary = Path::new(env!("CARGO_BIN_EXE_datacharter"));
    let mut paths = vec![binary.parent().expect("bin folder").to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    Command::new("pre-commit")
        .args(args)
        .current_dir(workspace)
        .env("PATH", std::env::join_paths(paths).expect("PATH"))
        .env("PRE_COMMIT_HOME", cache)
        .env("DATACHARTER_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("pre-commit runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The `.pre-commit-config.yaml` snippet of `README.md` that uses `hook`.
fn config_snippet(hook: &str) -> String {
    let docs = fs::read_to_string(manifest_dir().join("README.md")).expect("README.md");
    docs.split("```yaml\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .find(|block| {
            block.starts_with("# .pre-commit-config.yaml\n")
                && block.contains(&format!("- id: {hook}\n"))
        })
        .unwrap_or_else(|| panic!("README.md has no .pre-commit-config.yaml snippet for {hook}"))
        .to_owned()
}

/// Points the snippet at a local hook repository and commit instead of the published ones.
fn localised(snippet: &str, repository: &Path, commit: &str) -> String {
    let repo_line = format!("repo: {}", env!("CARGO_PKG_REPOSITORY"));
    assert!(
        snippet.contains(&repo_line),
        "the snippet names {repo_line}"
    );
    snippet
        .lines()
        .map(|line| {
            if line.contains(&repo_line) {
                line.replace(env!("CARGO_PKG_REPOSITORY"), &repository.to_string_lossy())
            } else if let Some(at) = line.find("rev: ") {
                format!("{}rev: {commit}", &line[..at])
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn system_hook_fails_on_a_broken_workspace_and_passes_on_a_clean_one() {
    if !pre_commit_available() {
        return;
    }
    let (hooks, _) = hook_repository(&[".pre-commit-hooks.yaml"]);
    let cache = tempfile::tempdir().expect("temp dir");
    let hooks_path = hooks.path().to_string_lossy().into_owned();
    let try_repo = ["try-repo", &hooks_path, "datacharter-system", "--all-files"];

    let broken = workspace_repository("broken");
    let output = pre_commit(broken.path(), cache.path(), &try_repo);
    let shown = text(&output);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(shown.contains("datacharter (installed binary)"), "{shown}");
    assert!(shown.contains("Failed"), "{shown}");
    assert!(
        shown.contains(": error[DC"),
        "the concise findings are shown: {shown}"
    );

    let clean = workspace_repository("quatre-saisons");
    let output = pre_commit(clean.path(), cache.path(), &try_repo);
    let shown = text(&output);
    assert_eq!(output.status.code(), Some(0), "{shown}");
    assert!(shown.contains("Passed"), "{shown}");
}

#[test]
fn documented_config_runs_the_system_hook() {
    if !pre_commit_available() {
        return;
    }
    let (hooks, commit) = hook_repository(&[".pre-commit-hooks.yaml"]);
    let cache = tempfile::tempdir().expect("temp dir");
    let config = localised(&config_snippet("datacharter-system"), hooks.path(), &commit);
    for (example, expected) in [("broken", 1), ("quatre-saisons", 0)] {
        let workspace = workspace_repository(example);
        fs::write(workspace.path().join(".pre-commit-config.yaml"), &config).expect("write config");
        git(workspace.path(), &["add", ".pre-commit-config.yaml"]);
        let output = pre_commit(workspace.path(), cache.path(), &["run", "--all-files"]);
        assert_eq!(
            output.status.code(),
            Some(expected),
            "{example}: {}",
            text(&output)
        );
    }
}

/// The same with the `language: rust` hook, which has pre-commit build this crate with
/// `cargo install` (a release build of every dependency).
#[test]
#[ignore = "pre-commit builds the crate in release mode with cargo install: minutes of CPU"]
fn rust_hook_builds_datacharter_and_lints() {
    if !pre_commit_available() {
        return;
    }
    // The whole crate as it is now (the manifest names benches and examples too), less builds.
    let entries: Vec<String> = fs::read_dir(manifest_dir())
        .expect("list the crate")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name != "target" && name != ".git")
        .collect();
    let entries: Vec<&str> = entries.iter().map(String::as_str).collect();
    let (hooks, commit) = hook_repository(&entries);
    let cache = tempfile::tempdir().expect("temp dir");
    let config = localised(&config_snippet("datacharter"), hooks.path(), &commit);
    for (example, expected) in [("broken", 1), ("quatre-saisons", 0)] {
        let workspace = workspace_repository(example);
        fs::write(workspace.path().join(".pre-commit-config.yaml"), &config).expect("write config");
        git(workspace.path(), &["add", ".pre-commit-config.yaml"]);
        let output = pre_commit(workspace.path(), cache.path(), &["run", "--all-files"]);
        assert_eq!(
            output.status.code(),
            Some(expected),
            "{example}: {}",
            text(&output)
        );
    }
}
