//! DA009 export-in-repository: the export file is tracked by git.

use super::{AuditRule, Example, export_location, facts, finding};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA009",
    name: "export-in-repository",
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
    // The example test commits the failing export to a scratch repository.
    example: Example {
        workspace: super::WORKSPACE,
        source: "contacts",
        failing: "git:",
        passing: super::CLEAN,
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    if !source.tracked {
        return;
    }
    findings.push(finding(
        &RULE,
        context,
        export_location(source),
        &[("file", &source.file)],
        facts(source, None, None, 0),
        None,
    ));
}
