//! DA302 column-mostly-empty: a column is at least 99 % empty (collected for nothing?).

use super::{AuditRule, Example, column_location, columns, facts, finding, read_export};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA302",
    name: "column-mostly-empty",
    family: Family::Audit,
    severity: Severity::Info,
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
        failing: "E-mail;nom;code_postal;derniere_venue;commentaires\nanne@example.org;Anne Martin;69001;2026-03-14;\nbruno@example.org;Bruno Petit;69002;2026-02-01;\n",
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
    for (index, name, stats) in columns(profile) {
        if stats.filled * 100 > profile.rows {
            continue;
        }
        findings.push(finding(
            &RULE,
            context,
            column_location(source, profile, index),
            &[
                ("file", &source.file),
                ("column", &name),
                ("filled", &stats.filled),
                ("rows", &profile.rows),
            ],
            facts(
                source,
                Some(name),
                Some(profile.rows - stats.filled),
                profile.rows,
            ),
            None,
        ));
    }
}
