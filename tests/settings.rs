//! Settings, suppressions, custom rules and policy packs, end to end on real workspaces.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn datacharter() -> Command {
    let mut command = Command::cargo_bin("datacharter").expect("binary is built");
    command
        .env("DATACHARTER_TODAY", "2026-11-28")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    command
}

/// A workspace whose only problems are two DC004 duplicates and a party without a contact
/// (DC606 is not involved: plain vendors).
fn workspace(settings: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::write(root.join("datacharter.yaml"), settings).expect("write");
    fs::write(
        root.join("organisation.yaml"),
        "kind: organisation\nid: salle\nname: Salle des fêtes\ncontact: { email: contact@salle.example }\n",
    )
    .expect("write");
    fs::write(
        root.join("parties.yaml"),
        "kind: party\nid: imprimeur\nname: Imprimeur A\nroles: [vendor]\n---\nkind: party\nid: imprimeur # datacharter: ignore[DC004] two print shops, merged next season\nname: Imprimeur B\nroles: [vendor]\n---\nkind: party\nid: traiteur\nname: Traiteur A\nroles: [vendor]\n---\nkind: party\nid: traiteur\nname: Traiteur B\nroles: [vendor]\n",
    )
    .expect("write");
    dir
}

fn report(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let output = datacharter()
        .args(["lint", "--format", "json", "--select", "DC0"])
        .args(extra)
        .arg(dir)
        .output()
        .expect("runs");
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.code().unwrap_or(-1), json)
}

fn codes_and_severities(report: &Value) -> Vec<(String, String)> {
    report["diagnostics"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap_or("").to_owned(),
                        d["severity"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn inline_suppression_counts_and_no_ignores_disregards_it() {
    let dir = workspace("datacharter: 1\n");
    let (code, json) = report(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        codes_and_severities(&json),
        [("DC004".into(), "error".into())]
    );
    assert_eq!(json["summary"]["suppressed"], 1);
    let (_, json) = report(dir.path(), &["--no-ignores"]);
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["summary"]["suppressed"], 0);
}

#[test]
fn severity_setting_changes_the_level_and_the_exit_code() {
    let dir = workspace("datacharter: 1\nrules:\n  severity: { DC004: warning }\n");
    let (code, json) = report(dir.path(), &[]);
    assert_eq!(
        codes_and_severities(&json),
        [("DC004".into(), "warning".into())]
    );
    assert_eq!(
        code, 0,
        "a warning does not fail the default --fail-on error"
    );
    let (code, _) = report(dir.path(), &["--fail-on", "warning"]);
    assert_eq!(code, 1);
}

#[test]
fn per_file_ignores_apply_by_glob() {
    let dir =
        workspace("datacharter: 1\nrules:\n  per-file-ignores:\n    \"parties.yaml\": [DC004]\n");
    let (code, json) = report(dir.path(), &[]);
    assert_eq!(code, 0);
    // The inline suppression now suppresses nothing: the settings removed the finding first.
    assert_eq!(
        codes_and_severities(&json),
        [("DC007".into(), "warning".into())]
    );
}

#[test]
fn require_reason_makes_a_bare_suppression_invalid() {
    let dir = workspace("datacharter: 1\nrules: { require-reason: true }\n");
    fs::write(
        dir.path().join("parties.yaml"),
        "kind: party\nid: imprimeur\nname: A\nroles: [vendor]\n---\nkind: party\nid: imprimeur # datacharter: ignore[DC004]\nname: B\nroles: [vendor]\n",
    )
    .expect("write");
    let (_, json) = report(dir.path(), &[]);
    let codes: Vec<String> = codes_and_severities(&json)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes, ["DC004", "DC008"]);
}

/// Command line over settings over defaults: the settings ignore DC9 and select DC1 and DC9;
/// `--select` replaces the settings' select; `--ignore` adds to the settings' ignore.
#[test]
fn command_line_overrides_settings_which_override_defaults() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::write(
        root.join("organisation.yaml"),
        "kind: organisation\nid: salle\nname: Salle\n",
    )
    .expect("write");
    fs::write(
        root.join("source.yaml"),
        "kind: source\nid: tableur\nname: Tableur\ntype: spreadsheet\n",
    )
    .expect("write");
    let codes = |settings: &str, extra: &[&str]| -> Vec<String> {
        fs::write(root.join("datacharter.yaml"), settings).expect("write");
        let output = datacharter()
            .args(["lint", "--format", "json"])
            .args(extra)
            .arg(root)
            .output()
            .expect("runs");
        let json: Value = serde_json::from_slice(&output.stdout).expect("json");
        let mut codes: Vec<String> = json["diagnostics"]
            .as_array()
            .expect("list")
            .iter()
            .map(|d| d["code"].as_str().unwrap_or("").to_owned())
            .collect();
        codes.sort();
        codes.dedup();
        codes
    };
    // Defaults: every rule; DC101 (no contact) and DC804 (spreadsheet without owner) among them.
    let all = codes("datacharter: 1\n", &[]);
    assert!(
        all.contains(&"DC101".to_owned()) && all.contains(&"DC804".to_owned()),
        "{all:?}"
    );
    // Settings: only DC1.
    let settings = "datacharter: 1\nrules: { select: [DC1] }\n";
    assert!(
        codes(settings, &[])
            .iter()
            .all(|c| c.starts_with("DC1") || c.starts_with("DC0"))
    );
    // Command line replaces the settings' select.
    let cli = codes(settings, &["--select", "DC804"]);
    assert_eq!(cli, ["DC804"]);
    // --ignore adds to the settings' ignore; --extend-select adds to the selection.
    let ignored = codes(
        "datacharter: 1\nrules: { select: [DC1, DC8], ignore: [DC101] }\n",
        &["--ignore", "DC804"],
    );
    assert!(
        !ignored.contains(&"DC101".to_owned()) && !ignored.contains(&"DC804".to_owned()),
        "{ignored:?}"
    );
    let extended = codes(settings, &["--extend-select", "DC804"]);
    assert!(
        extended.contains(&"DC804".to_owned()) && extended.contains(&"DC101".to_owned()),
        "{extended:?}"
    );
}

#[test]
fn unknown_codes_in_settings_are_exit_two_with_a_pointer_into_the_settings() {
    let dir =
        workspace("datacharter: 1\nrules:\n  ignore: [DC999]\n  severity: { DC990: error }\n");
    let (code, json) = report(dir.path(), &[]);
    assert_eq!(code, 2);
    let found: Vec<(String, String, u64)> = json["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_owned(),
                d["pointer"].as_str().unwrap_or("").to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("datacharter.yaml".into(), "/rules/ignore/0".into(), 3),
            ("datacharter.yaml".into(), "/rules/severity/DC990".into(), 4)
        ]
    );
}

#[test]
fn a_missing_policy_pack_is_a_settings_error() {
    let dir = workspace("datacharter: 1\npolicies: [policies/absent.yaml]\n");
    let (code, json) = report(dir.path(), &[]);
    assert_eq!(code, 2);
    assert_eq!(json["diagnostics"][0]["pointer"], "/policies/0");
}

#[test]
fn custom_rules_of_the_example_are_listed_documented_and_selectable() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/quatre-saisons");
    let output = datacharter()
        .current_dir(&example)
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let rules: Value = serde_json::from_slice(&output.stdout).expect("json");
    let x001 = rules
        .as_array()
        .and_then(|list| list.iter().find(|r| r["code"] == "X001"))
        .expect("X001 listed");
    assert_eq!(x001["family"], "custom");
    datacharter()
        .current_dir(&example)
        .args(["rule", "X001"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "declared in `policies/house-rules.yaml`",
        ));
    datacharter()
        .current_dir(&example)
        .args(["lint", "--select", "X9"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("matches no custom rule"));
    // The example lints clean without any suppression: its former one (`tarif_handicap`, "not
    // health data") was legally wrong (a disability concession on a named order is health data).
    let output = datacharter()
        .args(["lint", "--format", "json"])
        .arg(&example)
        .output()
        .expect("runs");
    let json: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(json["summary"]["suppressed"], 0);
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(0));
}

#[test]
fn effective_severity_in_the_rules_table() {
    let dir =
        workspace("datacharter: 1\nrules:\n  ignore: [DC9]\n  severity: { DC805: warning }\n");
    let output = datacharter()
        .current_dir(dir.path())
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let rules: Value = serde_json::from_slice(&output.stdout).expect("json");
    let effective = |code: &str| -> String {
        rules
            .as_array()
            .and_then(|list| list.iter().find(|r| r["code"] == code))
            .and_then(|r| r["effective"].as_str())
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(effective("DC901"), "off");
    assert_eq!(effective("DC805"), "warning");
    assert_eq!(effective("DC201"), "error");
}

#[test]
fn policy_show_merges_the_workspace_packs_and_names_origins() {
    let dir = workspace("datacharter: 1\n");
    fs::write(
        dir.path().join("house.yaml"),
        "kind: policy\nid: house\ncategories:\n  - { id: identity.badge-number, label: { en: Badge number, fr: Numéro de badge } }\nretention:\n  references:\n    - { id: prospects, purposes: [prospecting], duration: 2y, from: last-contact, source: \"house rule: shorter than the CNIL\" }\n",
    )
    .expect("write");
    let output = datacharter()
        .current_dir(dir.path())
        .args(["policy", "show", "--format", "json"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let tables: Value = serde_json::from_slice(&output.stdout).expect("json");
    let find = |table: &str, id: &str| -> Value {
        tables[table]
            .as_array()
            .and_then(|list| list.iter().find(|e| e["id"] == id))
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        find("categories", "identity.badge-number")["origin"],
        "house.yaml (`house`)"
    );
    assert_eq!(
        find("categories", "identity.email")["origin"],
        "built-in `taxonomy`"
    );
    let prospects = find("retention.references", "prospects");
    assert_eq!(prospects["duration"], "2y");
    assert_eq!(prospects["origin"], "house.yaml (`house`)");
    datacharter()
        .current_dir(dir.path())
        .args(["policy", "show", "retention"])
        .assert()
        .success()
        .stdout(predicates::str::contains("## retention.references"))
        .stdout(predicates::str::contains("## categories").not());
    datacharter()
        .current_dir(dir.path())
        .args(["policy", "show", "retension"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `retention`"));
}

use predicates::prelude::PredicateBooleanExt;
