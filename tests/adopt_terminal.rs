//! The command line as ruff users expect it: a hook mode on staged files, paths relative to
//! the current directory, colour variables, short flags, an unsaved buffer on stdin, shell
//! completions, and `--select` replacing the settings' selection.

#[path = "common/repository.rs"]
mod repository;

use assert_cmd::Command;
use repository::{copy_dir, git};
use std::fs;
use std::path::{Path, PathBuf};

fn datacharter(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("datacharter").expect("binary is built");
    command
        .current_dir(dir)
        .env("DATACHARTER_TODAY", "2026-11-28")
        .env("LANG", "C");
    for name in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "CLICOLOR"] {
        command.env_remove(name);
    }
    command
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn stdout(command: &mut Command) -> String {
    String::from_utf8_lossy(&command.output().expect("runs").stdout).into_owned()
}

/// A repository whose workspace is in `governance/`, with a vague description (DC102) in the
/// newsletter and a GitHub workflow named like a settings file.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("governance");
    copy_dir(&example("quatre-saisons"), &root);
    let newsletter = root.join("processings/newsletter.yaml");
    let text = fs::read_to_string(&newsletter).expect("read");
    let text = text.replacen(
        "description: \"Send the monthly programme and the season's news to people who signed up on the website or at the box office.\"",
        "description: \"divers\"",
        1,
    );
    fs::write(&newsletter, text).expect("write");
    fs::create_dir_all(dir.path().join(".github/workflows")).expect("mkdir");
    fs::write(
        dir.path().join(".github/workflows/datacharter.yml"),
        "on: [pull_request]\njobs: { lint: { runs-on: ubuntu-latest, steps: [] } }\n",
    )
    .expect("write");
    fs::write(dir.path().join("notes.yaml"), "not: governance\n").expect("write");
    git(dir.path(), &["init", "-q"]);
    dir
}

#[test]
fn hook_mode_reports_on_the_staged_files_only_and_ignores_the_others() {
    let repo = repository();
    // What pre-commit passes: staged files, some outside the workspace, from the repository root.
    let output = datacharter(repo.path())
        .args([
            "lint",
            "-f",
            "concise",
            ".github/workflows/datacharter.yml",
            "notes.yaml",
        ])
        .args([
            "governance/processings/newsletter.yaml",
            "governance/sources/crm.yaml",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "a warning only: {output:?}");
    assert!(
        text.starts_with("governance/processings/newsletter.yaml:6:14: warning[DC102] "),
        "{text}"
    );
    assert_eq!(text.lines().count(), 2, "{text}");
    // Only files outside the workspace (or the workflow): nothing to report.
    let output = datacharter(repo.path())
        .args(["lint", "-f", "concise", "notes.yaml"])
        .arg("governance/sources/crm.yaml")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(!String::from_utf8_lossy(&output.stdout).contains("DC102"));
    // The workflow is never the settings file, even when discovery starts next to it.
    let output = datacharter(&repo.path().join(".github/workflows"))
        .args(["lint", "../../governance"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let hooks =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"))
            .expect("hooks");
    assert!(hooks.contains("- id: datacharter-staged\n"));
}

#[test]
fn terminal_paths_are_relative_to_the_current_directory() {
    let repo = repository();
    let from_sources = stdout(
        datacharter(&repo.path().join("governance/sources")).args(["lint", "-q", "-f", "concise"]),
    );
    assert_eq!(
        from_sources,
        "../processings/newsletter.yaml:6:14: warning[DC102] processing `newsletter` is described only as \"divers\", which does not specify a purpose (GDPR Art. 5(1)(b))\n"
    );
    let human = stdout(datacharter(repo.path()).args(["lint", "governance", "--color", "never"]));
    assert!(
        human.contains("╭─[governance/processings/newsletter.yaml:6:14]"),
        "{human}"
    );
    assert!(
        human.contains("description: \"divers\""),
        "the snippet is still shown: {human}"
    );
    // The machine formats keep root-relative paths.
    let json =
        stdout(datacharter(repo.path()).args(["lint", "governance", "--output-format", "json"]));
    assert!(
        json.contains("\"file\": \"processings/newsletter.yaml\""),
        "{json}"
    );
}

#[test]
fn colour_follows_the_environment() {
    let repo = repository();
    let run = |vars: &[(&str, &str)]| -> bool {
        let mut command = datacharter(repo.path());
        command.args(["lint", "governance"]);
        for (name, value) in vars {
            command.env(name, value);
        }
        stdout(&mut command).contains('\u{1b}')
    };
    assert!(!run(&[]), "not a terminal: no colour");
    assert!(run(&[("FORCE_COLOR", "1")]));
    assert!(run(&[("CLICOLOR_FORCE", "1")]));
    assert!(!run(&[("CLICOLOR_FORCE", "0")]));
    assert!(
        !run(&[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]),
        "NO_COLOR wins"
    );
    assert!(!run(&[("CLICOLOR", "0")]));
}

#[test]
fn short_flags_and_output_format_alias() {
    let repo = repository();
    let out = repo.path().join("report.json");
    let output = datacharter(repo.path())
        .args(["lint", "governance", "-q", "-f", "json", "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(&out).expect("written")).expect("JSON");
    assert_eq!(report["summary"]["warnings"], 1);
    let concise = stdout(datacharter(repo.path()).args([
        "lint",
        "governance",
        "--output-format",
        "concise",
        "-q",
    ]));
    assert_eq!(concise.lines().count(), 1, "{concise}");
}

#[test]
fn stdin_filename_lints_an_unsaved_buffer_in_place_of_the_file() {
    let repo = repository();
    let file = repo.path().join("governance/processings/newsletter.yaml");
    let on_disk = fs::read_to_string(&file).expect("read");
    let buffer = on_disk.replace(
        "description: \"divers\"",
        "description: \"Send the monthly programme to the people who asked for it.\"",
    );
    let output = datacharter(repo.path())
        .args([
            "lint",
            "-f",
            "concise",
            "--stdin-filename",
            "governance/processings/newsletter.yaml",
        ])
        .write_stdin(buffer)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "No problems found in 24 files"
    );
    // The buffer breaks a reference: found, and reported on that file only.
    let buffer = on_disk.replace("sources: [emailing]", "sources: [emailing, nowhere]");
    let output = datacharter(repo.path())
        .args([
            "lint",
            "-f",
            "concise",
            "--stdin-filename",
            "governance/processings/newsletter.yaml",
        ])
        .write_stdin(buffer)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.lines().all(
            |line| line.starts_with("governance/processings/newsletter.yaml:")
                || !line.contains(": ")
        ),
        "{text}"
    );
    assert!(text.contains("DC005"), "{text}");
    assert_eq!(
        fs::read_to_string(&file).expect("read"),
        on_disk,
        "the file is untouched"
    );
}

#[test]
fn select_on_the_command_line_replaces_the_whole_selection() {
    let repo = repository();
    let settings = repo.path().join("governance/datacharter.yaml");
    let text = fs::read_to_string(&settings).expect("read");
    fs::write(
        &settings,
        text.replace("rules:\n", "rules:\n  ignore: [DC102]\n"),
    )
    .expect("write");
    let concise = |args: &[&str]| {
        stdout(
            datacharter(repo.path())
                .args(["lint", "governance", "-q", "-f", "concise"])
                .args(args),
        )
    };
    assert_eq!(concise(&[]), "", "the settings ignore DC102");
    assert!(
        concise(&["--select", "DC1"]).contains("warning[DC102]"),
        "--select replaces the settings' ignore"
    );
    assert!(!concise(&["--select", "DC1", "--ignore", "DC102"]).contains("DC102"));
}

#[test]
fn shell_completions_and_register_output_message() {
    let repo = repository();
    let bash = stdout(datacharter(repo.path()).args(["generate-shell-completion", "bash"]));
    assert!(
        bash.contains("datacharter") && bash.contains("--new-since"),
        "{bash}"
    );
    let fish = stdout(datacharter(repo.path()).args(["generate-shell-completion", "fish"]));
    assert!(fish.contains("complete -c datacharter"), "{fish}");
    let output = datacharter(&repo.path().join("governance"))
        .args(["register", "--output", "register.md"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("Register written to register.md"));
}

#[path = "common/tools.rs"]
mod tools;

/// `datacharter-staged` under the real pre-commit: only the staged files' findings count.
#[test]
fn staged_hook_under_pre_commit_reports_on_the_staged_files() {
    let found = std::process::Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        tools::unavailable(
            "staged hook test",
            "`pre-commit`",
            "python3 -m pip install pre-commit",
        );
        return;
    }
    let hooks = tempfile::tempdir().expect("temp dir");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
        hooks.path().join(".pre-commit-hooks.yaml"),
    )
    .expect("copy hooks");
    git(hooks.path(), &["init", "-q"]);
    git(hooks.path(), &["add", "-A"]);
    git(hooks.path(), &["commit", "-q", "-m", "hooks"]);

    let repo = repository();
    let newsletter = repo.path().join("governance/processings/newsletter.yaml");
    let text = fs::read_to_string(&newsletter).expect("read");
    fs::write(
        &newsletter,
        text.replace("sources: [emailing]", "sources: [emailing, nowhere]"),
    )
    .expect("write");
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "register"]);

    let cache = tempfile::tempdir().expect("temp dir");
    let binary = Path::new(env!("CARGO_BIN_EXE_datacharter"))
        .parent()
        .expect("bin")
        .to_path_buf();
    let mut paths = vec![binary];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(paths).expect("PATH");
    let run = || {
        let output = std::process::Command::new("pre-commit")
            .args([
                "try-repo",
                &hooks.path().to_string_lossy(),
                "datacharter-staged",
            ])
            .current_dir(repo.path())
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", cache.path())
            .env("DATACHARTER_TODAY", "2026-11-28")
            .env("NO_COLOR", "1")
            .output()
            .expect("pre-commit runs");
        let shown = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.code(), shown)
    };
    // Staged: a clean source, a file outside the workspace and the workflow. Passes, though the
    // newsletter (not staged) has an error.
    let crm = repo.path().join("governance/sources/crm.yaml");
    fs::write(
        &crm,
        format!("# reviewed\n{}", fs::read_to_string(&crm).expect("read")),
    )
    .expect("write");
    fs::write(
        repo.path().join("notes.yaml"),
        "not: governance\nagain: yes\n",
    )
    .expect("write");
    fs::write(
        repo.path().join(".github/workflows/datacharter.yml"),
        "on: [push]\njobs: { lint: { runs-on: ubuntu-latest, steps: [] } }\n",
    )
    .expect("write");
    git(repo.path(), &["add", "-A"]);
    let (code, shown) = run();
    assert_eq!(code, Some(0), "{shown}");
    assert!(shown.contains("Passed"), "{shown}");
    // Staging the newsletter brings its error in.
    fs::write(
        &newsletter,
        format!(
            "# staged\n{}",
            fs::read_to_string(&newsletter).expect("read")
        ),
    )
    .expect("write");
    git(repo.path(), &["add", "-A"]);
    let (code, shown) = run();
    assert_eq!(code, Some(1), "{shown}");
    assert!(
        shown.contains("governance/processings/newsletter.yaml:") && shown.contains("error[DC005]"),
        "{shown}"
    );
    assert!(!shown.contains("crm.yaml:"), "{shown}");
}
