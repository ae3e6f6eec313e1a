//! `datacharter map` on the Quatre Saisons example: snapshots of every format, the CSV read
//! back by a real CSV parser, the HTML page opened in headless Chromium, and the command line.

#[path = "common/chromium.rs"]
mod chromium;
#[path = "common/tools.rs"]
mod tools;

use assert_cmd::Command;
use datacharter::commands::map::{MapArgs, data_map};
use datacharter::export::map::{DataMap, Format, render};
use datacharter::i18n::Locale;
use std::fs;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-28";

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join("quatre-saisons")
}

fn args(locale: Locale) -> MapArgs {
    MapArgs {
        path: Some(example()),
        format: None,
        output: None,
        force: false,
        locale: Some(locale),
        config: None,
        no_config: false,
    }
}

fn example_map(locale: Locale) -> DataMap {
    let today = TODAY.parse().expect("a date");
    data_map(&args(locale), today).expect("the example loads")
}

fn datacharter() -> Command {
    let mut command = Command::cargo_bin("datacharter").expect("binary is built");
    command.env("DATACHARTER_TODAY", TODAY).env("LANG", "C");
    command
}

#[test]
fn the_example_has_the_guides_table() {
    let map = example_map(Locale::En);
    let kinds: Vec<&str> = map.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "ticketing",
            "crm",
            "website",
            "analytics",
            "emailing",
            "invitations",
            "accounting"
        ],
        "the guide's columns: ticketing, CRM, website and analytics, marketing platform, spreadsheet"
    );
    let families: Vec<&str> = map.families.iter().map(|f| f.id.as_str()).collect();
    for family in [
        "identity",
        "professional-life",
        "payment",
        "transaction",
        "relationship",
    ] {
        assert!(families.contains(&family), "{family} in {families:?}");
    }
    let ticketing = &map.sources[0];
    assert!(
        ticketing
            .processings
            .iter()
            .any(|(id, _)| id == "ticket-sales")
    );
}

#[test]
fn snapshot_text() {
    insta::assert_snapshot!("text_en", render(&example_map(Locale::En), Format::Text));
    insta::assert_snapshot!("text_fr", render(&example_map(Locale::Fr), Format::Text));
}

/// The broken example shows the flagged cells: DC2xx on sources, DC801 on processings…
#[test]
fn snapshot_text_with_flags() {
    let mut broken = args(Locale::En);
    broken.path = Some(example().with_file_name("broken"));
    let map = data_map(&broken, TODAY.parse().expect("a date")).expect("the example loads");
    assert!(!map.flagged_cells().is_empty());
    let text = render(&map, Format::Text);
    for line in text.lines() {
        assert!(line.chars().count() <= 100, "{line:?}");
    }
    insta::assert_snapshot!("text_broken_en", text);
}

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!(
        "markdown_en",
        render(&example_map(Locale::En), Format::Markdown)
    );
    insta::assert_snapshot!(
        "markdown_fr",
        render(&example_map(Locale::Fr), Format::Markdown)
    );
}

#[test]
fn snapshot_html() {
    insta::assert_snapshot!("html_fr", render(&example_map(Locale::Fr), Format::Html));
}

#[test]
fn snapshot_csv() {
    insta::assert_snapshot!("csv_en", render(&example_map(Locale::En), Format::Csv));
}

#[test]
fn text_fits_in_100_columns() {
    for locale in Locale::ALL {
        let text = render(&example_map(locale), Format::Text);
        for line in text.lines() {
            assert!(line.chars().count() <= 100, "{locale}: {line:?}");
        }
    }
}

#[test]
fn csv_reads_back_as_the_matrix() {
    let map = example_map(Locale::Fr);
    let text = render(&map, Format::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("a header row").clone();
    assert_eq!(headers.len(), 4 + map.sources.len());
    assert_eq!(&headers[1], "Identifiant de catégorie");
    for (header, source) in headers.iter().skip(4).zip(&map.sources) {
        assert_eq!(header, source.name);
    }
    let records: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    assert_eq!(
        records.len(),
        map.rows().count() + 1,
        "one record per category, then the processings"
    );
    for (record, row) in records.iter().zip(map.rows()) {
        assert_eq!(&record[1], row.category);
        assert_eq!(&record[2], row.label);
        for (value, cell) in record.iter().skip(4).zip(&row.cells) {
            assert_eq!(
                value.split(' ').next() == Some("x"),
                cell.held(),
                "{} {value:?}",
                row.category
            );
            let codes: Vec<&str> = value
                .split(' ')
                .filter(|part| *part != "x" && !part.is_empty())
                .collect();
            let expected = cell.codes();
            assert_eq!(codes, expected);
        }
    }
    let name = records
        .iter()
        .find(|r| &r[1] == "identity.name")
        .expect("a name row");
    assert_eq!(&name[4], "x", "the ticketing tool holds names");
    let last = records.last().expect("the processings row");
    assert_eq!(&last[0], "Traitements");
    assert!(last[4].contains("ticket-sales"));
}

#[test]
fn html_renders_in_headless_chromium() {
    let Some(binary) = chromium::binary() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs chromium (.ci/run)"
        );
        return chromium::skip("html_renders_in_headless_chromium");
    };
    let artifacts = chromium::artifacts_dir();
    fs::create_dir_all(&artifacts).expect("artifact folder");
    let today = TODAY.parse().expect("a date");
    for (name, locale) in [("quatre-saisons", Locale::Fr), ("broken", Locale::En)] {
        let mut example_args = args(locale);
        example_args.path = Some(example().with_file_name(name));
        let map = data_map(&example_args, today).expect("the example loads");
        let page = artifacts.join(format!("map-{name}.html"));
        fs::write(&page, render(&map, Format::Html)).expect("write page");
        let rendered =
            chromium::open(&binary, &page, &format!("map-{name}")).expect("chromium runs");
        let console = &rendered.console;
        assert!(console.is_empty(), "{name}: console messages: {console:#?}");
        let png = fs::read(&rendered.screenshot).expect("a screenshot was taken");
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 10_000,
            "{name}: a real screenshot ({} bytes)",
            png.len()
        );
        let dom = &rendered.dom;
        assert!(
            dom.contains("<table class=\"map\">"),
            "{name}: the table is in the rendered page"
        );
        assert_eq!(
            dom.matches("<th scope=\"col\" id=\"source-").count(),
            map.sources.len()
        );
        eprintln!("screenshot kept at {}", rendered.screenshot.display());
    }
}

// The command line. These run `datacharter map`, which the lead wires into src/cli.rs.

#[test]
fn cli_prints_the_text_map() {
    let output = datacharter()
        .arg("map")
        .arg(example())
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.starts_with("Data map — Théâtre des Quatre Saisons"),
        "{text}"
    );
}

#[test]
fn cli_speaks_french_with_locale_or_lang() {
    let flag = datacharter()
        .args(["map", "--locale", "fr"])
        .arg(example())
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&flag.stdout).starts_with("Cartographie des données"));
    let lang = datacharter()
        .env("LANG", "fr_FR.UTF-8")
        .arg("map")
        .arg(example())
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&lang.stdout).starts_with("Cartographie des données"));
}

#[test]
fn cli_writes_once_and_needs_force_to_replace() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("carto.csv");
    let first = datacharter()
        .arg("map")
        .arg(example())
        .arg("--output")
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let written = fs::read_to_string(&file).expect("written");
    assert!(
        written.starts_with("Family,Category id,"),
        "the .csv extension chose the format"
    );
    fs::write(&file, "mine").expect("overwrite");
    let refused = datacharter()
        .arg("map")
        .arg(example())
        .arg("--output")
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert_eq!(fs::read_to_string(&file).expect("kept"), "mine");
    let forced = datacharter()
        .arg("map")
        .arg(example())
        .args(["--format", "markdown", "--force", "--output"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(forced.status.success());
    assert!(
        fs::read_to_string(&file)
            .expect("replaced")
            .starts_with("# Data map")
    );
}

#[test]
fn cli_rejects_an_unknown_locale_and_a_missing_workspace() {
    let bad = datacharter()
        .args(["map", "--locale", "de"])
        .arg(example())
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("`de` is not a supported language"));
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = datacharter()
        .arg("map")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no datacharter.yaml found"));
}

/// A venue with 18 sources: the map prints whole. The print layout cuts the matrix into parts
/// of at most eight sources, each repeating the category column, at a fixed table width; on
/// screen one table scrolls under a sticky category column. Chromium prints it (the PDF and
/// a screenshot are kept under target/test-artifacts/), and when `pdftotext` is installed
/// every source's name is read back from the printed pages.
#[test]
fn an_eighteen_source_map_prints_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = vec![
        ("datacharter.yaml".to_owned(), "datacharter: 1\n".to_owned()),
        (
            "organisation.yaml".to_owned(),
            "kind: organisation\nid: festival\nname: Festival des Dix-Huit Sources\n".to_owned(),
        ),
        (
            "vendor.yaml".to_owned(),
            "kind: party\nid: nuage\nname: Nuage Transatlantique Inc.\nroles: [vendor]\ncountry: US\n"
                .to_owned(),
        ),
    ];
    let categories = [
        "identity.name",
        "identity.email",
        "identity.phone",
        "transaction.order",
        "relationship.purchase-history",
    ];
    for i in 1..=18 {
        let fields: String = categories
            .iter()
            .take(1 + i % categories.len())
            .enumerate()
            .map(|(f, category)| format!("  - {{ name: champ_{f}, category: {category} }}\n"))
            .collect();
        let accessible = if i % 5 == 0 { "false" } else { "true" };
        files.push((
            format!("sources/source-{i:02}.yaml"),
            format!(
                "kind: source\nid: source-{i:02}\nname: Outil numéro {i:02} du festival\ntype: other\n\
                 vendor: nuage\nhosting: {{ country: US, provider: nuage }}\naccessible: {accessible}\n\
                 fields:\n{fields}"
            ),
        ));
    }
    files.push((
        "processings/all.yaml".to_owned(),
        "kind: processing\nid: all\nname: Relations avec le public\nlegal_basis: contract\n\
         data_categories: [identity.name, identity.email]\nsources: [source-01, source-18]\n"
            .to_owned(),
    ));
    for (name, text) in &files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
    let mut map_args = args(Locale::Fr);
    map_args.path = Some(dir.path().to_path_buf());
    let map = data_map(&map_args, TODAY.parse().expect("a date")).expect("the workspace loads");
    assert_eq!(map.sources.len(), 18);
    let html = render(&map, Format::Html);

    // Every source is in exactly one printed part; no part holds more than eight.
    let parts: Vec<&str> = html.split("<div class=\"print").skip(1).collect();
    let matrix_parts: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|part| part.contains("data-source="))
        .collect();
    assert_eq!(matrix_parts.len(), 3, "18 sources in parts of 8, 8 and 2");
    let mut printed = Vec::new();
    for part in &matrix_parts {
        let table = &part[..part.find("</table>").expect("a table")];
        let columns = table.matches("data-source=").count();
        assert!((1..=8).contains(&columns), "{columns} columns in a part");
        assert!(
            table.contains("<th scope=\"col\">Catégorie de données</th>"),
            "each part repeats the category column"
        );
        printed.extend(table.match_indices("data-source=\"").map(|(at, m)| {
            let rest = &table[at + m.len()..];
            rest[..rest.find('"').expect("closing quote")].to_owned()
        }));
    }
    let expected: Vec<String> = (1..=18).map(|i| format!("source-{i:02}")).collect();
    assert_eq!(printed, expected);
    assert!(html.contains("hébergement : États-Unis · éditeur : Nuage Transatlantique Inc."));
    assert_eq!(
        html.matches("<span class=\"tag locked\">non accessible</span>")
            .count(),
        3 * 2,
        "sources 5, 10 and 15 are marked, on screen and in print"
    );
    assert!(html.contains("position: sticky; left: 0"));
    assert!(html.contains("Traitements × catégories de données"));
    assert!(html.contains("data-processing=\"all\""));

    let Some(binary) = chromium::binary() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs chromium (.ci/run)"
        );
        return chromium::skip("an_eighteen_source_map_prints_whole");
    };
    let artifacts = chromium::artifacts_dir();
    fs::create_dir_all(&artifacts).expect("artifact folder");
    let page = artifacts.join("map-18-sources.html");
    fs::write(&page, &html).expect("write page");
    let rendered = chromium::open(&binary, &page, "map-18-sources").expect("chromium runs");
    assert!(rendered.console.is_empty(), "{:#?}", rendered.console);
    assert!(
        rendered.printed_pages >= 4,
        "three matrix parts and the processings view: {} pages",
        rendered.printed_pages
    );
    let pdf = artifacts.join("map-18-sources.pdf");
    if let Ok(output) = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
    {
        let text = String::from_utf8_lossy(&output.stdout);
        for i in 1..=18 {
            assert!(
                text.contains(&format!("Outil numéro {i:02}")),
                "source {i} missing from the printed pages"
            );
        }
    }
}

/// A source whose document has a schema error still has its column, marked as partly read.
#[test]
fn a_source_with_a_schema_error_keeps_its_column_marked_partly_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example(), dir.path());
    let path = dir.path().join("sources/crm.yaml");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(
        &path,
        text.replacen("accessible: true", "accessible: yes", 1),
    )
    .expect("write");
    let mut map_args = args(Locale::Fr);
    map_args.path = Some(dir.path().to_path_buf());
    let map = data_map(&map_args, TODAY.parse().expect("a date")).expect("the workspace loads");
    let at = map
        .sources
        .iter()
        .position(|source| source.id == "crm")
        .expect("the crm column");
    assert!(map.sources[at].partial);
    assert!(
        map.rows().any(|row| row.cells[at].held()),
        "its fields are still read"
    );
    let html = render(&map, Format::Html);
    assert!(html.contains("<span class=\"tag\">lecture partielle</span>"));
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}
