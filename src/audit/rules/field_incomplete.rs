//! DA301 field-incomplete: a field's fill rate is below its `required:`.

use super::{AuditRule, Example, facts, finding, read_export};
use crate::audit::{AuditContext, SourceAudit, percent};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA301",
    name: "field-incomplete",
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
        failing: "E-mail;nom;code_postal;derniere_venue;commentaires\nanne@example.org;Anne Martin;;2026-03-14;\nbruno@example.org;Bruno Petit;;2026-02-01;\ncarla@example.org;Carla Roux;69003;2025-11-20;\n",
        passing: super::CLEAN,
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    if profile.rows == 0 {
        return;
    }
    let locale = context.options.locale;
    for (index, field) in source.source.item.fields.iter().enumerate() {
        let (Some(required), Some(column)) = (field.required, source.field_columns[index]) else {
            continue;
        };
        let filled = profile.columns[column].filled;
        if (filled as f64) >= required.fraction() * profile.rows as f64 {
            continue;
        }
        let name = &profile.headers[column];
        findings.push(finding(
            &RULE,
            context,
            source.source.at(format!("/fields/{index}/required")),
            &[
                ("file", &source.file),
                ("column", name),
                ("rate", &percent(filled, profile.rows, locale)),
                ("required", &required),
            ],
            facts(
                source,
                Some(name),
                Some(profile.rows - filled),
                profile.rows,
            ),
            None,
        ));
    }
}
