//! End-to-end tests of `datacharter lint`, `schema` and `rule` on real files.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn datacharter() -> Command {
    let mut command = Command::cargo_bin("datacharter").expect("binary is built");
    command
        .env("DATACHARTER_TODAY", "2026-11-28")
        .env_remove("NO_COLOR");
    command
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn json_report(dir: &Path) -> (i32, Value) {
    let output = datacharter()
        .args(["lint", "--format", "json"])
        .arg(dir)
        .output()
        .expect("runs");
    let report = serde_json::from_slice(&output.stdout).expect("stdout is the JSON report");
    (output.status.code().unwrap_or(-1), report)
}

fn codes(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|d| d["code"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// A temporary workspace with a valid `datacharter.yaml` and organisation.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("datacharter.yaml"), "datacharter: 1\n").expect("write");
    fs::write(
        dir.path().join("organisation.yaml"),
        "kind: organisation\nid: salle\nname: Salle des fêtes\ncontact: { email: contact@salle.example }\n",
    )
    .expect("write");
    dir
}

#[test]
fn clean_example_exits_zero() {
    datacharter()
        .args(["lint", "--color", "never"])
        .arg(example("quatre-saisons"))
        .assert()
        .success()
        .stdout(predicates::str::contains("No problems found"));
}

#[test]
fn broken_example_shows_every_foundation_rule_and_exits_one() {
    let (code, report) = json_report(&example("broken"));
    assert_eq!(code, 1);
    let codes = codes(&report);
    for expected in ["DC001", "DC002", "DC003", "DC004", "DC005", "DC006"] {
        assert!(
            codes.iter().any(|c| c == expected),
            "{expected} missing from {codes:?}"
        );
    }
}

#[test]
fn json_is_byte_identical_across_runs_and_sorted() {
    let run = || {
        datacharter()
            .args(["lint", "--format", "json"])
            .arg(example("broken"))
            .output()
            .expect("runs")
            .stdout
    };
    let first = run();
    assert_eq!(first, run());
    let report: Value = serde_json::from_slice(&first).expect("json");
    let keys: Vec<(String, u64, u64)> = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
                d["range"]["start"]["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(report["version"], 1);
    assert_eq!(report["root"], ".");
}

#[test]
fn root_is_found_from_a_subfolder() {
    datacharter()
        .current_dir(example("quatre-saisons").join("sources"))
        .args(["lint", "--color", "never"])
        .assert()
        .success();
}

#[test]
fn paths_restrict_the_report_to_those_files() {
    let broken = example("broken");
    let output = datacharter()
        .current_dir(&broken)
        .args(["lint", "--format", "json", "dc003-duplicate-key.yaml"])
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    let files: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .map(|d| d["file"].as_str().unwrap_or(""))
        .collect();
    assert!(!files.is_empty());
    assert!(
        files.iter().all(|f| *f == "dc003-duplicate-key.yaml"),
        "{files:?}"
    );
}

#[test]
fn no_workspace_is_exit_two_with_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    datacharter()
        .arg("lint")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no datacharter.yaml found"));
}

#[test]
fn invalid_settings_are_exit_two_with_a_diagnostic_in_the_settings_file() {
    let dir = workspace();
    fs::write(
        dir.path().join("datacharter.yaml"),
        "datacharter: 1\nexlude: [drafts/**]\n",
    )
    .expect("write");
    let output = datacharter()
        .args(["lint", "--format", "json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    let diagnostic = &report["diagnostics"][0];
    assert_eq!(diagnostic["code"], "DC002");
    assert_eq!(diagnostic["file"], "datacharter.yaml");
    assert_eq!(diagnostic["range"]["start"]["line"], 2);
    assert!(
        diagnostic["message"]
            .as_str()
            .unwrap_or("")
            .contains("exclude")
    );
}

#[test]
fn unknown_selector_is_exit_two() {
    datacharter()
        .args(["lint", "--select", "DC99"])
        .arg(example("quatre-saisons"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("DC99"));
}

#[test]
fn bad_today_is_exit_two() {
    datacharter()
        .env("DATACHARTER_TODAY", "yesterday")
        .arg("lint")
        .arg(example("quatre-saisons"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("DATACHARTER_TODAY"));
}

#[test]
fn exit_zero_and_fail_on() {
    datacharter()
        .args(["lint", "--exit-zero"])
        .arg(example("broken"))
        .assert()
        .code(0);
    datacharter()
        .args(["lint", "--fail-on", "never"])
        .arg(example("broken"))
        .assert()
        .code(0);
}

/// Every kind of bad input yields a diagnostic on its own file, the other files are still
/// linted, and nothing panics (exit 1, never 101).
#[test]
fn bad_input_is_reported_per_file() {
    let dir = workspace();
    let root = dir.path();
    let mut deep = "[".repeat(100_000);
    deep.push('\n');
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("invalid-utf8.yaml", b"kind: party\nid: \xff\n".to_vec()),
        ("binary.yaml", vec![0u8, 159, 146, 150, 0, 1, 2, 3, 255]),
        ("empty.yaml", Vec::new()),
        ("list.yaml", b"- kind: party\n- id: x\n".to_vec()),
        ("scalar.yaml", b"just some text\n".to_vec()),
        ("no-kind.yaml", b"id: billetel\nname: Billetel\n".to_vec()),
        ("unknown-kind.yaml", b"kind: proccessing\nid: x\n".to_vec()),
        ("deep.yaml", deep.into_bytes()),
        ("bomb.yaml", bomb.into_bytes()),
        (
            "dangling.yaml",
            b"kind: source\nid: crm\nname: CRM\ntype: crm\nowner: nobody\n".to_vec(),
        ),
    ];
    for (name, bytes) in &files {
        fs::write(root.join(name), bytes).expect("write");
    }
    let big = fs::File::create(root.join("huge.yaml")).expect("create");
    big.set_len(50 * 1024 * 1024).expect("sparse 50 MB file");

    let (code, report) = json_report(root);
    assert_eq!(code, 1);
    let diagnostics = report["diagnostics"].as_array().expect("list");
    let on = |file: &str| -> Vec<&str> {
        diagnostics
            .iter()
            .filter(|d| d["file"] == file)
            .map(|d| d["code"].as_str().unwrap_or(""))
            .collect()
    };
    assert_eq!(on("invalid-utf8.yaml"), ["DC001"]);
    assert_eq!(on("binary.yaml"), ["DC001"]);
    assert_eq!(on("empty.yaml"), ["DC002"]);
    assert_eq!(on("list.yaml"), ["DC002"]);
    assert_eq!(on("scalar.yaml"), ["DC002"]);
    assert_eq!(on("no-kind.yaml"), ["DC002"]);
    assert_eq!(on("unknown-kind.yaml"), ["DC002"]);
    assert_eq!(on("deep.yaml"), ["DC001"]);
    assert_eq!(on("bomb.yaml"), ["DC001"]);
    assert_eq!(on("huge.yaml"), ["DC001"]);
    assert!(
        on("dangling.yaml").contains(&"DC005"),
        "the valid files are still linted"
    );
    assert_eq!(report["summary"]["files"], 12);
    let unknown_kind = diagnostics
        .iter()
        .find(|d| d["file"] == "unknown-kind.yaml")
        .expect("present");
    assert!(
        unknown_kind["message"]
            .as_str()
            .unwrap_or("")
            .contains("processing")
    );
}

#[test]
fn lint_never_modifies_the_workspace() {
    let broken = example("broken");
    let snapshot = |dir: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut all: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().to_path_buf(),
                    fs::read(e.path()).unwrap_or_default(),
                )
            })
            .collect();
        all.sort();
        all
    };
    let before = snapshot(&broken);
    datacharter().arg("lint").arg(&broken).assert().code(1);
    assert_eq!(before, snapshot(&broken));
}

#[test]
fn schema_command_prints_and_writes_the_committed_schemas() {
    let output = datacharter().arg("schema").output().expect("runs");
    assert!(output.status.success());
    let committed =
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/document.schema.json"))
            .expect("committed schema");
    assert_eq!(output.stdout, committed);
    let dir = tempfile::tempdir().expect("temp dir");
    datacharter()
        .args(["schema", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    for name in ["document.schema.json", "settings.schema.json"] {
        let written = fs::read(dir.path().join(name)).expect("written");
        let committed = fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("schemas")
                .join(name),
        )
        .expect("committed");
        assert_eq!(written, committed, "{name}");
    }
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["document.schema.json", "settings.schema.json"]);
}

#[test]
fn rule_documentation_commands() {
    datacharter()
        .args(["rule", "DC004"])
        .assert()
        .success()
        .stdout(predicates::str::contains("# DC004 duplicate-id"))
        .stdout(predicates::str::contains("## Why is this a problem?"));
    datacharter()
        .args(["rule", "DC0004"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown rule"));
    let output = datacharter()
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let list: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert!(
        list.as_array()
            .is_some_and(|l| l.iter().any(|r| r["code"] == "DC005"))
    );
}

/// The rendered diagnostics of a small workspace, human and JSON, as snapshots.
#[test]
fn rendered_diagnostics_snapshot() {
    let dir = workspace();
    fs::write(
        dir.path().join("source.yaml"),
        "kind: source\nid: billetterie\nname: Billetterie\ntype: ticketing\nowner: salle-admin\nfields:\n  - { name: e_mail, category: identity.mail }\n  - { name: nom, categorie: identity.name }\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("broken.yaml"),
        "kind: party\nid: x\n  name: y\n",
    )
    .expect("write");
    // Only the DC0xx rules: this snapshot is about rendering, not about the rule catalogue.
    let human = datacharter()
        .args(["lint", "--color", "never", "--select", "DC0"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(human.status.code(), Some(1));
    insta::assert_snapshot!(
        "small_workspace_human",
        String::from_utf8_lossy(&human.stdout)
    );
    let json = datacharter()
        .args(["lint", "--format", "json", "--select", "DC0"])
        .arg(dir.path())
        .output()
        .expect("runs");
    insta::assert_snapshot!(
        "small_workspace_json",
        String::from_utf8_lossy(&json.stdout)
    );
}

/// Every rule's rendered diagnostics, on the workspace where each fires: human and JSON in
/// English, human in French.
#[test]
fn broken_example_snapshots() {
    let run = |args: &[&str]| -> String {
        let output = datacharter()
            .args(["lint", "--color", "never"])
            .args(args)
            .arg(example("broken"))
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    insta::assert_snapshot!("broken_human_en", run(&[]));
    insta::assert_snapshot!("broken_json_en", run(&["--format", "json"]));
    insta::assert_snapshot!("broken_human_fr", run(&["--locale", "fr"]));
}
