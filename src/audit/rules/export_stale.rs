//! DA402 export-stale: the newest date in the export is older than the charter's
//! contact-update cadence.

use super::{AuditRule, Example, export_location, facts, finding, read_export};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA402",
    name: "export-stale",
    family: Family::Audit,
    severity: Severity::Warning,
    docs: Docs {
        failing: STALE_WORKSPACE,
        passing: STALE_WORKSPACE,
    },
    check: None,
    source: file!(),
};

const STALE_WORKSPACE: &str = concat!(
    "kind: charter\ncleaning: { contact-update: 1y }\n---\n",
    "kind: source\nid: contacts\nname: Fichier des contacts\ntype: spreadsheet\ndata_subjects: [spectators]\nexport: { path: contacts.csv, format: csv, delimiter: \";\" }\nfields:\n  - { name: email, category: identity.email, column: E-mail }\n  - { name: derniere_venue, category: transaction.order, marks: last-contact }\n"
);

pub static AUDIT: AuditRule = AuditRule {
    rule: &RULE,
    check,
    example: Example {
        workspace: STALE_WORKSPACE,
        source: "contacts",
        failing: "E-mail;derniere_venue\nanne@example.org;2024-03-14\n",
        passing: "E-mail;derniere_venue\nanne@example.org;2026-03-14\n",
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    let Some(cadence) = context
        .inventory
        .charter()
        .and_then(|c| c.item.cleaning.as_ref())
        .and_then(|c| c.contact_update.as_ref())
        .and_then(|d| d.approx_days())
    else {
        return;
    };
    let newest = source
        .source
        .item
        .fields
        .iter()
        .zip(&source.field_columns)
        .filter(|(field, _)| field.marks.is_some())
        .filter_map(|(_, column)| column.and_then(|c| profile.columns[c].newest))
        .max();
    let Some(newest) = newest else { return };
    let Ok(age) = context.options.today.since(newest) else {
        return;
    };
    let days = f64::from(age.get_days());
    if days <= cadence {
        return;
    }
    let months = (days / 30.44).floor() as i64;
    findings.push(finding(
        &RULE,
        context,
        export_location(source),
        &[
            ("file", &source.file),
            ("months", &months),
            ("cadence", &((cadence / 30.44).round() as i64)),
        ],
        facts(source, None, None, profile.rows),
        None,
    ));
}
