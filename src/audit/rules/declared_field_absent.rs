//! DA102 declared-field-absent: a declared field has no column in the export.

use super::{AuditRule, Example, facts, finding, read_export};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA102",
    name: "declared-field-absent",
    family: Family::Audit,
    severity: Severity::Warning,
    docs: Docs {
        failing: super::WORKSPACE,
        passing: super::WORKSPACE,
    },
    check: None,
    source: file!(),
};

pub static AUDIT: AuditRule = AuditRule {
    rule: &RULE,
    check,
    example: Example {
        workspace: super::WORKSPACE,
        source: "contacts",
        failing: "E-mail;nom;derniere_venue;commentaires\nanne@example.org;Anne Martin;2026-03-14;\n",
        passing: super::CLEAN,
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    for (index, field) in source.source.item.fields.iter().enumerate() {
        if source.field_columns[index].is_some() {
            continue;
        }
        let column = field.column.as_deref().unwrap_or(&field.name);
        findings.push(finding(
            &RULE,
            context,
            source.source.at(format!("/fields/{index}")),
            &[
                ("file", &source.file),
                ("field", &field.name),
                ("column", &column),
            ],
            facts(source, Some(column), None, profile.rows),
            None,
        ));
    }
}
