//! DA202 national-id-values: NIR numbers with a valid key in a column not declared
//! `national-id`.

use super::{
    AuditRule, Example, column_location, columns, declared_category, facts, finding, read_export,
};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::policy::PolicyTables;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA202",
    name: "national-id-values",
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
        failing: "E-mail;nom;code_postal;derniere_venue;commentaires\nanne@example.org;Anne Martin;69001;2026-03-14;sécu 2 69 05 2A 004 012 28\n",
        passing: super::CLEAN,
    },
};

/// Whether hits in a column are evidence: any in free text or an undeclared column; in a
/// declared column, at least a tenth of its filled cells (a datacharter default), so that a
/// few order numbers whose digits happen to check out are not taken for identifiers.
pub(super) fn enough(context_free: bool, rows: u64, filled: u64) -> bool {
    rows > 0 && (context_free || rows * 10 >= filled)
}

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    for (index, name, stats) in columns(profile) {
        let declared = declared_category(source, profile, index);
        if declared.is_some_and(|c| PolicyTables::covers("national-id", c)) {
            continue;
        }
        let free = declared.is_none() || profile.plans[index].scan_contacts;
        if !enough(free, stats.nirs.rows, stats.filled) {
            continue;
        }
        findings.push(finding(
            &RULE,
            context,
            column_location(source, profile, index),
            &[
                ("file", &source.file),
                ("column", &name),
                ("rows", &stats.nirs.rows),
            ],
            facts(source, Some(name), Some(stats.nirs.rows), profile.rows),
            Some(&stats.nirs),
        ));
    }
}
