//! DA003 encoding-mismatch: bytes invalid in the declared encoding, or none declared and one
//! had to be guessed.

use super::{AuditRule, Example, export_location, facts, finding, read_export};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA003",
    name: "encoding-mismatch",
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
    // The failing export is the clean one written in Windows-1252 by the example test.
    example: Example {
        workspace: super::WORKSPACE,
        source: "contacts",
        failing: "cp1252:",
        passing: super::CLEAN,
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, notes)) = read_export(source) else {
        return;
    };
    let locale = context.options.locale;
    let problem = if let Some(guessed) = notes.guessed_encoding {
        crate::t!(locale, "DA003.guessed", encoding = guessed)
    } else if notes.invalid_cells > 0 {
        crate::t!(locale, "DA003.invalid", cells = notes.invalid_cells)
    } else {
        return;
    };
    let location = if source
        .source
        .item
        .export
        .as_ref()
        .is_some_and(|e| e.encoding.is_some())
    {
        source.source.at("/export/encoding")
    } else {
        export_location(source)
    };
    findings.push(finding(
        &RULE,
        context,
        location,
        &[("file", &source.file), ("problem", &problem)],
        facts(source, None, None, profile.rows),
        None,
    ));
}
