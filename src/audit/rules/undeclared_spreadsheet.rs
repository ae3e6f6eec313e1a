//! DA602 undeclared-spreadsheet (`discover`): a spreadsheet with personal-data columns matches
//! no declared source.

use super::{AuditRule, Example};
use crate::finding::Severity;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA602",
    name: "undeclared-spreadsheet",
    family: Family::Audit,
    severity: Severity::Warning,
    docs: Docs {
        failing: super::DISCOVER_WORKSPACE,
        passing: super::DISCOVER_WORKSPACE,
    },
    check: None,
    source: file!(),
};

pub static AUDIT: AuditRule = AuditRule {
    rule: &RULE,
    check: super::emitted_by_discover,
    // `discover:` examples: a file found beside the declared export.
    example: Example {
        workspace: super::DISCOVER_WORKSPACE,
        source: "contacts",
        failing: "discover:benevoles.csv=prenom;courriel;portable\nAnne;anne@example.org;06 12 34 56 78\n",
        passing: "discover:programme.csv=spectacle;date;salle\nHamlet;2026-03-14;Grande salle\n",
    },
};
