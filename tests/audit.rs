//! `datacharter audit`: every DA rule on its documented example (fires on the failing export,
//! silent on the passing one, in English and French), the command end to end, and the privacy
//! canary: no planted value appears in any output of any format.

use assert_cmd::Command;
use datacharter::audit::{self, AuditOptions, rules::REGISTRY};
use datacharter::i18n::Locale;
use datacharter::lint::{Options, lint_inputs};
use datacharter::rules::Selection;
use std::path::Path;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 6, 1)
}

/// Writes the example's export as the rule's example says (`cp1252:` the clean export in
/// Windows-1252; `git:` the failing export committed; empty: no file at all).
fn write_export(dir: &Path, text: &str) {
    let path = dir.join("contacts.csv");
    if let Some(rest) = text.strip_prefix("cp1252:") {
        let clean = if rest.is_empty() {
            "E-mail;nom;code_postal;derniere_venue;commentaires\nanne@example.org;Hélène Martin;69001;2026-03-14;\n"
        } else {
            rest
        };
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(clean);
        std::fs::write(path, bytes).unwrap();
    } else if let Some(rest) = text.strip_prefix("git:") {
        let body = if rest.is_empty() {
            "E-mail;nom;code_postal;derniere_venue;commentaires\nanne@example.org;Anne Martin;69001;2026-03-14;\n"
        } else {
            rest
        };
        std::fs::write(&path, body).unwrap();
        let git = |args: &[&str]| {
            let status = std::process::Command::new("git")
                .args(args)
                .current_dir(dir)
                .output();
            assert!(status.is_ok_and(|o| o.status.success()), "git {args:?}");
        };
        git(&["init", "-q"]);
        git(&["add", "contacts.csv"]);
    } else if !text.is_empty() {
        std::fs::write(path, text).unwrap();
    }
}

fn codes_on(workspace: &str, export: &str, locale: Locale) -> Vec<datacharter::finding::Finding> {
    let dir = tempfile::tempdir().unwrap();
    // `link:A=====B`: the two exports of a `--link` example.
    let link = export.strip_prefix("link:").map(|both| {
        let (first, second) = both.split_once("=====").unwrap();
        std::fs::write(dir.path().join("contacts.csv"), first).unwrap();
        std::fs::write(dir.path().join("partners.csv"), second).unwrap();
        ("contacts".to_owned(), "partners".to_owned())
    });
    // `discover:NAME=CONTENT`: a file found beside the declared export.
    if let Some(found) = export.strip_prefix("discover:") {
        let (name, content) = found.split_once('=').unwrap();
        std::fs::write(
            dir.path().join("contacts.csv"),
            "email;nom;telephone;ville\n",
        )
        .unwrap();
        std::fs::write(dir.path().join(name), content).unwrap();
        let options = Options::new(Selection::default(), today());
        let inputs = vec![("example.yaml".to_owned(), Ok(workspace.as_bytes().to_vec()))];
        let outcome = lint_inputs(inputs, "datacharter.yaml", &options).unwrap();
        let audit_options = AuditOptions {
            today: today(),
            locale,
            show_rows: false,
            min_count: 1,
            exports: Vec::new(),
            sources: Vec::new(),
            limits: audit::read::Limits::default(),
            link: None,
            hasher: std::collections::hash_map::RandomState::new(),
        };
        return audit::discover::discover(
            dir.path(),
            dir.path(),
            "datacharter.yaml",
            &outcome.inventory,
            &outcome.policy,
            &audit_options,
        );
    }
    if link.is_none() {
        write_export(dir.path(), export);
    }
    let options = Options::new(Selection::default(), today());
    let inputs = vec![("example.yaml".to_owned(), Ok(workspace.as_bytes().to_vec()))];
    let outcome = lint_inputs(inputs, "datacharter.yaml", &options).unwrap();
    let audit_options = AuditOptions {
        today: today(),
        locale,
        show_rows: false,
        min_count: 3,
        exports: Vec::new(),
        sources: Vec::new(),
        limits: audit::read::Limits::default(),
        link: link.clone(),
        hasher: std::collections::hash_map::RandomState::new(),
    };
    let context = audit::audit(
        dir.path(),
        &outcome.inventory,
        &outcome.policy,
        &audit_options,
    )
    .unwrap();
    let expected = if link.is_some() { 2 } else { 1 };
    assert_eq!(context.sources.len(), expected, "the example's exports");
    audit::rules::run(&context, &Selection::default())
}

#[test]
fn every_rule_fires_on_its_failing_example_and_not_on_its_passing_one() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED: git is not installed");
        return;
    }
    for rule in REGISTRY {
        let code = rule.rule.code;
        let example = rule.example;
        let failing = codes_on(example.workspace, example.failing, Locale::En);
        assert!(
            failing.iter().any(|f| f.code == code),
            "{code} does not fire on its failing example: {failing:#?}"
        );
        let passing = codes_on(example.workspace, example.passing, Locale::En);
        assert!(
            !passing.iter().any(|f| f.code == code),
            "{code} fires on its passing example: {passing:#?}"
        );
        let french = codes_on(example.workspace, example.failing, Locale::Fr);
        let (en, fr) = (
            failing.iter().find(|f| f.code == code).unwrap(),
            french.iter().find(|f| f.code == code).unwrap(),
        );
        assert_ne!(en.message, fr.message, "{code}: not translated");
        assert_ne!(en.help, fr.help, "{code}: help not translated");
        for text in [&en.message, &fr.message] {
            assert!(
                !text.contains(&format!("{code}.")),
                "{code}: a catalogue key is missing: {text}"
            );
        }
        for section in datacharter::rules::Section::ALL {
            for locale in Locale::ALL {
                assert!(
                    !rule.rule.text(section, locale).is_empty(),
                    "{code}: no {section:?} in {locale}"
                );
            }
        }
        assert!(en.audit.is_some(), "{code}: no audit facts");
    }
}

#[test]
fn registry_codes_follow_the_design_catalogue() {
    let codes: Vec<&str> = REGISTRY.iter().map(|r| r.rule.code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted, "registry in code order");
    for (code, name) in [
        ("DA001", "export-unreadable"),
        ("DA201", "sensitive-words-in-free-text"),
        ("DA403", "duplicate-persons"),
        ("DA601", "column-used-by-no-processing"),
    ] {
        assert_eq!(audit::rules::find(code).map(|r| r.rule.name), Some(name));
    }
}

const FIXTURE: &str = "tests/fixtures/audit";

fn datacharter(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("datacharter").unwrap();
    command
        .current_dir(dir)
        .env("DATACHARTER_TODAY", "2026-06-01")
        .env("NO_COLOR", "1")
        .env("LANG", "C");
    command
}

/// The fixture workspace copied to a scratch folder (the audit must not depend on git state).
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(FIXTURE) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(FIXTURE).unwrap();
        let target = dir.path().join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}

#[test]
fn the_command_reports_each_family_with_lint_exit_codes_and_json_evidence() {
    let dir = fixture();
    let output = datacharter(dir.path())
        .args(["audit", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "errors exit 1");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    for code in [
        "DA101", "DA201", "DA202", "DA203", "DA301", "DA401", "DA403",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    let da201 = diagnostics.iter().find(|d| d["code"] == "DA201").unwrap();
    assert_eq!(da201["file"], "sources/contacts.yaml");
    assert_eq!(da201["pointer"], "/fields/4");
    assert_eq!(da201["audit"]["file"], "exports/contacts.csv");
    assert_eq!(da201["audit"]["column"], "commentaires");
    assert!(da201["audit"]["rows"].as_u64().unwrap() >= 3);
    assert!(
        da201["audit"].get("row_numbers").is_none(),
        "row numbers only with --show rows"
    );

    let shown = datacharter(dir.path())
        .args(["audit", "--format", "json", "--show", "rows"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    let da201 = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "DA201")
        .unwrap()
        .clone();
    assert!(!da201["audit"]["row_numbers"].as_array().unwrap().is_empty());

    // Selection and exit codes as lint.
    datacharter(dir.path())
        .args(["audit", "--select", "DA3", "--fail-on", "warning"])
        .assert()
        .code(1);
    datacharter(dir.path())
        .args(["audit", "--select", "DA302"])
        .assert()
        .code(0);
    datacharter(dir.path())
        .args(["audit", "--select", "DA999"])
        .assert()
        .code(2);
}

#[test]
fn a_comment_on_the_field_suppresses_its_column() {
    let dir = fixture();
    let path = dir.path().join("sources/contacts.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replace(
        "  - { name: commentaires,",
        "  # datacharter: ignore[DA201] -- reviewed with the box office, remarks being removed\n  - { name: commentaires,",
    );
    std::fs::write(&path, text).unwrap();
    let output = datacharter(dir.path())
        .args(["audit", "--format", "concise", "--select", "DA201"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains("DA201"), "{stdout}");
}

#[test]
fn export_option_overrides_the_declared_path_and_a_missing_file_is_da001() {
    let dir = fixture();
    let output = datacharter(dir.path())
        .args([
            "audit",
            "--format",
            "concise",
            "--export",
            "contacts=exports/none.csv",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("DA001"), "{stdout}");
    assert_eq!(output.status.code(), Some(1));
    datacharter(dir.path())
        .args(["audit", "--export", "nobody=x.csv"])
        .assert()
        .code(2);
}

#[test]
fn an_export_path_outside_the_workspace_is_refused() {
    let dir = fixture();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.csv"), "a;b\n1;2\n").unwrap();
    let path = dir.path().join("sources/contacts.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "exports/contacts.csv",
        "../../../../../../../../../../tmp/secret.csv",
    );
    std::fs::write(&path, text).unwrap();
    let output = datacharter(dir.path())
        .args(["audit", "--format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("DA001") && stdout.contains("outside the workspace"),
        "{stdout}"
    );
}

/// Values planted in the fixture's export: none may appear in any output.
const CANARIES: &[&str] = &[
    "canari.unique@example.org",
    "zoe.canari",
    "Canarinette",
    "Zébulon",
    "06 98 76 54 32",
    "0698765432",
    "269052A00401228",
    "2 69 05 2A 004 012 28",
    "FR76 3000 6000 0112 3456 7890 189",
    "FR7630006000011234567890189",
    "4970 1012 3456 7893",
    "arachides",
    "diabétique",
    "insuline",
];

#[test]
fn canary_no_planted_value_appears_in_any_output() {
    let dir = fixture();
    let mut outputs = Vec::new();
    for format in ["human", "concise", "json", "sarif", "github", "junit"] {
        for locale in ["en", "fr"] {
            let output = datacharter(dir.path())
                .args([
                    "audit", "--format", format, "--locale", locale, "--show", "rows",
                ])
                .output()
                .unwrap();
            outputs.push((
                format!("audit {format} {locale}"),
                output.stdout,
                output.stderr,
            ));
        }
    }
    for format in ["concise", "json", "sarif"] {
        let output = datacharter(dir.path())
            .args([
                "audit",
                "--link",
                "contacts",
                "ticketing",
                "--format",
                format,
                "--show",
                "rows",
            ])
            .output()
            .unwrap();
        outputs.push((
            format!("audit --link {format}"),
            output.stdout,
            output.stderr,
        ));
    }
    for sheet in ["markdown", "html", "csv"] {
        let output = datacharter(dir.path())
            .args(["audit", "--sheet", sheet, "--quiet"])
            .output()
            .unwrap();
        outputs.push((format!("sheet {sheet}"), output.stdout, output.stderr));
    }
    for file in ["exports/contacts.csv", "exports/ticketing.csv"] {
        let output = datacharter(dir.path())
            .args(["source", "draft", file])
            .output()
            .unwrap();
        assert!(output.status.success());
        outputs.push((format!("source draft {file}"), output.stdout, output.stderr));
    }
    for (name, stdout, stderr) in &outputs {
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(stdout),
            String::from_utf8_lossy(stderr)
        );
        assert!(!text.is_empty(), "{name}: no output");
        for canary in CANARIES {
            assert!(
                !text.contains(canary),
                "{name} prints the planted value {canary:?}"
            );
        }
    }
    // Nothing written beside the export.
    let files: Vec<_> = std::fs::read_dir(dir.path().join("exports"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
}

#[test]
fn source_draft_suggests_categories_and_never_copies_a_value() {
    let dir = fixture();
    let output = datacharter(dir.path())
        .args([
            "source",
            "draft",
            "exports/contacts.csv",
            "--id",
            "contacts",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("id: contacts"));
    assert!(
        text.contains(r#"{ name: "E-mail", category: identity.email }"#),
        "{text}"
    );
    assert!(
        text.contains(r#"{ name: "tarif_handicap", category: transaction.order }"#),
        "a price, not health: {text}"
    );
    assert!(text.contains("free_text: true"), "{text}");
    // The draft is a valid source document.
    let draft = dir.path().join("sources/draft.yaml");
    std::fs::write(
        &draft,
        text.replace("data_subjects: []", "data_subjects: [spectators]")
            .replace("id: contacts", "id: contacts-draft"),
    )
    .unwrap();
    let lint = datacharter(dir.path())
        .args(["lint", "--format", "concise", "--select", "DC0"])
        .output()
        .unwrap();
    let lint = String::from_utf8(lint.stdout).unwrap();
    assert!(!lint.contains("draft.yaml"), "{lint}");
    // A file without a header row: its first row is data, and none of it is printed.
    std::fs::write(
        dir.path().join("exports/raw.csv"),
        "zoe.canari@example.org;Zébulon;06 98 76 54 32\nb@example.org;B;\n",
    )
    .unwrap();
    let output = datacharter(dir.path())
        .args(["source", "draft", "exports/raw.csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    for value in ["zoe.canari", "Zébulon", "06 98"] {
        assert!(!text.contains(value), "{text}");
    }
    assert!(text.contains("column_2"));
}

#[test]
fn link_measures_two_sources_both_ways() {
    let dir = fixture();
    let output = datacharter(dir.path())
        .args([
            "audit",
            "--link",
            "contacts",
            "ticketing",
            "--format",
            "concise",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("DA502") && text.contains("postal code"),
        "{text}"
    );
    assert!(text.contains("DA503"), "{text}");
    assert!(
        !text.contains("DA201"),
        "--link measures the link only: {text}"
    );
    datacharter(dir.path())
        .args(["audit", "--link", "contacts", "nobody"])
        .assert()
        .code(2);
}

#[test]
fn discover_finds_undeclared_spreadsheets_and_copies() {
    let dir = fixture();
    let shared = dir.path().join("partage");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(
        shared.join("benevoles.csv"),
        "prenom;courriel;portable\nZébulon;canari.unique@example.org;06 98 76 54 32\n",
    )
    .unwrap();
    std::fs::write(shared.join("copie-2023.csv"), "E-mail;nom;code_postal;derniere_venue;commentaires\ncanari.unique@example.org;Zébulon Canarinette;69007;2023-01-01;\n").unwrap();
    std::fs::write(
        shared.join("programme.csv"),
        "spectacle;salle\nHamlet;Grande salle\n",
    )
    .unwrap();
    let output = datacharter(dir.path())
        .args(["discover", "partage", "--format", "concise"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("DA602") && text.contains("benevoles.csv"),
        "{text}"
    );
    assert!(
        text.contains("DA603") && text.contains("copie-2023.csv") && text.contains("`contacts`"),
        "{text}"
    );
    assert!(!text.contains("programme.csv"), "{text}");
    assert!(
        !text.contains("exports/contacts.csv"),
        "a declared export is not discovered: {text}"
    );
    for canary in CANARIES {
        assert!(!text.contains(canary), "{canary}");
    }
    assert_eq!(output.status.code(), Some(0), "warnings only");
}

#[allow(dead_code)] // `main` serves the example binary only
#[path = "../examples/gen-export.rs"]
mod gen_export;

#[test]
fn the_generated_export_s_planted_facts_are_found_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let planted = gen_export::write(
        dir.path(),
        gen_export::Spec {
            rows: 5_000,
            seed: 3,
        },
        false,
    )
    .unwrap();
    let output = datacharter(dir.path())
        .args(["audit", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows_of = |code: &str| {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .and_then(|d| d["audit"]["rows"].as_u64())
    };
    assert_eq!(rows_of("DA401"), Some(planted.past_retention as u64));
    assert_eq!(rows_of("DA201"), Some(planted.health_words as u64));
    assert_eq!(rows_of("DA202"), Some(planted.nirs as u64));
    assert_eq!(rows_of("DA203"), Some(planted.ibans as u64));
    assert!(
        rows_of("DA403").is_none(),
        "2 % duplicates stay under the 5 % threshold"
    );
    assert_eq!(
        rows_of("DA301"),
        None,
        "92 % of postcodes filled, 90 % required"
    );
}

#[test]
fn rule_prints_a_data_audit_rule_in_both_languages() {
    let dir = fixture();
    let english = datacharter(dir.path())
        .args(["rule", "DA201"])
        .output()
        .unwrap();
    let english = String::from_utf8(english.stdout).unwrap();
    assert!(
        english.starts_with("# DA201 sensitive-words-in-free-text"),
        "{english}"
    );
    assert!(english.contains("Family: data audit"), "{english}");
    let french = datacharter(dir.path())
        .args(["rule", "da201", "--locale", "fr"])
        .output()
        .unwrap();
    let french = String::from_utf8(french.stdout).unwrap();
    assert!(french.contains("audit des données"), "{french}");
}

#[test]
fn the_example_workspace_shows_every_da_family() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/quatre-saisons");
    let codes = |args: &[&str]| -> Vec<String> {
        let output = datacharter(&example)
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let audit = codes(&["audit"]);
    for family in ["DA1", "DA2", "DA3", "DA4"] {
        assert!(
            audit.iter().any(|c| c.starts_with(family)),
            "{family} missing: {audit:?}"
        );
    }
    let tracked = std::process::Command::new("git")
        .args(["ls-files", "--error-unmatch", "exports/crm-contacts.csv"])
        .current_dir(&example)
        .output()
        .is_ok_and(|o| o.status.success());
    if tracked {
        assert!(audit.iter().any(|c| c == "DA009"), "{audit:?}");
    }
    let link = codes(&["audit", "--link", "crm", "ticketing"]);
    assert!(link.iter().any(|c| c.starts_with("DA5")), "{link:?}");
    let discover = codes(&["discover", "partage"]);
    assert_eq!(discover, ["DA602"]);
    // The audit reads the example; lint of it stays clean.
    datacharter(&example)
        .args(["lint", "--quiet"])
        .env("DATACHARTER_TODAY", "2026-11-01")
        .assert()
        .success();
}

#[test]
fn the_quality_sheet_follows_the_four_criteria_and_hides_small_counts() {
    let dir = fixture();
    let output = datacharter(dir.path())
        .args([
            "audit",
            "--quiet",
            "--sheet",
            "markdown",
            "--locale",
            "fr",
            "--sheet-output",
            "fiche.md",
        ])
        .output()
        .unwrap();
    assert!(output.status.code().is_some());
    let sheet = std::fs::read_to_string(dir.path().join("fiche.md")).unwrap();
    for criterion in ["complétude", "fiabilité", "cohérence", "minimisation"] {
        assert!(
            sheet.contains(&format!("| {criterion} |")),
            "{criterion}: {sheet}"
        );
    }
    assert!(sheet.contains("| < 5 |"), "small counts hidden: {sheet}");
    assert!(
        sheet.contains("| taux de remplissage (/ requis) | code_postal | 82 % / 90% |"),
        "{sheet}"
    );
    let csv = datacharter(dir.path())
        .args(["audit", "--quiet", "--sheet", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.contains("source,file,criterion,measure,column,value"),
        "{csv}"
    );
    assert!(
        !csv.lines()
            .any(|line| line.ends_with(",1") || line.ends_with(",2")),
        "{csv}"
    );
}
