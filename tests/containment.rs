//! One mistake gives one finding: a probe per kind of mistake (syntax error, schema error,
//! typo'd key) on every document kind of `examples/quatre-saisons`. The broken file gets its
//! one DC001 / DC002; every other file's findings (and suppressed findings) must be exactly
//! those of the clean workspace: the broken document still declares its ids and what else
//! could be read of it.

#[path = "common/repository.rs"]
mod repository;

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy)]
enum Mistake {
    Syntax,
    Schema,
    Typo,
}

/// (file, kind of mistake, line as written, line as mistyped).
const PROBES: &[(&str, Mistake, &str, &str)] = &[
    // The organisation: the unquoted `:`, a yes/no in French, a typo'd `people`.
    (
        "organisation.yaml",
        Mistake::Syntax,
        "name: Théâtre des Quatre Saisons",
        "name: Théâtre: des Quatre Saisons",
    ),
    (
        "organisation.yaml",
        Mistake::Schema,
        "public_body: false",
        "public_body: non",
    ),
    ("organisation.yaml", Mistake::Typo, "people:", "peoples:"),
    (
        "charter.yaml",
        Mistake::Syntax,
        "data_referent: cleroy",
        "data_referent: cleroy: Chloé",
    ),
    (
        "charter.yaml",
        Mistake::Schema,
        "review_every: 12mo",
        "review_every: twelve months",
    ),
    (
        "charter.yaml",
        Mistake::Typo,
        "data_referent: cleroy",
        "data_referant: cleroy",
    ),
    (
        "sources/crm.yaml",
        Mistake::Syntax,
        "name: CRM relations avec les publics",
        "name: CRM: relations avec les publics",
    ),
    // The issue's `accessible: yes` (a string in YAML 1.2).
    (
        "sources/crm.yaml",
        Mistake::Schema,
        "accessible: true",
        "accessible: yes",
    ),
    (
        "sources/crm.yaml",
        Mistake::Typo,
        "owner: fgarcia",
        "ownr: fgarcia",
    ),
    (
        "processings/newsletter.yaml",
        Mistake::Syntax,
        "name: Lettre d'information",
        "name: Lettre: d'information",
    ),
    (
        "processings/newsletter.yaml",
        Mistake::Schema,
        "legal_basis: consent",
        "legal_basis: consentement",
    ),
    // The typo'd key that made a source "feed no processing".
    (
        "processings/newsletter.yaml",
        Mistake::Typo,
        "sources: [emailing]",
        "sourcs: [emailing]",
    ),
    (
        "parties/billetel.yaml",
        Mistake::Syntax,
        "name: Billetel SAS",
        "name: Billetel: SAS",
    ),
    (
        "parties/billetel.yaml",
        Mistake::Schema,
        "country: FR",
        "country: France",
    ),
    (
        "parties/billetel.yaml",
        Mistake::Typo,
        "roles: [processor]",
        "role: [processor]",
    ),
    (
        "policies/house-rules.yaml",
        Mistake::Syntax,
        "id: house-rules",
        "id: house-rules: theatre",
    ),
    (
        "policies/house-rules.yaml",
        Mistake::Schema,
        "    severity: error",
        "    severity: fatal",
    ),
    (
        "policies/house-rules.yaml",
        Mistake::Typo,
        "description:",
        "descripton:",
    ),
];

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/quatre-saisons")
}

fn json_report(dir: &Path) -> Value {
    let output = Command::cargo_bin("datacharter")
        .expect("binary is built")
        .env("DATACHARTER_TODAY", "2026-11-28")
        .args(["lint", "--format", "json"])
        .arg(dir)
        .output()
        .expect("runs");
    serde_json::from_slice(&output.stdout).expect("stdout is the JSON report")
}

/// (code, file, pointer, message) of each finding of a list of the report.
fn rows(report: &Value, list: &str) -> Vec<(String, String, String, String)> {
    let text = |d: &Value, key: &str| d[key].as_str().unwrap_or("").to_owned();
    let mut rows: Vec<_> = report[list]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|d| {
                    (
                        text(d, "code"),
                        text(d, "file"),
                        text(d, "pointer"),
                        text(d, "message"),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    rows.sort();
    rows
}

#[test]
fn one_mistake_gives_one_finding_on_every_document_kind() {
    let clean = json_report(&example());
    let clean_findings = rows(&clean, "diagnostics");
    let clean_suppressed = rows(&clean, "suppressed");
    let mut failures = Vec::new();
    for &(file, mistake, line, mistyped) in PROBES {
        let dir = tempfile::tempdir().expect("temp dir");
        repository::copy_dir(&example(), dir.path());
        let path = dir.path().join(file);
        let text = fs::read_to_string(&path).expect("read");
        assert!(text.contains(line), "{file} has no line `{line}`");
        fs::write(&path, text.replacen(line, mistyped, 1)).expect("write");

        let report = json_report(dir.path());
        let (inside, outside): (Vec<_>, Vec<_>) = rows(&report, "diagnostics")
            .into_iter()
            .partition(|row| row.1 == file);
        let expected: Vec<_> = clean_findings
            .iter()
            .filter(|row| row.1 != file)
            .cloned()
            .collect();
        let suppressed: Vec<_> = rows(&report, "suppressed")
            .into_iter()
            .filter(|row| row.1 != file)
            .collect();
        let expected_suppressed: Vec<_> = clean_suppressed
            .iter()
            .filter(|row| row.1 != file)
            .cloned()
            .collect();
        let code = match mistake {
            Mistake::Syntax => "DC001",
            Mistake::Schema | Mistake::Typo => "DC002",
        };
        let one_finding = inside.len() == 1 && inside[0].0 == code;
        if outside != expected || suppressed != expected_suppressed || !one_finding {
            failures.push(format!(
                "{file}, {mistake:?} (`{mistyped}`):\n  in the file: {inside:#?}\n  elsewhere: {outside:#?}\n  suppressed elsewhere: {suppressed:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An unclosed bracket is noticed at the end of the text: the tolerant pass finds the line
/// above that caused it, so the people after it still resolve.
#[test]
fn an_unclosed_bracket_loses_only_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    repository::copy_dir(&example(), dir.path());
    let path = dir.path().join("organisation.yaml");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(
        &path,
        text.replacen("legal_form: association", "legal_form: [association", 1),
    )
    .expect("write");
    let report = json_report(dir.path());
    let findings = rows(&report, "diagnostics");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].0, "DC001");
}

#[test]
fn a_failed_organisation_is_not_a_missing_one_and_the_summary_says_what_was_skipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    repository::copy_dir(&example(), dir.path());
    let path = dir.path().join("organisation.yaml");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(
        &path,
        // The unquoted `:`: the name is lost, so the check of the controller's name
        // cannot judge the document.
        text.replacen(
            "name: Théâtre des Quatre Saisons",
            "name: Théâtre: des Quatre Saisons",
            1,
        ),
    )
    .expect("write");
    for (locale, expected) in [
        ("en", "1 check skipped: organisation.yaml could not be read"),
        (
            "fr",
            "1 contrôle non effectué, faute de pouvoir lire organisation.yaml",
        ),
    ] {
        let output = Command::cargo_bin("datacharter")
            .expect("binary is built")
            .env("DATACHARTER_TODAY", "2026-11-28")
            .args(["lint", "--color", "never", "--locale", locale])
            .arg(dir.path())
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(!stdout.contains("DC006"), "{stdout}");
        assert!(!stdout.contains("DC005"), "{stdout}");
        assert!(stdout.contains("DC001"), "{stdout}");
        let summary = stdout.lines().last().unwrap_or_default();
        assert!(summary.contains(expected), "{summary}");
        assert_eq!(stdout.matches(expected).count(), 1, "said once: {stdout}");
    }
}
