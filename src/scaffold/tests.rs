use super::*;
use crate::config::{Overrides, options};
use crate::lint::lint;
use crate::model::TypedDocument;
use crate::syntax::{Limits, parse};
use crate::workspace::{Discovery, load};
use std::collections::BTreeSet;

fn date(text: &str) -> Date {
    text.parse().expect("a valid test date")
}

/// Lints the workspace in `dir` as `datacharter lint` would, every rule on.
fn lint_findings(dir: &Path, today: Date) -> Vec<String> {
    let workspace = load(&Discovery {
        start: dir,
        config: None,
        no_config: false,
    })
    .expect("the scaffold's settings load");
    let options = options(
        &workspace.settings,
        SETTINGS_FILE,
        &workspace.root,
        &Overrides::default(),
        today,
    )
    .expect("the scaffold's settings are valid");
    lint(&workspace, &options)
        .expect("the built-in packs load")
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {}{} {}",
                f.code,
                f.location.file,
                f.location.pointer().unwrap_or_default(),
                f.message
            )
        })
        .collect()
}

#[test]
fn the_scaffold_lints_clean_in_both_languages_whatever_the_date() {
    // A leap day (whose anniversary three years on does not exist), the turn of a year, the
    // example's date and a far future.
    for today in ["2024-02-29", "2025-12-31", "2026-11-28", "2031-07-14"] {
        for locale in Locale::ALL {
            let dir = tempfile::tempdir().expect("temp dir");
            let files = generate(locale, date(today)).expect("generates");
            write(dir.path(), &files, false).expect("writes");
            let findings = lint_findings(dir.path(), date(today));
            assert!(findings.is_empty(), "{locale} on {today}: {findings:#?}");
        }
    }
}

#[test]
fn the_scaffold_covers_every_common_tool_of_a_venue() {
    use crate::model::{DocumentKind, SourceType};
    let files = generate(Locale::En, date("2026-11-28")).expect("generates");
    let mut source_types = Vec::new();
    let mut kinds = Vec::new();
    for file in files
        .iter()
        .filter(|f| f.path.ends_with(".yaml") && f.path != SETTINGS_FILE)
    {
        let parsed = parse(&file.path, file.contents.as_bytes(), &Limits::default());
        assert!(
            parsed.findings.is_empty(),
            "{}: {:?}",
            file.path,
            parsed.findings
        );
        for document in &parsed.documents {
            let typed = TypedDocument::from_value(&document.value).expect("a typed document");
            if let TypedDocument::Source(source) = &typed {
                source_types.push(source.source_type);
            }
            kinds.push(typed.kind());
        }
    }
    let tools = [
        SourceType::Ticketing,
        SourceType::Crm,
        SourceType::Website,
        SourceType::Emailing,
        SourceType::Spreadsheet,
    ];
    assert_eq!(source_types, tools);
    let count = |kind| kinds.iter().filter(|k| **k == kind).count();
    assert_eq!(count(DocumentKind::Organisation), 1);
    assert_eq!(count(DocumentKind::Charter), 1);
    assert_eq!(count(DocumentKind::Source), tools.len());
    // One processing per tool, and the data-quality control that `datacharter audit` is.
    assert_eq!(count(DocumentKind::Processing), tools.len() + 1);
    assert_eq!(
        count(DocumentKind::Party),
        4,
        "the vendors: ticketing, CRM, emailing, web host"
    );
}

/// A document with its prose (names, descriptions, addresses…) blanked out: what must not
/// differ between languages.
fn skeleton(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    const PROSE: &[&str] = &[
        "name",
        "description",
        "record",
        "withdrawal",
        "reason",
        "reference",
        "location",
        "register",
        "legitimate_interest_assessment",
        "address",
        "email",
        "entry_rules",
    ];
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                // `locale: fr` is the French settings' one addition.
                .filter(|(key, _)| key.as_str() != "locale")
                .map(|(key, child)| {
                    let blanked = PROSE.contains(&key.as_str())
                        || (key == "id" && value["kind"] == "organisation");
                    (
                        key.clone(),
                        if blanked {
                            Value::Null
                        } else {
                            skeleton(child)
                        },
                    )
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(skeleton).collect()),
        other => other.clone(),
    }
}

#[test]
fn both_languages_describe_the_same_documents() {
    // The French scaffold translates comments, names and descriptions, never the structure:
    // the same files, keys, ids, references, categories and durations.
    let today = date("2026-11-28");
    let english = generate(Locale::En, today).expect("generates");
    let french = generate(Locale::Fr, today).expect("generates");
    assert_eq!(english.len(), french.len());
    for (en, fr) in english.iter().zip(&french) {
        assert_eq!(en.path, fr.path);
        if !en.path.ends_with(".yaml") {
            assert_eq!(en.contents, fr.contents, "{}", en.path);
            continue;
        }
        let skeletons = |file: &ScaffoldFile| -> Vec<serde_json::Value> {
            parse(&file.path, file.contents.as_bytes(), &Limits::default())
                .documents
                .iter()
                .map(|document| skeleton(&document.value))
                .collect()
        };
        assert_eq!(skeletons(en), skeletons(fr), "{}", en.path);
    }
}

#[test]
fn every_document_points_editors_at_a_schema_the_scaffold_writes() {
    let files = generate(Locale::Fr, date("2026-11-28")).expect("generates");
    let written: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for file in files.iter().filter(|f| f.path.ends_with(".yaml")) {
        let first = file.contents.lines().next().unwrap_or_default();
        let target = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{} starts with the schema line, not {first:?}", file.path));
        // The path is relative to the file's folder.
        let mut parts: Vec<&str> = file.path.split('/').collect();
        parts.pop();
        for part in target.split('/') {
            match part {
                ".." => {
                    parts.pop();
                }
                part => parts.push(part),
            }
        }
        let resolved = parts.join("/");
        assert!(
            written.contains(resolved.as_str()),
            "{} → {resolved}",
            file.path
        );
        let expected = if file.path == SETTINGS_FILE {
            SETTINGS_SCHEMA_FILE
        } else {
            DOCUMENT_SCHEMA_FILE
        };
        assert!(resolved.ends_with(expected), "{} → {resolved}", file.path);
    }
}

#[test]
fn dates_are_filled_in_from_today() {
    let files = generate(Locale::En, date("2024-02-29")).expect("generates");
    for file in &files {
        assert!(
            !file.contents.contains("{{"),
            "{} keeps a placeholder",
            file.path
        );
    }
    let vendor = files
        .iter()
        .find(|f| f.path == "parties/ticketing-vendor.yaml")
        .expect("the ticketing vendor");
    assert!(
        vendor
            .contents
            .contains("signed: 2024-02-29, expires: 2027-02-28"),
        "{}",
        vendor.contents
    );
    let source = files
        .iter()
        .find(|f| f.path == "sources/crm.yaml")
        .expect("the CRM");
    assert!(
        source.contents.contains("last_reviewed: 2024-02-29"),
        "{}",
        source.contents
    );
}

#[test]
fn a_date_too_close_to_the_end_of_the_calendar_is_an_error_not_a_panic() {
    let result = generate(Locale::En, date("9998-06-01"));
    assert!(
        matches!(result, Err(ScaffoldError::Date { .. })),
        "{result:?}"
    );
}

#[test]
fn the_french_scaffold_writes_french_comments_and_settings() {
    let files = generate(Locale::Fr, date("2026-11-28")).expect("generates");
    let settings = files
        .iter()
        .find(|f| f.path == SETTINGS_FILE)
        .expect("settings");
    assert!(
        settings.contents.contains("\nlocale: fr\n"),
        "{}",
        settings.contents
    );
    let charter = files
        .iter()
        .find(|f| f.path == "charter.yaml")
        .expect("charter");
    assert!(
        charter.contents.contains("# Votre charte des données"),
        "{}",
        charter.contents
    );
    let english = generate(Locale::En, date("2026-11-28")).expect("generates");
    let settings = english
        .iter()
        .find(|f| f.path == SETTINGS_FILE)
        .expect("settings");
    assert!(
        settings.contents.contains("\n# locale: fr\n"),
        "{}",
        settings.contents
    );
}

#[test]
fn inspect_tells_missing_empty_and_occupied_folders_apart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    assert_eq!(
        inspect(&root.join("new")).expect("inspects"),
        Target::Missing
    );
    assert_eq!(inspect(root).expect("inspects"), Target::Empty);
    fs::create_dir(root.join(".git")).expect("mkdir");
    assert_eq!(
        inspect(root).expect("inspects"),
        Target::Empty,
        "a fresh repository counts as empty"
    );
    fs::write(root.join("notes.txt"), "x").expect("write");
    assert_eq!(inspect(root).expect("inspects"), Target::NotEmpty);
    assert_eq!(
        inspect(&root.join("notes.txt")).expect("inspects"),
        Target::NotADirectory
    );
}

#[test]
fn write_creates_the_folder_and_replaces_files_only_when_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("venue");
    let files = generate(Locale::En, date("2026-11-28")).expect("generates");
    let written = write(&root, &files, false).expect("writes into a new folder");
    assert_eq!(written.len(), files.len());
    assert_eq!(
        written.last(),
        Some(&root.join(SETTINGS_FILE)),
        "the settings file comes last"
    );
    fs::write(root.join("charter.yaml"), "edited").expect("edit");
    let refused = write(&root, &files, false).expect_err("refuses to overwrite");
    assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
    assert_eq!(
        fs::read_to_string(root.join("charter.yaml")).expect("read"),
        "edited"
    );
    write(&root, &files, true).expect("forced");
    let charter = files
        .iter()
        .find(|f| f.path == "charter.yaml")
        .expect("charter");
    assert_eq!(
        fs::read_to_string(root.join("charter.yaml")).expect("read"),
        charter.contents
    );
}

#[test]
fn the_clean_scaffold_still_answers_to_the_rules() {
    // Linting two years later: the reviews are overdue (review_every is 12 months) while the
    // agreements, signed for three years, still run. Proves the check above runs the rules.
    let dir = tempfile::tempdir().expect("temp dir");
    let files = generate(Locale::En, date("2026-11-28")).expect("generates");
    write(dir.path(), &files, false).expect("writes");
    let findings = lint_findings(dir.path(), date("2028-11-28"));
    assert_eq!(
        findings.len(),
        11,
        "one per source and processing (data-quality included): {findings:#?}"
    );
    assert!(
        findings.iter().all(|f| f.starts_with("DC901 ")),
        "{findings:#?}"
    );
}
