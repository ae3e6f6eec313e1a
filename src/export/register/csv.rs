//! `--format csv`: one row per processing × data category, for spreadsheets. RFC 4180: comma
//! separator, CRLF line ends, a field quoted when it holds a comma, a quote or a line break,
//! quotes doubled. Headers are in the register's language. A processing without any category
//! still gets one row (with empty category columns), so that none is lost. The controller's
//! name, identifiers and representative close every row, so a row stands on its own.

use super::model::{Category, Controller, Register, Sheet};
use crate::t;

/// The columns: catalogue key of the header, and the value of a row.
type Column = (&'static str, fn(&Sheet, Option<&Category>) -> String);

const COLUMNS: &[Column] = &[
    ("register.csv.processing_id", |sheet, _| sheet.id.clone()),
    ("register.csv.processing", |sheet, _| sheet.name.clone()),
    ("register.csv.status", |sheet, _| {
        sheet
            .status
            .as_ref()
            .map(|s| s.label.clone())
            .unwrap_or_default()
    }),
    ("register.csv.purpose", |sheet, _| {
        sheet
            .purpose
            .as_ref()
            .map(|p| p.label.clone())
            .unwrap_or_default()
    }),
    ("register.csv.legal_basis", |sheet, _| {
        sheet
            .legal_basis
            .as_ref()
            .map(|b| b.label.clone())
            .unwrap_or_default()
    }),
    ("register.csv.subjects", |sheet, _| {
        list(sheet.data_subjects.iter().map(|s| s.label.clone()))
    }),
    ("register.csv.category_id", |_, category| {
        category.map(|c| c.id.clone()).unwrap_or_default()
    }),
    ("register.csv.category", |_, category| {
        category.map(|c| c.label.clone()).unwrap_or_default()
    }),
    ("register.csv.sensitive", |_, category| {
        category
            .and_then(|c| c.sensitive.as_ref())
            .map(|s| s.label.clone())
            .unwrap_or_default()
    }),
    ("register.csv.retention", |_, category| {
        category.map(|c| c.retention.join("; ")).unwrap_or_default()
    }),
    ("register.csv.sources", |sheet, _| {
        list(sheet.sources.iter().map(|s| s.display()))
    }),
    ("register.csv.internal", |sheet, _| {
        list(sheet.recipients.internal.iter().map(|f| f.label.clone()))
    }),
    ("register.csv.external", |sheet, _| {
        list(sheet.recipients.external.iter().map(|p| p.display()))
    }),
    ("register.csv.processors", |sheet, _| {
        list(sheet.processors.iter().map(|p| p.display()))
    }),
    ("register.csv.transfers", |sheet, _| {
        list(sheet.transfers.iter().map(|transfer| {
            let parts = [
                transfer.country.clone(),
                transfer.recipient.as_ref().map(|p| p.display()),
                transfer.safeguard_display(),
            ];
            parts.into_iter().flatten().collect::<Vec<_>>().join(" — ")
        }))
    }),
    ("register.csv.security", |sheet, _| {
        list(sheet.security.iter().map(|m| m.label.clone()))
    }),
    ("register.csv.dpia", |sheet, _| {
        sheet
            .dpia
            .as_ref()
            .map(|d| d.status.label.clone())
            .unwrap_or_default()
    }),
    ("register.csv.owner", |sheet, _| {
        sheet
            .owner
            .as_ref()
            .map(|o| o.display())
            .unwrap_or_default()
    }),
    ("register.csv.created", |sheet, _| {
        sheet.created.clone().unwrap_or_default()
    }),
    ("register.csv.last_review", |sheet, _| {
        sheet.last_reviewed.clone().unwrap_or_default()
    }),
];

/// The controller's columns, the same on every row, after the processing's.
type ControllerColumn = (&'static str, fn(&Controller) -> String);

const CONTROLLER: &[ControllerColumn] = &[
    ("register.csv.controller", |c| {
        c.name.clone().unwrap_or_default()
    }),
    ("register.csv.identifiers", |c| {
        c.identifiers_display().unwrap_or_default()
    }),
    ("register.csv.representative", |c| {
        c.representative
            .as_ref()
            .map(|r| r.display())
            .unwrap_or_default()
    }),
];

pub fn render(register: &Register) -> String {
    let locale = register.language;
    let mut out = String::new();
    let header: Vec<String> = COLUMNS
        .iter()
        .map(|(key, _)| t!(locale, key))
        .chain(CONTROLLER.iter().map(|(key, _)| t!(locale, key)))
        .collect();
    let controller: Vec<String> = CONTROLLER
        .iter()
        .map(|(_, value)| value(&register.controller))
        .collect();
    push_record(&mut out, &header);
    for sheet in &register.processings {
        let categories: Vec<Option<&Category>> = if sheet.categories.is_empty() {
            vec![None]
        } else {
            sheet.categories.iter().map(Some).collect()
        };
        for category in categories {
            let record: Vec<String> = COLUMNS
                .iter()
                .map(|(_, value)| value(sheet, category))
                .chain(controller.iter().cloned())
                .collect();
            push_record(&mut out, &record);
        }
    }
    out
}

/// Several values in one cell.
fn list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

fn push_record(out: &mut String, fields: &[String]) {
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push_str("\r\n");
}

fn push_field(out: &mut String, field: &str) {
    // A cell that a spreadsheet would read as a formula is made text first.
    let field = crate::report::sanitize::csv_cell(field);
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        let mut out = String::new();
        push_record(
            &mut out,
            &[
                "plain".into(),
                "a, b".into(),
                "say \"hi\"".into(),
                "two\nlines".into(),
            ],
        );
        assert_eq!(out, "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }
}
