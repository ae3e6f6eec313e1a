//! DA401 rows-past-retention: rows whose `marks:` date is older than the retention of every
//! processing that uses the source and the category.

use super::{AuditRule, Example, facts, finding, read_export};
use crate::audit::{AuditContext, SourceAudit, percent};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA401",
    name: "rows-past-retention",
    family: Family::Audit,
    severity: Severity::Error,
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
        failing: "E-mail;nom;code_postal;derniere_venue;commentaires\nanne@example.org;Anne Martin;69001;2019-03-14;\nbruno@example.org;Bruno Petit;69002;2026-02-01;\n",
        passing: super::CLEAN,
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    let locale = context.options.locale;
    for (index, field) in source.source.item.fields.iter().enumerate() {
        let Some(column) = source.field_columns[index] else {
            continue;
        };
        let hits = &profile.columns[column].past_retention;
        if hits.rows == 0 {
            continue;
        }
        let name = &profile.headers[column];
        let marks = field.marks.map(|m| format!("{m:?}")).unwrap_or_default();
        findings.push(finding(
            &RULE,
            context,
            source.source.at(format!("/fields/{index}/marks")),
            &[
                ("file", &source.file),
                ("column", name),
                ("rows", &hits.rows),
                ("share", &percent(hits.rows, profile.rows, locale)),
                ("marks", &marks),
            ],
            facts(source, Some(name), Some(hits.rows), profile.rows),
            Some(hits),
        ));
    }
}
