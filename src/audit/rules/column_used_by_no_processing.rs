//! DA601 column-used-by-no-processing: a filled column holds a category that no processing
//! using the source needs (DC503, now shown by the data).

use super::{AuditRule, Example, facts, finding, read_export};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::policy::PolicyTables;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA601",
    name: "column-used-by-no-processing",
    family: Family::Audit,
    severity: Severity::Warning,
    docs: Docs {
        failing: UNUSED_WORKSPACE,
        passing: UNUSED_WORKSPACE,
    },
    check: None,
    source: file!(),
};

const UNUSED_WORKSPACE: &str = "kind: source\nid: contacts\nname: Fichier des contacts\ntype: spreadsheet\ndata_subjects: [spectators]\nexport: { path: contacts.csv, format: csv, delimiter: \";\" }\nfields:\n  - { name: email, category: identity.email, column: E-mail }\n  - { name: telephone, category: identity.phone }\n---\nkind: processing\nid: newsletter\nname: Lettre d'information\npurpose: newsletter\nlegal_basis: consent\ndata_subjects: [spectators]\ndata_categories: [identity.email]\nsources: [contacts]\nretention:\n  - { duration: 3y, from: last-contact, then: delete }\n";

pub static AUDIT: AuditRule = AuditRule {
    rule: &RULE,
    check,
    example: Example {
        workspace: UNUSED_WORKSPACE,
        source: "contacts",
        failing: "E-mail;telephone\nanne@example.org;06 12 34 56 78\n",
        passing: "E-mail;telephone\nanne@example.org;\n",
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    let id = source.source.item.id.as_str();
    let users: Vec<_> = context
        .inventory
        .processings
        .iter()
        .filter(|p| p.item.sources.iter().any(|s| s.as_str() == id))
        .collect();
    // A source no processing uses is DC802's finding.
    if users.is_empty() {
        return;
    }
    for (index, field) in source.source.item.fields.iter().enumerate() {
        let Some(column) = source.field_columns[index] else {
            continue;
        };
        let filled = profile.columns[column].filled;
        if filled == 0 {
            continue;
        }
        let category = field.category.as_str();
        let needed = users.iter().any(|p| {
            p.item.data_categories.iter().any(|c| {
                PolicyTables::covers(c.as_str(), category)
                    || PolicyTables::covers(category, c.as_str())
            })
        });
        if needed {
            continue;
        }
        let name = &profile.headers[column];
        findings.push(finding(
            &RULE,
            context,
            source.source.at(format!("/fields/{index}")),
            &[
                ("file", &source.file),
                ("column", name),
                ("category", &category),
                ("rows", &filled),
            ],
            facts(source, Some(name), Some(filled), profile.rows),
            None,
        ));
    }
}
