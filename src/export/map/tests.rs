use super::*;
use crate::lint::{Options, lint_inputs};
use crate::rules::Selection;

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 28)
}

/// A small workspace: a ticketing tool and a forgotten spreadsheet, one processing.
const WORKSPACE: &str = "\
kind: organisation
id: theatre
name: Théâtre \"Test\" & <Co>
contact: { email: contact@example.org }
---
kind: source
id: sheet
name: Tableur, invitations
type: spreadsheet
data_subjects: [spectators]
fields:
  - { name: nom, category: identity.name }
  - { name: handicap, category: special.health }
---
kind: source
id: box-office
name: =Billetterie
type: ticketing
fields:
  - { name: nom, category: identity.name }
  - { name: email, category: identity.email }
  - { name: commandes, category: transaction.order }
---
kind: processing
id: ticket-sales
name: Vente de billets
data_categories: [identity.name, transaction, payment.card-number]
sources: [box-office]
";

fn map(locale: Locale) -> DataMap {
    let mut options = Options::new(
        Selection::only(&["DC503", "DC801", "DC802", "DC204"]),
        today(),
    );
    options.locale = locale;
    let inputs = vec![(
        "workspace.yaml".to_owned(),
        Ok(WORKSPACE.as_bytes().to_vec()),
    )];
    let outcome = lint_inputs(inputs, "datacharter.yaml", &options).expect("built-in packs load");
    DataMap::build(&outcome, locale, today())
}

fn row<'m>(map: &'m DataMap, category: &str) -> &'m Row {
    map.rows()
        .find(|row| row.category == category)
        .unwrap_or_else(|| panic!("no row {category}"))
}

fn codes(cell: &Cell) -> Vec<&str> {
    cell.flags.iter().map(|flag| flag.code.as_str()).collect()
}

#[test]
fn columns_follow_the_guide_and_rows_the_taxonomy() {
    let map = map(Locale::En);
    let ids: Vec<&str> = map.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["box-office", "sheet"],
        "ticketing comes before spreadsheets"
    );
    let families: Vec<&str> = map.families.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(families, ["identity", "payment", "transaction", "special"]);
    let identity: Vec<&str> = map.families[0]
        .rows
        .iter()
        .map(|r| r.category.as_str())
        .collect();
    assert_eq!(
        identity,
        ["identity.name", "identity.email"],
        "the taxonomy's order, not the alphabet"
    );
    assert_eq!(map.families[0].label, "Identity and contact details");
    assert_eq!(
        map.sources[0].processings,
        [("ticket-sales".to_owned(), "Vente de billets".to_owned())]
    );
    assert!(map.sources[1].processings.is_empty());
}

#[test]
fn cells_say_which_source_holds_what() {
    let map = map(Locale::En);
    let name = row(&map, "identity.name");
    assert_eq!(name.cells[0].fields, ["nom"]);
    assert_eq!(name.cells[1].fields, ["nom"]);
    let email = row(&map, "identity.email");
    assert!(email.cells[0].held() && !email.cells[1].held());
}

#[test]
fn findings_land_on_the_cells_they_concern() {
    let map = map(Locale::En);
    // DC503: the email held by the box office is used by no processing (source side).
    assert_eq!(codes(&row(&map, "identity.email").cells[0]), ["DC503"]);
    // DC204 on the spreadsheet's health field; the row is marked sensitive.
    let health = row(&map, "special.health");
    assert_eq!(health.sensitivity, Some(Sensitivity::Art9));
    assert_eq!(codes(&health.cells[1]), ["DC204"]);
    assert!(health.cells[0].flags.is_empty());
    // DC801 (processing side): the card number is held nowhere, so the row exists for the
    // finding alone, flagged on the processing's source and empty.
    let card = row(&map, "payment.card-number");
    assert!(!card.cells[0].held());
    assert_eq!(codes(&card.cells[0]), ["DC801"]);
    assert!(
        card.cells[1].flags.is_empty(),
        "the spreadsheet is not a source of the processing"
    );
    // The processing's `transaction` is held as `transaction.order`: no DC801, no new row.
    assert!(map.rows().all(|row| row.category != "transaction"));
    assert!(codes(&row(&map, "transaction.order").cells[0]).is_empty());
    // DC802 concerns the spreadsheet as a whole: its column.
    let column: Vec<&str> = map.sources[1]
        .flags
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(column, ["DC802"]);
    assert_eq!(map.flagged_cells().len(), 3, "email, health, card");
}

#[test]
fn labels_and_messages_follow_the_locale() {
    let map = map(Locale::Fr);
    assert_eq!(map.families[0].label, "Identité et coordonnées");
    assert_eq!(row(&map, "identity.name").label, "Nom et prénom");
    assert_eq!(map.sources[1].kind, "tableur");
    let text = text::render(&map);
    assert!(
        text.starts_with("Cartographie des données — Théâtre"),
        "{text}"
    );
    assert!(text.contains("Cellules signalées"));
}

#[test]
fn text_stays_within_100_columns_and_splits_many_sources_into_blocks() {
    let mut yaml = String::from("kind: organisation\nid: o\nname: O\n");
    for i in 0..40 {
        yaml.push_str(&format!(
            "---\nkind: source\nid: source-{i}\nname: A source with a rather long name number {i} that goes on and on\ntype: crm\nfields:\n  - {{ name: n, category: professional-life.socio-professional-category }}\n"
        ));
    }
    let options = Options::new(Selection::only(&["DC503"]), today());
    let outcome = lint_inputs(
        vec![("w.yaml".to_owned(), Ok(yaml.into_bytes()))],
        "datacharter.yaml",
        &options,
    )
    .expect("built-in packs load");
    let map = DataMap::build(&outcome, Locale::En, today());
    let text = text::render(&map);
    for line in text.lines() {
        assert!(line.chars().count() <= text::WIDTH, "too wide: {line:?}");
    }
    assert!(text.contains("Sources 1 to "), "{text}");
    assert!(text.contains(" of 40"));
    assert!(
        text.contains(" 40  A source"),
        "every source is in the legend"
    );
}

#[test]
fn markdown_has_one_column_per_source_and_escapes_cells() {
    let map = map(Locale::En);
    let markdown = markdown::render(&map);
    let header = markdown
        .lines()
        .find(|l| l.starts_with("| Data category"))
        .expect("table header");
    assert_eq!(header.matches('|').count(), 4, "{header}");
    assert!(markdown.contains("\\<Co\\>"), "markup in names is escaped");
    assert!(markdown.contains("| ⚠ Health _(Art. 9)_ |"));
    assert!(markdown.contains("`DC801`"));
}

#[test]
fn html_is_self_contained_and_escaped() {
    let map = map(Locale::En);
    let html = html::render(&map);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Théâtre &quot;Test&quot; &amp; &lt;Co&gt;"));
    assert!(!html.contains("<Co>"));
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "no external resource"
    );
    assert!(html.contains("@media print"));
    assert!(
        html.contains("class=\"held flag-warning\""),
        "DC503 cells are highlighted"
    );
    assert!(
        html.contains("class=\"flag-error\""),
        "DC801's empty cell is highlighted"
    );
}

#[test]
fn csv_quotes_and_defuses_formulas() {
    let map = map(Locale::En);
    let csv = csv::render(&map);
    let header = csv.lines().next().expect("header");
    assert_eq!(
        header,
        "Family,Category id,Data category,Sensitive,'=Billetterie,\"Tableur, invitations\""
    );
    assert!(
        csv.contains("Special categories (Art. 9),special.health,Health,Art. 9,,x DC204\r\n"),
        "{csv}"
    );
    assert!(csv.ends_with("Processings,,,,ticket-sales,\r\n"));
}

#[test]
fn an_empty_workspace_gives_an_empty_map_in_every_format() {
    let options = Options::new(Selection::only(&[]), today());
    let outcome = lint_inputs(
        vec![(
            "o.yaml".to_owned(),
            Ok(b"kind: organisation\nid: o\nname: O\n".to_vec()),
        )],
        "datacharter.yaml",
        &options,
    )
    .expect("built-in packs load");
    let map = DataMap::build(&outcome, Locale::En, today());
    assert!(map.families.is_empty());
    for format in [Format::Text, Format::Markdown, Format::Html] {
        assert!(
            render(&map, format).contains("declares no source"),
            "{format:?}"
        );
    }
    assert_eq!(
        csv::render(&map),
        "Family,Category id,Data category,Sensitive\r\n"
    );
}
