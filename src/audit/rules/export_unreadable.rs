//! DA001 export-unreadable: the export is missing, encrypted, damaged, too large or not the
//! declared format.

use super::{AuditRule, Example, export_location, facts, finding};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA001",
    name: "export-unreadable",
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
        failing: "",
        passing: super::CLEAN,
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Err(error) = &source.outcome else { return };
    let reason = error.reason(context.options.locale);
    findings.push(finding(
        &RULE,
        context,
        export_location(source),
        &[
            ("source", &source.source.item.id),
            ("file", &source.file),
            ("reason", &reason),
        ],
        facts(source, None, None, 0),
        None,
    ));
}
