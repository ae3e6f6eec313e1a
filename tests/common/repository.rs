//! Throw-away workspaces and git repositories for the tests that run datacharter (or a tool
//! that calls it) inside one: copy an example folder, run git with a fixed identity.
//!
//! Include it with `#[path = "common/repository.rs"] mod repository;`.

#![allow(dead_code)] // Each test file uses part of the helper.

use std::fs;
use std::path::Path;
use std::process::Command;

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// Runs git in `dir` with a fixed identity, branch name and no signing, whatever the user's
/// configuration; asserts it succeeds and returns its trimmed output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=datacharter tests",
            "-c",
            "user.email=tests@example.org",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?} failed in {}: {output:?}",
        dir.display()
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}
