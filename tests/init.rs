//! `datacharter init`: the scaffold lints clean, in both languages and on any date; a folder
//! that is not empty is refused unless `--force`.
//!
//! Two layers: `run` called in process (arguments parsed by clap from `InitArgs`), and the
//! binary end to end (`datacharter init`, then `datacharter lint`).

use assert_cmd::Command;
use clap::{Args, FromArgMatches};
use datacharter::commands::init::{InitArgs, run};
use datacharter::config::{Overrides, options};
use datacharter::lint::lint;
use datacharter::workspace::{Discovery, load};
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::ExitCode;

/// `init` arguments as the command line gives them.
fn init_args(arguments: &[&str]) -> InitArgs {
    let command = InitArgs::augment_args(clap::Command::new("init").no_binary_name(true));
    let matches = command
        .try_get_matches_from(arguments)
        .expect("valid arguments");
    InitArgs::from_arg_matches(&matches).expect("arguments map to InitArgs")
}

/// The findings of `datacharter lint` on `dir`, every rule on, through the library.
fn findings(dir: &Path) -> Vec<String> {
    let workspace = load(&Discovery {
        start: dir,
        config: None,
        no_config: false,
    })
    .expect("the workspace loads");
    let today = datacharter::commands::lint::today().expect("today");
    let options = options(
        &workspace.settings,
        "datacharter.yaml",
        &workspace.root,
        &Overrides::default(),
        today,
    )
    .expect("valid settings");
    let outcome = lint(&workspace, &options).expect("lints");
    outcome
        .findings
        .iter()
        .map(|f| format!("{} {} {}", f.code, f.location.file, f.message))
        .collect()
}

#[test]
fn run_scaffolds_a_workspace_that_lints_clean_in_each_language() {
    for locale in ["en", "fr"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("venue");
        let target_text = target.to_str().expect("a UTF-8 temp path");
        let code = run(&init_args(&[target_text, "--locale", locale])).expect("init succeeds");
        assert_eq!(code, ExitCode::SUCCESS);
        assert!(target.join("datacharter.yaml").is_file());
        assert!(target.join("schemas/document.schema.json").is_file());
        assert_eq!(findings(&target), Vec::<String>::new(), "{locale}");
    }
}

#[test]
fn run_refuses_a_folder_that_is_not_empty_unless_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().to_str().expect("a UTF-8 temp path");
    fs::write(dir.path().join("notes.txt"), "mine").expect("write");
    let error = run(&init_args(&[path, "--locale", "en"])).expect_err("refused");
    assert!(error.to_string().contains("--force"), "{error}");
    assert!(
        !dir.path().join("datacharter.yaml").exists(),
        "nothing written"
    );

    run(&init_args(&[path, "--locale", "en", "--force"])).expect("forced");
    assert!(dir.path().join("datacharter.yaml").is_file());
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).expect("read"),
        "mine"
    );
}

#[test]
fn run_refuses_a_file_as_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("venue");
    fs::write(&file, "a file").expect("write");
    let error = run(&init_args(&[file.to_str().expect("UTF-8"), "--force"])).expect_err("refused");
    assert!(error.to_string().contains("venue"), "{error}");
}

#[test]
fn the_folder_defaults_to_the_current_one() {
    let args = init_args(&[]);
    assert_eq!(args.dir, Path::new("."));
    assert_eq!(args.locale, None);
    assert!(!args.force);
}

// End to end, through the binary. These need the `init` subcommand wired in `src/cli.rs`.

fn datacharter() -> Command {
    let mut command = Command::cargo_bin("datacharter").expect("binary is built");
    command
        .env("DATACHARTER_TODAY", "2026-11-28")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    command
}

fn json_lint(dir: &Path, today: &str) -> (Option<i32>, Value) {
    let output = datacharter()
        .env("DATACHARTER_TODAY", today)
        .args(["lint", "--format", "json"])
        .arg(dir)
        .output()
        .expect("runs");
    let report = serde_json::from_slice(&output.stdout).expect("stdout is the JSON report");
    (output.status.code(), report)
}

#[test]
fn cli_init_then_lint_is_clean_in_both_languages_on_any_date() {
    for today in ["2024-02-29", "2026-11-28", "2033-01-01"] {
        for locale in ["en", "fr"] {
            let dir = tempfile::tempdir().expect("temp dir");
            datacharter()
                .env("DATACHARTER_TODAY", today)
                .args(["init", "--locale", locale])
                .arg(dir.path())
                .assert()
                .success();
            let (code, report) = json_lint(dir.path(), today);
            assert_eq!(
                report["diagnostics"],
                Value::Array(Vec::new()),
                "{locale} on {today}"
            );
            assert_eq!(code, Some(0));
        }
    }
}

#[test]
fn cli_init_writes_into_the_current_folder_by_default() {
    let dir = tempfile::tempdir().expect("temp dir");
    datacharter()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .success()
        .stdout(predicates::str::contains("Created a datacharter workspace"));
    assert!(dir.path().join("datacharter.yaml").is_file());
    assert!(dir.path().join("processings/ticket-sales.yaml").is_file());
}

#[test]
fn cli_init_speaks_french_with_a_french_lang() {
    let dir = tempfile::tempdir().expect("temp dir");
    datacharter()
        .env("LANG", "fr_FR.UTF-8")
        .arg("init")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicates::str::contains("Espace datacharter créé"));
    let charter = fs::read_to_string(dir.path().join("charter.yaml")).expect("read");
    assert!(charter.contains("# Votre charte des données"), "{charter}");
}

#[test]
fn cli_init_refuses_a_folder_that_is_not_empty_with_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("charter.yaml"), "mine").expect("write");
    datacharter()
        .arg("init")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(
            predicates::str::contains("is not empty").and(predicates::str::contains("--force")),
        );
    assert_eq!(
        fs::read_to_string(dir.path().join("charter.yaml")).expect("read"),
        "mine"
    );

    datacharter()
        .arg("init")
        .arg(dir.path())
        .arg("--force")
        .assert()
        .success();
    assert_ne!(
        fs::read_to_string(dir.path().join("charter.yaml")).expect("read"),
        "mine"
    );
    let (code, _) = json_lint(dir.path(), "2026-11-28");
    assert_eq!(code, Some(0));
}
