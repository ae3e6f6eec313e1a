//! `datacharter register`: snapshots of every format on the Quatre Saisons example, the CSV read
//! back by a real CSV parser, the JSON contract, a small workspace that exercises what the
//! example does not (sensitive data, transfers, an external DPO, lint errors), and the command
//! line (`--output`, `--force`, `--locale`).

#[path = "common/repository.rs"]
mod repository;

use assert_cmd::Command;
use datacharter::commands::register::{RegisterArgs, build_register, run};
use datacharter::export::register::{Format, Register, StatusLevel, render};
use datacharter::i18n::Locale;
use repository::copy_dir;
use std::fs;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-28";

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join("quatre-saisons")
}

fn args(path: &Path, locale: Locale) -> RegisterArgs {
    RegisterArgs {
        path: Some(path.to_path_buf()),
        format: Format::Markdown,
        output: None,
        force: false,
        locale: Some(locale),
        config: None,
        no_config: false,
        with_findings: false,
    }
}

fn register_of(path: &Path, locale: Locale) -> Register {
    let today = TODAY.parse().expect("a date");
    build_register(&args(path, locale), today).expect("the workspace loads")
}

/// The register with `--with-findings`: each sheet's status and the annex of open findings.
fn register_with_findings(path: &Path, locale: Locale) -> Register {
    let today = TODAY.parse().expect("a date");
    let mut args = args(path, locale);
    args.with_findings = true;
    build_register(&args, today).expect("the workspace loads")
}

fn sheet<'r>(register: &'r Register, id: &str) -> &'r datacharter::export::register::Sheet {
    register
        .processings
        .iter()
        .find(|sheet| sheet.id == id)
        .unwrap_or_else(|| panic!("no sheet {id}"))
}

fn datacharter() -> Command {
    let mut command = Command::cargo_bin("datacharter").expect("binary is built");
    command
        .env("DATACHARTER_TODAY", TODAY)
        .env("LANG", "C")
        .env_remove("LC_ALL");
    command
}

/// A small workspace with what the example lacks: special-category data with its Art. 9(2)
/// exception, a transfer outside the EEA, an external recipient and DPO, a joint controller,
/// a processing with no category, and findings.
const SMALL: &[(&str, &str)] = &[
    ("datacharter.yaml", "datacharter: 1\n"),
    (
        "organisation.yaml",
        "kind: organisation\nid: festival\nname: \"Festival \\\"Jazz | Blues\\\", Lyon\"\nlegal_form: association\n\
         country: FR\ncontact: { email: contact@festival.example, address: \"2 quai Saint-Antoine, 69002 Lyon\" }\n\
         people:\n  - { id: dmoreau, name: Denis Moreau, functions: [director] }\n",
    ),
    (
        "charter.yaml",
        "kind: charter\ndpo: { party: cabinet-dpo, published: true, declared_to_authority: true }\n",
    ),
    (
        "parties.yaml",
        "kind: party\nid: cabinet-dpo\nname: Cabinet DPO Conseil\nroles: [vendor]\ncountry: FR\n\
         contact: { email: dpo@cabinet.example }\n---\n\
         kind: party\nid: mailer\nname: Mailer Inc.\nroles: [processor]\ncountry: US\n\
         dpa: { signed: 2025-01-10, expires: 2028-01-10 }\n---\n\
         kind: party\nid: ville\nname: Ville de Lyon\nroles: [joint-controller, recipient]\ncountry: FR\n\
         arrangement: \"Convention 2026-12\"\n",
    ),
    (
        "sources.yaml",
        "kind: source\nid: forms\nname: Formulaires d'inscription\ntype: survey\nowner: dmoreau\n\
         hosting: { country: FR }\ndata_subjects: [spectators]\nfields:\n\
         \x20 - { name: nom, category: identity.name }\n\
         \x20 - { name: email, category: identity.email }\n\
         \x20 - { name: regime_medical, category: special.health }\n",
    ),
    (
        "processings.yaml",
        "kind: processing\nid: festival-care\nname: Accueil médical du festival\npurpose: accessibility-services\n\
         description: \"First aid, with the allergies a volunteer must know about\"\nlegal_basis: consent\n\
         consent: { mechanism: signed-form, explicit: true, record: \"signed forms in the office\", withdrawal: \"by email\" }\n\
         data_subjects: [spectators]\ndata_categories: [identity.name, identity.email, special.health]\n\
         art9_exception: { basis: a, description: \"explicit consent on the form\" }\n\
         sources: [forms]\nrecipients: { internal: [director], external: [ville] }\nprocessors: [mailer]\n\
         joint_controllers: [ville]\n\
         transfers:\n  - { country: US, recipient: mailer, safeguard: scc, reference: \"SCC 2021/914, module 2\" }\n\
         retention:\n  - { categories: [identity], duration: 1y, from: event, then: delete }\n\
         \x20 - { categories: [special.health], duration: 30d, from: event, then: delete }\n\
         security: [access-control, encryption-at-rest]\nowner: dmoreau\n\
         dpia: { status: done, date: 2026-03-01, reference: \"AIPD-2026-01\" }\nlast_reviewed: 2026-03-01\n\
         ---\nkind: processing\nid: empty-shell\nname: Traitement à compléter\n",
    ),
];

fn small_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in SMALL {
        fs::write(dir.path().join(name), text).expect("write fixture");
    }
    dir
}

#[test]
fn snapshot_every_format_of_the_example() {
    let english = register_of(&example(), Locale::En);
    let french = register_of(&example(), Locale::Fr);
    insta::assert_snapshot!("example_markdown_en", render(&english, Format::Markdown));
    insta::assert_snapshot!("example_markdown_fr", render(&french, Format::Markdown));
    insta::assert_snapshot!("example_html_fr", render(&french, Format::Html));
    insta::assert_snapshot!("example_csv_en", render(&english, Format::Csv));
    insta::assert_snapshot!("example_json_en", render(&english, Format::Json));
}

#[test]
fn the_cover_lists_every_processing_with_a_stable_number_and_no_lint_status() {
    let register = register_of(&example(), Locale::En);
    assert_eq!(
        register.controller.name.as_deref(),
        Some("Théâtre des Quatre Saisons")
    );
    let dpo = register.dpo.as_ref().expect("the example has a DPO");
    assert_eq!(dpo.name.as_deref(), Some("Émilie Dubois"));
    assert_eq!(
        dpo.email.as_deref(),
        Some("dpo@quatre-saisons.example"),
        "the charter's contact wins"
    );
    assert_eq!(register.processings.len(), 9);
    assert_eq!(register.summary.processings, 9);
    let markdown = render(&register, Format::Markdown);
    for sheet in &register.processings {
        assert!(
            markdown.contains(&format!("## No. {} — {}", sheet.number, sheet.name)),
            "{}",
            sheet.id
        );
        assert_eq!(
            sheet.status, None,
            "no lint status by default: {}",
            sheet.id
        );
    }
    assert!(!markdown.contains("Lint status") && !markdown.contains("compliant"));
    let numbers: Vec<u32> = register.processings.iter().map(|s| s.number).collect();
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(numbers, sorted, "sheets in number order, no number twice");

    let checked = register_with_findings(&example(), Locale::En);
    for sheet in &checked.processings {
        let status = sheet
            .status
            .as_ref()
            .expect("a status with --with-findings");
        assert_eq!(status.level, StatusLevel::Ok, "{}: {status:?}", sheet.id);
    }
    let ticket_sales = register
        .processings
        .iter()
        .find(|sheet| sheet.id == "ticket-sales")
        .expect("ticket-sales");
    let card = ticket_sales
        .categories
        .iter()
        .find(|c| c.id == "payment.card-number")
        .expect("card number");
    assert_eq!(card.label, "Card number", "the taxonomy's English label");
    assert!(
        card.retention[0].starts_with("13 months from the debit, then deletion"),
        "{:?}",
        card.retention
    );
}

#[test]
fn french_uses_the_taxonomy_labels_and_the_french_catalogue() {
    let register = register_of(&example(), Locale::Fr);
    let markdown = render(&register, Format::Markdown);
    assert!(
        markdown.starts_with("# Registre des activités de traitement"),
        "{markdown}"
    );
    assert!(
        markdown.contains("Adresse électronique"),
        "category label from the taxonomy"
    );
    assert!(markdown.contains("3 ans à compter de la fin du contrat, puis suppression"));
    assert!(
        !markdown.contains("Record of processing"),
        "no English heading left"
    );
}

#[test]
fn sensitive_data_transfers_and_findings_are_shown() {
    let dir = small_workspace();
    let register = register_of(dir.path(), Locale::En);
    assert_eq!(
        register.controller.name.as_deref(),
        Some("Festival \"Jazz | Blues\", Lyon")
    );
    let dpo = register.dpo.as_ref().expect("an external DPO");
    assert_eq!(
        (dpo.kind.id.as_str(), dpo.name.as_deref()),
        ("external", Some("Cabinet DPO Conseil"))
    );
    assert_eq!(dpo.email.as_deref(), Some("dpo@cabinet.example"));

    let care = sheet(&register, "festival-care");
    let sensitive: Vec<&str> = care.sensitive_categories().map(|c| c.id.as_str()).collect();
    assert_eq!(sensitive, ["special.health"]);
    let ordinary: Vec<&str> = care.ordinary_categories().map(|c| c.id.as_str()).collect();
    assert_eq!(ordinary, ["identity.name", "identity.email"]);
    assert_eq!(
        care.categories[2].retention,
        ["30 days from the event, then deletion"]
    );
    assert_eq!(
        care.transfers[0].safeguard.as_ref().map(|s| s.id.as_str()),
        Some("scc")
    );
    assert_eq!(
        care.recipients.external[0].name.as_deref(),
        Some("Ville de Lyon")
    );
    assert_eq!(care.joint_controllers[0].id, "ville");

    let checked = register_with_findings(dir.path(), Locale::En);
    let shell = sheet(&checked, "empty-shell");
    let status = shell
        .status
        .as_ref()
        .expect("a status with --with-findings");
    assert_eq!(status.level, StatusLevel::Errors, "{status:?}");
    assert!(status.errors > 0);
    assert!(!shell.findings.is_empty());

    let markdown = render(&register, Format::Markdown);
    let sensitive_section = markdown.find("### Sensitive data").expect("the section");
    let health_row = markdown
        .find("| Health")
        .or_else(|| markdown.find("| health"))
        .unwrap_or(0);
    assert!(
        health_row > sensitive_section,
        "special.health is set apart in its own table"
    );
    assert!(markdown.contains("Standard contractual clauses (Art. 46(2)(c))"));
    assert!(markdown.contains("SCC 2021/914, module 2"));
    assert!(
        markdown.contains("Festival \"Jazz \\| Blues\", Lyon"),
        "a | cannot break a table"
    );

    let html = render(&register, Format::Html);
    assert!(html.contains("Festival &quot;Jazz | Blues&quot;, Lyon"));
    assert!(
        !html.contains("class=\"status status-errors\""),
        "no lint status by default"
    );
    assert!(render(&checked, Format::Html).contains("class=\"status status-errors\""));
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains(" src="));
    assert!(html.contains("page-break-before: always"));
}

#[test]
fn csv_has_one_row_per_processing_and_category() {
    let register = register_of(&example(), Locale::Fr);
    let text = render(&register, Format::Csv);
    assert!(text.ends_with("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("a header row").clone();
    assert_eq!(&headers[0], "Identifiant du traitement");
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    let expected: usize = register
        .processings
        .iter()
        .map(|s| s.categories.len().max(1))
        .sum();
    assert_eq!(rows.len(), expected);
    for row in &rows {
        assert_eq!(row.len(), headers.len());
    }
    let card = rows
        .iter()
        .find(|row| &row[0] == "ticket-sales" && &row[6] == "payment.card-number")
        .expect("a row for the card number of ticket sales");
    assert_eq!(&card[1], "Vente de billets");
    assert!(
        card[9].starts_with("13 mois à compter du débit, puis suppression"),
        "{}",
        &card[9]
    );

    // Quotes, commas and a processing without category survive the round trip.
    let dir = small_workspace();
    let text = render(&register_of(dir.path(), Locale::En), Format::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    assert_eq!(
        rows.len(),
        4,
        "three categories, plus one row for the processing without any"
    );
    let shell = rows
        .iter()
        .find(|row| &row[0] == "empty-shell")
        .expect("a row for the processing without category");
    assert_eq!(&shell[6], "");
    assert!(
        rows.iter()
            .any(|row| row[12].contains("Ville de Lyon (France)")),
        "countries in words"
    );
}

#[test]
fn json_follows_the_documented_contract() {
    let register = register_of(&example(), Locale::En);
    let value: serde_json::Value =
        serde_json::from_str(&render(&register, Format::Json)).expect("valid JSON");
    assert_eq!(value["version"], 2);
    assert_eq!(value["locale"], "en");
    assert_eq!(value["date"], TODAY);
    assert_eq!(value["controller"]["name"], "Théâtre des Quatre Saisons");
    let processings = value["processings"].as_array().expect("a list");
    assert_eq!(processings.len(), 9);
    for sheet in processings {
        for key in [
            "id",
            "name",
            "number",
            "partial",
            "purpose",
            "legal_basis",
            "categories",
            "retention",
            "dpia",
        ] {
            assert!(sheet.get(key).is_some(), "{key} in {}", sheet["id"]);
        }
        assert!(sheet.get("status").is_none(), "no lint status by default");
    }
    let checked = register_with_findings(&example(), Locale::En);
    let value: serde_json::Value =
        serde_json::from_str(&render(&checked, Format::Json)).expect("valid JSON");
    for sheet in value["processings"].as_array().expect("a list") {
        assert!(
            ["ok", "warnings", "errors"].contains(&sheet["status"]["level"].as_str().unwrap_or(""))
        );
    }
}

#[test]
fn a_sheet_number_does_not_shift_when_a_processing_is_added() {
    let before = register_of(&example(), Locale::En);
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&example(), dir.path());
    fs::write(
        dir.path().join("processings/aaa-first.yaml"),
        "kind: processing\nid: aaa-first\nname: Un traitement de plus\n",
    )
    .expect("write");
    let after = register_of(dir.path(), Locale::En);
    assert_eq!(after.processings.len(), before.processings.len() + 1);
    for sheet in &before.processings {
        assert_eq!(
            self::sheet(&after, &sheet.id).number,
            sheet.number,
            "{}",
            sheet.id
        );
    }
}

#[test]
fn a_processing_with_schema_errors_is_listed_with_a_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&example(), dir.path());
    let path = dir.path().join("processings/newsletter.yaml");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(
        &path,
        text.replacen("legal_basis: consent", "legal_basis: consentement", 1),
    )
    .expect("write");
    let register = register_of(dir.path(), Locale::Fr);
    let newsletter = sheet(&register, "newsletter");
    assert!(newsletter.partial);
    assert_eq!(
        newsletter.legal_basis, None,
        "the invalid value is not shown"
    );
    assert!(!newsletter.categories.is_empty(), "what could be read is");
    let markdown = render(&register, Format::Markdown);
    assert!(markdown.contains("Le document de ce traitement comporte des erreurs"));
    assert_eq!(register.processings.len(), 9);
}

#[test]
fn the_legal_document_shows_no_file_path_and_prints_a_running_footer() {
    let register = register_of(&example(), Locale::Fr);
    for format in [Format::Markdown, Format::Html] {
        let text = render(&register, format);
        for path in ["processings/", "sources/", ".yaml"] {
            assert!(!text.contains(path), "{path} in the {format:?} register");
        }
    }
    let html = render(&register, Format::Html);
    assert!(html.contains("@bottom-left { content: \"Théâtre des Quatre Saisons — registre des activités de traitement — édition du 28 novembre 2026\"; }"), "{html}");
    assert!(html.contains("counter(page)") && html.contains("counter(pages)"));
    assert!(html.contains("1er février 2024"), "dates in words");
}

#[test]
fn the_findings_annex_counts_those_of_the_sources_and_parties() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&example(), dir.path());
    // A source of the newsletter loses its review date: the finding is on the source.
    let path = dir.path().join("sources/emailing.yaml");
    let text = fs::read_to_string(&path).expect("read");
    let kept: String = text
        .lines()
        .filter(|line| !line.starts_with("last_reviewed:"))
        .map(|line| format!("{line}\n"))
        .collect();
    fs::write(&path, kept).expect("write");
    let register = register_with_findings(dir.path(), Locale::Fr);
    let newsletter = sheet(&register, "newsletter");
    assert!(
        newsletter.findings.iter().any(|f| f.code == "DC901"),
        "{:?}",
        newsletter.findings
    );
    let markdown = render(&register, Format::Markdown);
    assert!(markdown.contains("Annexe — constats ouverts du contrôle"));
    assert!(
        !render(&register_of(dir.path(), Locale::Fr), Format::Markdown)
            .contains("Annexe — constats ouverts")
    );
}

#[test]
fn run_writes_the_file_and_never_overwrites_without_force() {
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("register.json");
    let mut arguments = args(&example(), Locale::En);
    arguments.format = Format::Json;
    arguments.output = Some(target.clone());
    run(&arguments).expect("written");
    let written: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&target).expect("the file")).expect("JSON");
    assert_eq!(written["processings"].as_array().map(Vec::len), Some(9));

    fs::write(&target, "kept").expect("overwrite by hand");
    let refused = run(&arguments)
        .map(|_| ())
        .map_err(|error| error.to_string());
    assert!(
        refused.as_ref().is_err_and(|e| e.contains("--force")),
        "{refused:?}"
    );
    assert_eq!(fs::read_to_string(&target).expect("still there"), "kept");

    arguments.force = true;
    run(&arguments).expect("forced");
    assert!(
        fs::read_to_string(&target)
            .expect("replaced")
            .starts_with('{')
    );
    let leftovers = fs::read_dir(out.path()).expect("list").count();
    assert_eq!(leftovers, 1, "no temporary file left behind");
}

#[test]
fn cli_writes_the_register_and_refuses_to_overwrite() {
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("registre.html");
    datacharter()
        .args(["register", "--format", "html", "--locale", "fr", "--output"])
        .arg(&target)
        .arg(example())
        .assert()
        .success();
    let first = fs::read_to_string(&target).expect("written");
    assert!(first.contains("<html lang=\"fr\">"));
    assert!(first.contains("Registre des activités de traitement"));

    fs::write(&target, "kept").expect("overwrite by hand");
    datacharter()
        .args(["register", "--format", "html", "--output"])
        .arg(&target)
        .arg(example())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--force"));
    assert_eq!(fs::read_to_string(&target).expect("still there"), "kept");

    datacharter()
        .args(["register", "--format", "html", "--force", "--output"])
        .arg(&target)
        .arg(example())
        .assert()
        .success();
    assert!(
        fs::read_to_string(&target)
            .expect("replaced")
            .contains("<!DOCTYPE html>")
    );
}

#[test]
fn cli_prints_markdown_by_default_and_follows_lang() {
    let english = datacharter()
        .arg("register")
        .arg(example())
        .assert()
        .success();
    let english = String::from_utf8_lossy(&english.get_output().stdout).into_owned();
    assert!(
        english.starts_with("# Record of processing activities"),
        "{english}"
    );

    let french = datacharter()
        .env("LANG", "fr_FR.UTF-8")
        .args(["register", "--format", "csv"])
        .arg(example())
        .assert()
        .success();
    let french = String::from_utf8_lossy(&french.get_output().stdout).into_owned();
    assert!(french.starts_with("Identifiant du traitement,"), "{french}");
}

/// The controller's representative (Art. 27, 30(1)(a)) and identifiers, and each sheet's
/// creation date, in every format and both languages. The controller is established outside
/// the Union (a Geneva touring company), the one case where a representative is named.
#[test]
fn representative_identifiers_and_creation_date_in_every_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("datacharter.yaml"), "datacharter: 1\n").expect("write");
    fs::write(
        dir.path().join("organisation.yaml"),
        "kind: organisation\nid: compagnie\nname: Compagnie du Léman\nlegal_form: association\ncountry: CH\n\
         contact: { email: contact@leman.example }\n\
         identifiers:\n  - { scheme: rna, value: \"W690000000\" }\n  - { scheme: che-uid, value: \"CHE-000.000.000\" }\n\
         representative: { name: Cabinet Représentant Lyon, email: rep@cabinet.example, address: \"3 place Bellecour, 69002 Lyon\" }\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("processings.yaml"),
        "kind: processing\nid: tour\nname: Tournée\ncreated: 2024-03-01\nlast_reviewed: 2026-02-01\n",
    )
    .expect("write");
    for locale in [Locale::En, Locale::Fr] {
        let register = register_of(dir.path(), locale);
        let (representative, rna, created) = match locale {
            Locale::En => (
                "Representative in the EU (Art. 27)",
                "RNA number W690000000",
                "1 March 2024",
            ),
            Locale::Fr => (
                "Représentant dans l'UE (art. 27)",
                "n° RNA W690000000",
                "1er mars 2024",
            ),
        };
        let contact =
            "Cabinet Représentant Lyon, 3 place Bellecour, 69002 Lyon, rep@cabinet.example";
        for format in [Format::Markdown, Format::Html] {
            let text = render(&register, format);
            for expected in [
                representative,
                contact,
                rna,
                "che-uid CHE-000.000.000",
                created,
            ] {
                assert!(text.contains(expected), "{locale:?} {format:?}: {expected}");
            }
        }
        let csv = render(&register, Format::Csv);
        for expected in [contact, rna, "2024-03-01"] {
            assert!(csv.contains(expected), "{locale:?} csv: {expected}");
        }
        let json: serde_json::Value =
            serde_json::from_str(&render(&register, Format::Json)).expect("JSON");
        let controller = &json["controller"];
        assert_eq!(
            controller["representative"]["name"],
            "Cabinet Représentant Lyon"
        );
        assert_eq!(controller["identifiers"][0]["scheme"]["id"], "rna");
        assert_eq!(controller["identifiers"][1]["value"], "CHE-000.000.000");
        assert_eq!(json["processings"][0]["created"], "2024-03-01");
    }
    // A controller in the Union has no representative line.
    let example = render(&register_of(&example(), Locale::En), Format::Markdown);
    assert!(!example.contains("Representative in the EU"));
    assert!(example.contains("SIRET number 000 000 000 00017"));
}

/// The security groups are the governance pack's reference data: a workspace pack places its
/// own measure, and the register lists it in that group.
#[test]
fn a_workspace_pack_places_its_own_security_measure() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("datacharter.yaml"), "datacharter: 1\n").expect("write");
    fs::write(
        dir.path().join("house.yaml"),
        "kind: policy\nid: house\nrisk:\n  security_groups:\n    - { measure: coffre-fort, group: encryption }\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("processings.yaml"),
        "kind: processing\nid: tour\nname: Tournée\nsecurity: [coffre-fort, mfa, badge]\n",
    )
    .expect("write");
    let register = register_of(dir.path(), Locale::En);
    let groups: Vec<(&str, &str)> = sheet(&register, "tour")
        .security
        .iter()
        .map(|m| (m.id.as_str(), m.group.id.as_str()))
        .collect();
    assert_eq!(
        groups,
        [
            ("coffre-fort", "encryption"),
            ("mfa", "access"),
            ("badge", "other")
        ]
    );
    let text = render(&register, Format::Markdown);
    assert!(
        text.contains("- **Data encryption**: coffre-fort"),
        "{text}"
    );
    assert!(text.contains("- **Other measures**: badge"), "{text}");
}
