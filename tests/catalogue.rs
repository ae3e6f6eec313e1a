//! The rule codes are a public contract. Two checks keep it:
//!
//! - `docs/rules.md`, committed, is generated from the registry (code, name, family, default
//!   severity, summary): a test fails when it is stale, so any change to the contract shows in
//!   a diff. Regenerate it with `DATACHARTER_UPDATE_CATALOGUE=1 cargo test --test catalogue`.
//! - When the design catalogues are beside the project (`../shared/design/rules.md` and
//!   `rules-wave2.md`, where a wave-2 row replaces the row of `rules.md` with the same code),
//!   the registry matches them code for code, with the same names and severities. A design row
//!   not implemented yet is listed in [`PENDING_CHANGES`] or [`PENDING_NEW`], and the test fails as soon as it is
//!   implemented, so that list stays true.

use datacharter::finding::Severity;
use datacharter::rules::REGISTRY;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------------------
// The committed catalogue

const COMMITTED_CATALOGUE: &str = "docs/rules.md";

fn generated_catalogue() -> String {
    let mut text = String::from(
        "# Rule catalogue\n\n\
         Generated from the rule registry by `tests/catalogue.rs` (regenerate with\n\
         `DATACHARTER_UPDATE_CATALOGUE=1 cargo test --test catalogue`). Codes are a public contract:\n\
         a code is never reused. `datacharter rule CODE` prints a rule's whole documentation.\n\n\
         | code | name | family | default severity | summary |\n\
         |---|---|---|---|---|\n",
    );
    for rule in REGISTRY {
        let summary = rule.summary().replace('|', "\\|").replace('\n', " ");
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            rule.code,
            rule.name,
            rule.family.slug(),
            rule.severity,
            summary.trim()
        ));
    }
    text
}

#[test]
fn committed_catalogue_is_up_to_date() {
    let path = manifest_dir().join(COMMITTED_CATALOGUE);
    let expected = generated_catalogue();
    if std::env::var_os("DATACHARTER_UPDATE_CATALOGUE").is_some()
        && let Err(error) = std::fs::write(&path, &expected)
    {
        panic!("cannot write {COMMITTED_CATALOGUE}: {error}");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "{COMMITTED_CATALOGUE} is out of date with the registry; regenerate it with \
         `DATACHARTER_UPDATE_CATALOGUE=1 cargo test --test catalogue` and commit the result"
    );
}

#[test]
fn registry_codes_are_unique_and_in_code_order() {
    let codes: Vec<&str> = REGISTRY.iter().map(|rule| rule.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        codes, sorted,
        "the registry lists each code once, in code order"
    );
}

// ---------------------------------------------------------------------------------------
// The design catalogues

/// Wave-2 changes of existing rules (name or severity) not in the registry yet.
const PENDING_CHANGES: &[&str] = &[];
/// Wave-2 rules not in the registry yet.
const PENDING_NEW: &[&str] = &[
    "DC109", "DC210", "DC211", "DC408", "DC507", "DC508", "DC509", "DC510", "DC608", "DC704",
];

/// Design rows not implemented yet: each is checked to be still pending, so the lists shrink
/// as the work lands.
fn pending() -> impl Iterator<Item = &'static str> {
    PENDING_CHANGES.iter().chain(PENDING_NEW).copied()
}

struct Row {
    name: String,
    severities: Vec<Severity>,
}

/// `code → row` of every `| DC… |` table row of one design file.
fn design_rows(text: &str) -> BTreeMap<String, Row> {
    text.lines()
        .filter(|line| line.starts_with("| DC"))
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let (code, name, severity) = (cells.get(1)?, cells.get(2)?, cells.get(4)?);
            let severities = severity
                .split('/')
                .filter_map(|letter| match letter {
                    "E" => Some(Severity::Error),
                    "W" => Some(Severity::Warning),
                    "I" => Some(Severity::Info),
                    _ => None,
                })
                .collect();
            Some((
                (*code).to_owned(),
                Row {
                    name: (*name).to_owned(),
                    severities,
                },
            ))
        })
        .collect()
}

/// The design catalogue: `rules.md` with the rows of `rules-wave2.md` laid over it. Rows whose
/// name is `—` (a change that applies to several codes at once) keep the name of `rules.md`.
fn design_catalogue() -> Option<BTreeMap<String, Row>> {
    let design = manifest_dir().join("../shared/design");
    let first = std::fs::read_to_string(design.join("rules.md")).ok()?;
    let mut rows = design_rows(&first);
    if let Ok(second) = std::fs::read_to_string(design.join("rules-wave2.md")) {
        for (code, row) in design_rows(&second) {
            if row.name == "—" || row.name.is_empty() {
                continue;
            }
            rows.insert(code, row);
        }
    }
    Some(rows)
}

fn matches(code: &str, row: &Row) -> Result<(), String> {
    let Some(rule) = REGISTRY.iter().find(|rule| rule.code == code) else {
        return Err(format!(
            "{code}: in the design catalogue, not in the registry"
        ));
    };
    if rule.name != row.name {
        return Err(format!(
            "{code}: name `{}`, design `{}`",
            rule.name, row.name
        ));
    }
    if !row.severities.contains(&rule.severity) {
        return Err(format!(
            "{code}: default severity {} not in the design's {:?}",
            rule.severity, row.severities
        ));
    }
    // For a rule that may be an error or a warning, the default is the strongest.
    if row.severities.first() != Some(&rule.severity) {
        return Err(format!(
            "{code}: default severity {} is not the design's strongest, {:?}",
            rule.severity, row.severities
        ));
    }
    Ok(())
}

#[test]
fn registry_matches_the_design_catalogues() {
    let Some(catalogue) = design_catalogue() else {
        // The design lives outside the repository; the committed catalogue above still guards
        // the contract on a fresh clone.
        eprintln!("SKIPPED: ../shared/design/rules.md is not beside the project");
        return;
    };
    let mut problems = Vec::new();
    for (code, row) in &catalogue {
        let outcome = matches(code, row);
        match (pending().any(|pending| pending == code), outcome) {
            (false, Err(problem)) => problems.push(problem),
            (true, Ok(())) => problems.push(format!(
                "{code}: listed as pending but now matches the design; remove it from the pending lists"
            )),
            _ => {}
        }
    }
    for rule in REGISTRY {
        if !catalogue.contains_key(rule.code) {
            problems.push(format!("{}: in the registry, not in the design", rule.code));
        }
    }
    for code in pending() {
        if !catalogue.contains_key(code) {
            problems.push(format!(
                "{code}: listed as pending but in no design catalogue"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
