//! Every message, help and label of `examples/broken`, in both languages, read as prose: no
//! raw duration token (`10y`, `18mo`), no enum id (`legitimate-interests`), no country code
//! (`vers US`) and, in French, no English word. Ids the user must find are allowed in
//! backticks; quoted text («…», "…") is the user's own. A help is never cut at an
//! abbreviation. The workspace's custom rules (X…) are the user's own words and not scanned.
//!
//! Any problem fails the test; `KNOWN` is empty and is meant to stay so.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (locale, code, problem) accepted for now: none. A problem found in a rule's catalogue is
/// fixed at its source (the catalogue, or the placeholder filled by `src/i18n/format.rs`).
const KNOWN: &[(&str, &str, &str)] = &[];

/// Words that give away an English sentence in a French text (none is also French).
const ENGLISH: &[&str] = &[
    "the",
    "of",
    "and",
    "with",
    "without",
    "must",
    "should",
    "which",
    "is",
    "are",
    "has",
    "have",
    "not",
    "for",
    "from",
    "this",
    "that",
    "error",
    "warning",
    "help",
    "none",
    "days",
    "years",
    "months",
    "processing",
    "feeds",
    "field",
    "party",
    "see",
    "or",
    "when",
    "only",
];

/// Two-capital words that are not country codes.
const ACRONYMS: &[&str] = &["UE", "EU", "CE", "OK", "IP", "TV", "ID", "DC"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn lint(locale: &str, format: &str) -> String {
    let output = Command::cargo_bin("datacharter")
        .expect("binary is built")
        .env("DATACHARTER_TODAY", "2026-11-28")
        .args([
            "lint", "--color", "never", "--format", format, "--locale", locale,
        ])
        .arg(root().join("examples/broken"))
        .output()
        .expect("runs");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The enum values of the document schema written with a hyphen (`legitimate-interests`,
/// `end-of-contract`…) and `indefinite`: ids, never words.
fn enum_ids() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("schemas/document.schema.json"))
        .expect("the committed schema");
    let schema: Value = serde_json::from_str(&text).expect("JSON");
    let mut ids = BTreeSet::from(["indefinite".to_owned()]);
    fn walk(value: &Value, ids: &mut BTreeSet<String>) {
        match value {
            Value::Object(object) => {
                if let Some(Value::Array(values)) = object.get("enum") {
                    ids.extend(
                        values
                            .iter()
                            .filter_map(Value::as_str)
                            .filter(|v| v.contains('-'))
                            .map(str::to_owned),
                    );
                }
                object.values().for_each(|child| walk(child, ids));
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, ids)),
            _ => {}
        }
    }
    walk(&schema, &mut ids);
    ids
}

/// The prose of a text: code in backticks and quoted text replaced by a blank.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(end) if c == end => {
                closing = None;
                out.push(' ');
            }
            Some(_) => {}
            None => match c {
                '`' => closing = Some('`'),
                '«' => closing = Some('»'),
                '"' => closing = Some('"'),
                c => out.push(c),
            },
        }
    }
    out
}

fn tokens(text: &str, keep: impl Fn(char) -> bool) -> Vec<&str> {
    text.split(|c: char| !keep(c))
        .filter(|token| !token.is_empty())
        .collect()
}

fn is_duration_token(token: &str) -> bool {
    let digits = token.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && ["y", "mo", "d", "h", "w"].contains(&&token[digits..])
}

/// The problems of one text.
fn problems(locale: &str, text: &str, enum_ids: &BTreeSet<String>) -> Vec<String> {
    let prose = prose(text);
    let mut found = Vec::new();
    for token in tokens(&prose, |c| c.is_alphanumeric()) {
        if is_duration_token(token) {
            found.push(format!("duration token {token}"));
        }
        if token.len() == 2
            && token.chars().all(|c| c.is_ascii_uppercase())
            && !ACRONYMS.contains(&token)
        {
            found.push(format!("country code {token}"));
        }
    }
    for token in tokens(&prose, |c| c.is_alphanumeric() || c == '-') {
        if enum_ids.contains(token) {
            found.push(format!("enum id {token}"));
        }
    }
    if locale == "fr" {
        for token in tokens(&prose, char::is_alphabetic) {
            if ENGLISH.contains(&token.to_lowercase().as_str()) {
                found.push(format!("English word {token}"));
            }
            // A YAML mapping is a « liste de clés » or a « bloc » to a DPO, not a dictionary.
            if token.to_lowercase() == "dictionnaire" {
                found.push("programmer's word dictionnaire".to_owned());
            }
        }
    }
    let trimmed = text.trim_end();
    if ["(e.g", "(e.g.", "(par ex", "(par ex.", "(i.e", "(i.e."]
        .iter()
        .any(|cut| trimmed.ends_with(cut))
    {
        found.push("cut at an abbreviation".to_owned());
    }
    if text.matches('(').count() != text.matches(')').count() {
        found.push("unbalanced parentheses".to_owned());
    }
    found
}

#[test]
fn messages_and_helps_read_as_prose_in_both_languages() {
    let enum_ids = enum_ids();
    assert!(enum_ids.contains("legitimate-interests"), "{enum_ids:?}");
    let mut unexpected = Vec::new();
    let mut seen_known = BTreeSet::new();
    let mut scanned = 0;
    for locale in ["en", "fr"] {
        let report: Value = serde_json::from_str(&lint(locale, "json")).expect("JSON report");
        for diagnostic in report["diagnostics"].as_array().expect("diagnostics") {
            let code = diagnostic["code"].as_str().unwrap_or_default();
            if code.starts_with('X') {
                continue;
            }
            let mut texts = vec![
                diagnostic["message"].as_str().unwrap_or_default(),
                diagnostic["help"].as_str().unwrap_or_default(),
            ];
            if let Some(labels) = diagnostic["labels"].as_array() {
                texts.extend(labels.iter().filter_map(|l| l["message"].as_str()));
            }
            for text in texts {
                scanned += 1;
                for problem in problems(locale, text, &enum_ids) {
                    if KNOWN.contains(&(locale, code, problem.as_str())) {
                        seen_known.insert(format!("{locale} {code} {problem}"));
                    } else {
                        unexpected.push(format!("{locale} {code}: {problem} in «{text}»"));
                    }
                }
            }
        }
    }
    assert!(scanned > 200, "only {scanned} texts scanned");
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
    for (locale, code, problem) in KNOWN {
        if !seen_known.contains(&format!("{locale} {code} {problem}")) {
            eprintln!(
                "known problem no longer found (remove it from KNOWN): {locale} {code} {problem}"
            );
        }
    }
}

#[test]
fn the_scanner_finds_what_it_looks_for() {
    let ids = enum_ids();
    let found = problems(
        "fr",
        "conservé pendant 10y vers US sur la base legitimate-interests, the end (e.g",
        &ids,
    );
    for expected in [
        "duration token 10y",
        "country code US",
        "enum id legitimate-interests",
        "English word the",
        "cut at an abbreviation",
        "unbalanced parentheses",
    ] {
        assert!(found.iter().any(|f| f == expected), "{expected}: {found:?}");
    }
    assert!(problems("fr", "la durée `10y` de `legitimate-interests`", &ids).is_empty());
}

#[test]
fn french_report_words_are_french() {
    let human = lint("fr", "human");
    assert!(human.contains("erreur[DC001] :"), "{human}");
    assert!(human.contains("avertissement["), "{human}");
    assert!(human.contains("\n  aide : "), "{human}");
    for english in ["error[", "warning[", "\n  help: "] {
        assert!(!human.contains(english), "{english} in the French report");
    }
    let summary = human.lines().last().unwrap_or_default();
    assert!(
        summary.contains(" erreurs, ") && summary.contains(" dans "),
        "{summary}"
    );
    assert!(
        summary.contains("contrôles non effectués, faute de pouvoir lire"),
        "{summary}"
    );

    let rules = Command::cargo_bin("datacharter")
        .expect("binary is built")
        .args(["rules", "--locale", "fr"])
        .current_dir(std::env::temp_dir())
        .output()
        .expect("runs");
    let rules = String::from_utf8_lossy(&rules.stdout);
    assert!(
        rules.starts_with("| code | nom | famille | par défaut | effective | résumé |"),
        "{rules}"
    );
    assert!(
        rules.contains("| erreur |") && !rules.contains("| error |"),
        "{rules}"
    );
}
