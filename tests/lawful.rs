//! Precision, end to end: `tests/lawful-practices` is a festival's register written from the
//! lawful practices of the legal review (exempt audience measurement kept 25 months, card proof
//! of a deferred-debit card 15 months, a card on file with specific consent, CCTV recordings 31
//! days and the access log 6 months, payroll and a school booking from two files, HR of a small
//! association, a DPO in the compliance team, a volunteers' catering list with allergies under
//! explicit consent, 16–17-year-old volunteers, an opposition list kept 5 years, a website hosted
//! in La Réunion…). It must lint with no finding at all and without a single suppression comment,
//! as `examples/broken` must show every rule firing. Each practice is then broken once, to show
//! that the workspace really exercises the rule that used to cry wolf.

#[path = "common/repository.rs"]
mod repository;

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn lawful() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lawful-practices")
}

/// `(exit code, JSON report)` of `datacharter lint` on `dir`, in `locale`.
fn lint(dir: &Path, locale: &str) -> (i32, Value) {
    let output = Command::cargo_bin("datacharter")
        .expect("binary is built")
        .env("DATACHARTER_TODAY", "2026-10-01")
        .args(["lint", "--format", "json", "--locale", locale])
        .arg(dir)
        .output()
        .expect("runs");
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "stdout is not the JSON report ({error}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().unwrap_or(-1), report)
}

fn diagnostics(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|d| {
                    format!(
                        "{} {} {}: {}",
                        d["severity"].as_str().unwrap_or(""),
                        d["code"].as_str().unwrap_or(""),
                        d["file"].as_str().unwrap_or(""),
                        d["message"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn yaml_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            yaml_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "yaml") {
            files.push(path);
        }
    }
}

#[test]
fn the_lawful_register_lints_clean_in_both_languages() {
    for locale in ["en", "fr"] {
        let (code, report) = lint(&lawful(), locale);
        let found = diagnostics(&report);
        assert!(found.is_empty(), "{locale}: {found:#?}");
        assert_eq!(code, 0, "{locale}");
        assert_eq!(
            report["summary"]["suppressed"].as_u64(),
            Some(0),
            "{report}"
        );
    }
}

#[test]
fn the_lawful_register_has_no_suppression_comment() {
    let mut files = Vec::new();
    yaml_files(&lawful(), &mut files);
    assert!(files.len() > 20, "{files:?}");
    for file in files {
        let text = fs::read_to_string(&file).expect("read");
        assert!(
            !text.contains("datacharter: ignore"),
            "{} silences a finding",
            file.display()
        );
    }
}

/// A copy of the lawful workspace with one edit: `(file, from, to)`.
fn broken_copy(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    repository::copy_dir(&lawful(), dir.path());
    let path = dir.path().join(file);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} has no `{from}`");
    fs::write(&path, text.replacen(from, to, 1)).expect("write");
    dir
}

fn codes_with(file: &str, from: &str, to: &str) -> Vec<String> {
    let dir = broken_copy(file, from, to);
    let (_, report) = lint(dir.path(), "en");
    report["diagnostics"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|d| {
                    format!(
                        "{} {}",
                        d["code"].as_str().unwrap_or(""),
                        d["severity"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn each_practice_is_one_edit_away_from_its_rule() {
    let cases: [(&str, &str, &str, &str); 9] = [
        // The statutory month of CCTV: 32 days is over it.
        (
            "processings/cctv.yaml",
            "duration: 31d",
            "duration: 32d",
            "DC304 error",
        ),
        // Deferred debit allows 15 months; as plain proof it is 13.
        (
            "processings/ticket-sales.yaml",
            ", card: deferred-debit }",
            " }",
            "DC307 warning",
        ),
        // A card on file needs the buyer's consent.
        (
            "processings/card-on-file.yaml",
            "legal_basis: consent\nconsent:\n  mechanism: checkbox\n  record: \"Billetix stores the date, time and wording of the unticked box « mémoriser ma carte »\"\n",
            "legal_basis: contract\nconsent:\n  mechanism: checkbox\n",
            "DC307 warning",
        ),
        // The opposition list sends nothing; without `channels: []` it reads as emailing.
        (
            "processings/suppression-list.yaml",
            "channels: []\n",
            "",
            "DC502 error",
        ),
        // La Réunion is in the EU; French Polynesia (an OCT) is not.
        (
            "sources/website.yaml",
            "country: RE",
            "country: PF",
            "DC607 warning",
        ),
        // The DPO in compliance is fine; the head of IT is not.
        (
            "organisation.yaml",
            "functions: [compliance, legal]",
            "functions: [it]",
            "DC402 error",
        ),
        // 16-17-year-olds consent alone; 12-year-olds do not (here not online: a warning).
        (
            "processings/volunteers.yaml",
            "minors_age: { min: 16, max: 17 }",
            "minors_age: { min: 12, max: 17 }",
            "DC505 warning",
        ),
        // HR of 18 people needs no DPIA; of 300 it meets its criteria.
        (
            "organisation.yaml",
            "staff_count: 18",
            "staff_count: 300",
            "DC701 warning",
        ),
        // The catering allergies need their Art. 9(2) exception.
        (
            "processings/volunteers.yaml",
            "art9_exception:\n  basis: a\n  description: \"the volunteer ticks a separate box to give a food allergy for the catering\"\n  reference: \"Fiche d'inscription des bénévoles 2026, case « allergies »\"\n",
            "",
            "DC201 error",
        ),
    ];
    for (file, from, to, expected) in cases {
        let codes = codes_with(file, from, to);
        assert!(
            codes.iter().any(|code| code == expected),
            "{file}: `{from}` → `{to}` should give {expected}, gives {codes:?}"
        );
    }
}

/// Recall, the other half: `examples/broken` shows every built-in rule firing, the new and
/// changed ones included.
#[test]
fn the_broken_example_still_fires_every_rule() {
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/broken");
    let (code, report) = lint(&broken, "en");
    assert_eq!(code, 1);
    let fired: Vec<&str> = report["diagnostics"]
        .as_array()
        .map(|list| list.iter().filter_map(|d| d["code"].as_str()).collect())
        .unwrap_or_default();
    let silent: Vec<&str> = datacharter::rules::REGISTRY
        .iter()
        .map(|rule| rule.code)
        .filter(|code| !fired.contains(code))
        .collect();
    assert!(
        silent.is_empty(),
        "rules that do not fire on examples/broken: {silent:?}"
    );
}
