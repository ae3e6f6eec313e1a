//! The data map as CSV (RFC 4180, comma-separated, CRLF line ends) for a spreadsheet: the
//! guide's matrix itself. One row per category — family, category id, label, sensitivity —
//! then one column per source (headed by its name) holding `x` when the source holds the
//! category, followed by the codes of the findings on that cell (`x DC503`, or `DC801` alone
//! when the category is expected but not held). The last row lists each source's processings.

use super::{Cell, DataMap, sensitivity_label};

pub fn render(map: &DataMap) -> String {
    let mut out = String::new();
    let mut header = vec![
        map.text("map.column.family"),
        map.text("map.column.category_id"),
        map.text("map.column.category"),
        map.text("map.column.sensitive"),
    ];
    header.extend(map.sources.iter().map(|source| source.name.clone()));
    record(&mut out, &header);
    for family in &map.families {
        for row in &family.rows {
            let mut fields = vec![
                family.label.clone(),
                row.category.clone(),
                row.label.clone(),
                row.sensitivity
                    .map(|s| sensitivity_label(map.locale, s))
                    .unwrap_or_default(),
            ];
            fields.extend(row.cells.iter().map(mark));
            record(&mut out, &fields);
        }
    }
    if !map.sources.is_empty() {
        let mut fields = vec![
            map.text("map.row.processings"),
            String::new(),
            String::new(),
            String::new(),
        ];
        fields.extend(map.sources.iter().map(|source| {
            let ids: Vec<&str> = source
                .processings
                .iter()
                .map(|(id, _)| id.as_str())
                .collect();
            ids.join(", ")
        }));
        record(&mut out, &fields);
    }
    out
}

fn mark(cell: &Cell) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if cell.held() {
        parts.push("x");
    }
    parts.extend(cell.codes());
    parts.join(" ")
}

fn record(out: &mut String, fields: &[String]) {
    let quoted: Vec<String> = fields.iter().map(|field| quote(field)).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

/// A field is quoted when it holds a comma, a quote or a line break; a formula-looking
/// field (`=`, `+`, `-`, `@`, a tab, a carriage return) gets a leading `'` so a spreadsheet shows it as text
/// (the CSV-injection precaution: names come from the workspace, not from us).
fn quote(field: &str) -> String {
    let field = crate::report::sanitize::csv_cell(field).into_owned();
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}
