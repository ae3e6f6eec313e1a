//! Adopting datacharter on a register that already has findings, end to end on real git
//! repositories made in a temp folder: `lint --new-since`, the baseline, `--add-suppressions`,
//! `diff`, and the stable finding key they share.

#[path = "common/repository.rs"]
mod repository;

use assert_cmd::Command;
use repository::{copy_dir, git};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn datacharter(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("datacharter").expect("binary is built");
    command
        .current_dir(dir)
        .env("DATACHARTER_TODAY", "2026-11-28")
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env("LANG", "C");
    command
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

/// The findings the register has on `main`: a vague description (DC102) and a disability
/// field in the CRM (DC201, DC204, DC503).
fn committed_register() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&example("quatre-saisons"), dir.path());
    edit(
        dir.path(),
        "processings/newsletter.yaml",
        "description: \"Send the monthly programme and the season's news to people who signed up on the website or at the box office.\"",
        "description: \"divers\"",
    );
    edit(
        dir.path(),
        "sources/crm.yaml",
        "  - { name: telephone, category: identity.phone }\n",
        "  - { name: telephone, category: identity.phone }\n  - { name: handicap, category: special.health }\n",
    );
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "register"]);
    dir
}

/// A pull-request branch: the CRM's fields re-ordered with lines inserted above them (no new
/// finding), the newsletter moved to legitimate interests and kept twice as long (four new
/// findings).
fn pull_request(dir: &Path) {
    git(dir, &["checkout", "-q", "-b", "pr"]);
    reorder_crm(dir);
    edit(
        dir,
        "processings/newsletter.yaml",
        "legal_basis: consent",
        "legal_basis: legitimate-interests",
    );
    edit(
        dir,
        "processings/newsletter.yaml",
        "duration: 3y, from: last-contact",
        "duration: 6y, from: last-contact",
    );
    git(
        dir,
        &["commit", "-q", "-am", "newsletter on legitimate interests"],
    );
}

fn reorder_crm(dir: &Path) {
    edit(
        dir,
        "sources/crm.yaml",
        "  - { name: civilite, category: identity.civility }\n  - { name: nom, category: identity.name }\n",
        "  - { name: nom, category: identity.name }\n  - { name: civilite, category: identity.civility }\n",
    );
    let path = dir.join("sources/crm.yaml");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(
        &path,
        format!("# Reviewed with the DPO in November.\n# A second line of notes.\n{text}"),
    )
    .expect("write");
}

fn json(command: &mut Command) -> Value {
    let output = command.output().expect("runs");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "not JSON ({error}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn codes(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn new_since_shows_only_the_new_findings() {
    let repo = committed_register();
    pull_request(repo.path());
    let output = datacharter(repo.path())
        .args(["lint", "--new-since", "main", "--format", "concise"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    for code in ["DC502", "DC504", "DC301", "DC306"] {
        assert!(text.contains(code), "{code} missing: {text}");
    }
    assert!(!text.contains("DC201") && !text.contains("DC102"), "{text}");
    assert_eq!(
        lines[4],
        "1 new error, 2 new warnings, 1 new info in 24 files (4 existing not shown)"
    );

    let report = json(datacharter(repo.path()).args(["lint", "--new-since", "main", "-f", "json"]));
    assert_eq!(report["summary"]["existing"], 4);
    assert_eq!(codes(&report).len(), 4);

    // GitHub annotations only for the new ones; SARIF keeps every finding, marked.
    let github = datacharter(repo.path())
        .args(["lint", "--new-since", "main", "--format", "github"])
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("runs");
    let github = String::from_utf8_lossy(&github.stdout);
    assert_eq!(
        github.matches("::error").count()
            + github.matches("::warning").count()
            + github.matches("::notice").count(),
        4,
        "{github}"
    );
    let sarif = json(datacharter(repo.path()).args([
        "lint",
        "--new-since",
        "main",
        "--output-format",
        "sarif",
    ]));
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let state = |s: &str| results.iter().filter(|r| r["baselineState"] == s).count();
    assert_eq!((state("new"), state("unchanged"), results.len()), (4, 4, 8));
}

#[test]
fn new_since_on_an_unchanged_register_is_clean_in_any_language_and_thread_count() {
    let repo = committed_register();
    git(repo.path(), &["checkout", "-q", "-b", "pr"]);
    reorder_crm(repo.path());
    for args in [
        &["--locale", "fr", "--threads", "1"][..],
        &["--locale", "en", "--threads", "4"][..],
    ] {
        let output = datacharter(repo.path())
            .args(["lint", "--new-since", "main", "-f", "concise"])
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0), "{output:?}");
    }
    let text = datacharter(repo.path())
        .args([
            "lint",
            "--new-since",
            "main",
            "-f",
            "concise",
            "--locale",
            "fr",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&text.stdout).trim(),
        "Aucun nouveau problème dans 24 fichiers (4 existants non affichés)"
    );
}

/// The key contract: the same findings give the same keys (here, the baseline file) whatever
/// the language, the number of threads, the order of a list's items and the lines above.
#[test]
fn finding_keys_are_stable() {
    let repo = committed_register();
    let baseline = |args: &[&str], name: &str| -> String {
        datacharter(repo.path())
            .args(["baseline", "--output", name])
            .envs(args.iter().map(|lang| ("LANG", *lang)))
            .assert()
            .success();
        fs::read_to_string(repo.path().join(name)).expect("baseline written")
    };
    let english = baseline(&["C"], "en.json");
    let french = baseline(&["fr_FR.UTF-8"], "fr.json");
    assert_eq!(english, french);
    assert!(
        english.contains("\"anchor\":\"/fields[name=handicap]/category\""),
        "{english}"
    );
    assert!(english.contains("\"document\":\"source:crm\""), "{english}");
    reorder_crm(repo.path());
    let moved = baseline(&["C"], "moved.json");
    assert_eq!(english, moved);
    // A field inserted above the one with findings: the list's indices shift, the keys do not.
    edit(
        repo.path(),
        "sources/crm.yaml",
        "fields:\n",
        "fields:\n  - { name: nom_usage, category: identity.name }\n",
    );
    let inserted = baseline(&["C"], "inserted.json");
    assert_eq!(english, inserted);
    // SARIF's v2 fingerprints are the same whatever the locale and the thread count.
    let fingerprints = |args: &[&str]| -> Vec<Value> {
        let sarif = json(
            datacharter(repo.path())
                .args(["lint", "-f", "sarif"])
                .args(args),
        );
        sarif["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| r["partialFingerprints"]["datacharter/v2"].clone())
            .collect()
    };
    let a = fingerprints(&["--locale", "fr", "--threads", "1"]);
    assert_eq!(a.len(), 4);
    assert!(a.iter().all(Value::is_string));
    assert_eq!(a, fingerprints(&["--locale", "en", "--threads", "3"]));
}

#[test]
fn bad_revisions_and_missing_git_exit_2_saying_how_to_fix() {
    let repo = committed_register();
    let output = datacharter(repo.path())
        .args(["lint", "--new-since", "no-such-branch"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("unknown revision `no-such-branch`") && error.contains("git fetch"),
        "{error}"
    );

    // A shallow clone without the base commit.
    let base = git(repo.path(), &["rev-parse", "HEAD"]);
    edit(
        repo.path(),
        "processings/newsletter.yaml",
        "divers",
        "divers et variés",
    );
    git(repo.path(), &["commit", "-q", "-am", "second"]);
    let clone = tempfile::tempdir().expect("temp dir");
    let url = format!("file://{}", repo.path().display());
    git(
        clone.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    let output = datacharter(&clone.path().join("shallow"))
        .args(["lint", "--new-since", &base])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("shallow") && error.contains("fetch-depth: 0"),
        "{error}"
    );

    // No git on PATH.
    let empty = tempfile::tempdir().expect("temp dir");
    let output = datacharter(repo.path())
        .env("PATH", empty.path())
        .args(["diff", "main"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("cannot run `git`") && error.contains("install git"),
        "{error}"
    );

    // Not a repository.
    let plain = tempfile::tempdir().expect("temp dir");
    copy_dir(&example("quatre-saisons"), plain.path());
    let output = datacharter(plain.path())
        .args(["lint", "--new-since", "main"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not inside a git repository"));
}

#[test]
fn diff_lists_what_the_dpo_must_look_at() {
    let repo = committed_register();
    pull_request(repo.path());
    let output = datacharter(repo.path())
        .args(["diff", "main", "--fail-on", "attention"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let markdown = String::from_utf8_lossy(&output.stdout);
    insta::assert_snapshot!("diff_markdown", markdown);

    let output = datacharter(repo.path())
        .args(["diff", "main", "HEAD", "--locale", "fr", "-f", "json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "no --fail-on: exit 0");
    let log: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(log["summary"]["attention"], 2);
    assert_eq!(log["summary"]["introduced"], 4);
    assert_eq!(
        log["changes"][0]["text"],
        "base légale modifiée : consent → legitimate-interests"
    );

    let html = repo.path().join("changes.html");
    datacharter(repo.path())
        .args(["diff", "main", "-f", "html", "-o"])
        .arg(&html)
        .assert()
        .success();
    let html = fs::read_to_string(html).expect("html written");
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("Needs the DPO&#39;s attention"),
        "{html}"
    );

    // Nothing changed: nothing to look at.
    let output = datacharter(repo.path())
        .args(["diff", "HEAD", "--fail-on", "info"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("No change to the register."));
}

#[test]
fn baseline_hides_what_it_records_and_only_that() {
    let repo = committed_register();
    let dir = repo.path();
    datacharter(dir).args(["baseline"]).assert().success();
    let file = dir.join("datacharter-baseline.json");
    let recorded = fs::read_to_string(&file).expect("written at the root");
    assert_eq!(recorded.matches("\"count\"").count(), 4, "{recorded}");

    let output = datacharter(dir)
        .args([
            "lint",
            "--baseline",
            "datacharter-baseline.json",
            "-f",
            "concise",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "No problems found in 24 files (4 in the baseline)"
    );
    let report = json(datacharter(dir).args([
        "lint",
        "--baseline",
        "datacharter-baseline.json",
        "-f",
        "json",
    ]));
    assert_eq!(report["summary"]["baselined"], 4);
    let sarif = json(datacharter(dir).args([
        "lint",
        "--baseline",
        "datacharter-baseline.json",
        "-f",
        "sarif",
    ]));
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 4);
    assert!(
        results
            .iter()
            .all(|r| r["suppressions"][0]["kind"] == "external")
    );

    // The `baseline:` setting does the same; --no-baseline shows everything.
    edit(
        dir,
        "datacharter.yaml",
        "datacharter: 1\n",
        "datacharter: 1\nbaseline: datacharter-baseline.json\n",
    );
    datacharter(dir).args(["lint"]).assert().success();
    let report = json(datacharter(dir).args(["lint", "--no-baseline", "-f", "json"]));
    assert_eq!(codes(&report).len(), 4);

    // A second disability field: one DC201 more than recorded is new; a DC0xx problem is never
    // hidden, even once recorded.
    edit(
        dir,
        "sources/crm.yaml",
        "  - { name: handicap, category: special.health }\n",
        "  - { name: handicap, category: special.health }\n  - { name: handicap, category: special.health }\n",
    );
    edit(
        dir,
        "processings/newsletter.yaml",
        "legal_basis: consent",
        "legal_basis: consented",
    );
    let report = json(datacharter(dir).args(["lint", "-f", "json"]));
    let shown = codes(&report);
    assert!(shown.contains(&"DC201".to_owned()), "{shown:?}");
    assert!(shown.contains(&"DC204".to_owned()), "{shown:?}");
    assert!(shown.contains(&"DC002".to_owned()), "{shown:?}");
    datacharter(dir).args(["baseline"]).assert().success();
    let report = json(datacharter(dir).args(["lint", "-f", "json"]));
    let shown = codes(&report);
    assert!(
        !shown.is_empty() && shown.iter().all(|code| code.starts_with("DC0")),
        "{shown:?}"
    );
}

#[test]
fn fixed_findings_leave_unused_entries_that_prune_removes() {
    let repo = committed_register();
    let dir = repo.path();
    datacharter(dir)
        .args(["baseline", "-o", "base.json"])
        .assert()
        .success();
    edit(
        dir,
        "processings/newsletter.yaml",
        "description: \"divers\"",
        "description: \"Send the monthly programme to the people who signed up.\"",
    );
    let output = datacharter(dir)
        .args(["lint", "--baseline", "base.json", "-f", "concise"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "a warning: {text}");
    assert!(text.starts_with("base.json:5:1: warning[DC009] this baseline entry matches no finding: DC102 processings/newsletter.yaml /description"), "{text}");
    datacharter(dir)
        .args(["baseline", "-o", "base.json", "--prune"])
        .assert()
        .success();
    let pruned = fs::read_to_string(dir.join("base.json")).expect("pruned");
    assert_eq!(pruned.matches("\"count\"").count(), 3);
    assert!(!pruned.contains("DC102"));
    // Prune never adds: a new finding stays out of the file.
    edit(
        dir,
        "processings/newsletter.yaml",
        "legal_basis: consent",
        "legal_basis: legitimate-interests",
    );
    datacharter(dir)
        .args(["baseline", "-o", "base.json", "--prune"])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(dir.join("base.json")).expect("read"),
        pruned
    );

    // A corrupt baseline is exit 2 with the way out.
    fs::write(dir.join("base.json"), "{\"entries\": 3").expect("write");
    let output = datacharter(dir)
        .args(["lint", "--baseline", "base.json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("datacharter baseline --output base.json"),
        "{error}"
    );
}

/// DC009's documented examples are baseline files: run against a clean workspace, the failing
/// one fires DC009 and only it, the passing one nothing.
#[test]
fn dc009_documented_examples() {
    let rule = datacharter::rules::find("DC009").expect("DC009 is registered");
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&example("quatre-saisons"), dir.path());
    for (example, expected) in [
        (rule.docs.failing, vec!["DC009"]),
        (rule.docs.passing, vec![]),
    ] {
        fs::write(dir.path().join("b.json"), example).expect("write");
        let report =
            json(datacharter(dir.path()).args(["lint", "--baseline", "b.json", "-f", "json"]));
        assert_eq!(codes(&report), expected);
    }
}

#[test]
fn add_suppressions_writes_comments_that_silence_every_finding() {
    let repo = committed_register();
    let dir = repo.path();
    let before = fs::read_to_string(dir.join("sources/crm.yaml")).expect("read");
    let output = datacharter(dir)
        .args([
            "lint",
            "--add-suppressions=known before adoption, see ticket 12",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("added 2 suppression comments in 2 files")
    );
    let after = fs::read_to_string(dir.join("sources/crm.yaml")).expect("read");
    assert_eq!(
        after,
        before.replace(
            "  - { name: handicap,",
            "  # datacharter: ignore[DC201, DC204, DC503] known before adoption, see ticket 12\n  - { name: handicap,"
        )
    );
    let output = datacharter(dir)
        .args(["lint", "-f", "concise"])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "No problems found in 24 files (4 suppressed)"
    );
    // lint alone never writes.
    let status = git(dir, &["status", "--porcelain"]);
    datacharter(dir)
        .args(["lint", "-f", "concise"])
        .assert()
        .success();
    assert_eq!(git(dir, &["status", "--porcelain"]), status);
}

/// The Action's lint and changelog steps, run as GitHub would with the inputs of the README's
/// pull-request workflow (the base commit being `main` here).
#[test]
fn the_action_reports_new_findings_and_the_changelog_of_a_pull_request() {
    use datacharter::syntax::{Limits, parse};
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let action_text = fs::read_to_string(manifest.join("action.yml")).expect("action.yml");
    let action = parse("action.yml", action_text.as_bytes(), &Limits::default())
        .documents
        .into_iter()
        .next()
        .expect("one document")
        .value;
    let readme = fs::read_to_string(manifest.join("README.md")).expect("README");
    let snippet = readme
        .split("```yaml\n")
        .find(|block| block.starts_with("# .github/workflows/datacharter-pr.yml\n"))
        .and_then(|block| block.split("```").next())
        .expect("the README's pull-request workflow")
        .replace("${{ github.event.pull_request.base.sha }}", "main");
    let workflow = parse("workflow", snippet.as_bytes(), &Limits::default())
        .documents
        .into_iter()
        .next()
        .expect("one document")
        .value;
    let with = workflow["jobs"]["datacharter"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find_map(|step| {
            step.get("with").filter(|_| {
                step["uses"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("datacharter/"))
            })
        })
        .expect("the workflow uses the action")
        .clone();
    assert_eq!(
        workflow["jobs"]["datacharter"]["steps"][0]["with"]["fetch-depth"],
        0
    );
    let inputs = action["inputs"].as_object().expect("inputs");
    let input = |key: &str| {
        with[key]
            .as_str()
            .or(inputs[key]["default"].as_str())
            .unwrap_or_default()
            .to_owned()
    };

    // The repository: the workspace in `governance/`, as the snippet says.
    let repo = tempfile::tempdir().expect("temp dir");
    let register = committed_register();
    copy_dir(register.path(), &repo.path().join("governance"));
    fs::remove_dir_all(repo.path().join("governance/.git")).expect("one repository");
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "register"]);
    pull_request(&repo.path().join("governance"));

    let binary = Path::new(env!("CARGO_BIN_EXE_datacharter"))
        .parent()
        .expect("bin folder")
        .to_path_buf();
    let mut paths = vec![binary];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(paths).expect("PATH");
    let summary = repo.path().join("summary.md");
    let temp = repo.path().join("runner-temp");
    fs::create_dir_all(&temp).expect("mkdir");
    let run_step = |name: &str| {
        let step = action["runs"]["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .find(|step| step["name"] == name)
            .unwrap_or_else(|| panic!("no step {name}"))
            .clone();
        let mut command = std::process::Command::new("bash");
        command
            .args(["-e", "-c", step["run"].as_str().expect("a script")])
            .current_dir(repo.path())
            .env("PATH", &path)
            .env("DATACHARTER_TODAY", "2026-11-28")
            .env("LANG", "C")
            .env("RUNNER_TEMP", &temp)
            .env("GITHUB_STEP_SUMMARY", &summary);
        for (name, value) in step["env"].as_object().expect("env") {
            let key = value
                .as_str()
                .and_then(|v| v.strip_prefix("${{ inputs."))
                .and_then(|v| v.strip_suffix(" }}"))
                .unwrap_or_else(|| panic!("env {name} is an input"));
            command.env(name, input(key));
        }
        command.output().expect("bash runs")
    };
    let lint = run_step("Lint with datacharter");
    let annotations = String::from_utf8_lossy(&lint.stdout);
    assert_eq!(
        lint.status.code(),
        Some(1),
        "the new DC502 is an error: {lint:?}"
    );
    assert_eq!(annotations.matches("::error").count(), 1, "{annotations}");
    assert!(
        annotations.contains("(4 existing not shown)"),
        "{annotations}"
    );
    let diff = run_step("Register changelog");
    assert_eq!(
        diff.status.code(),
        Some(1),
        "diff-fail-on: attention: {diff:?}"
    );
    let changes = fs::read_to_string(temp.join("datacharter-changes.md")).expect("diff-file");
    assert!(
        changes.contains("legal basis changed: consent → legitimate-interests"),
        "{changes}"
    );
    let summary = fs::read_to_string(&summary).expect("step summary");
    assert!(
        summary.contains("### Needs the DPO's attention"),
        "{summary}"
    );
}
