//! DA603 copy-of-a-source (`discover`): a spreadsheet's columns are mostly those of a declared
//! source (a duplicated database).

use super::{AuditRule, Example};
use crate::finding::Severity;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA603",
    name: "copy-of-a-source",
    family: Family::Audit,
    severity: Severity::Info,
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
    example: Example {
        workspace: super::DISCOVER_WORKSPACE,
        source: "contacts",
        failing: "discover:copie-contacts-2023.csv=email;nom;telephone;ville\nanne@example.org;Anne;06 12 34 56 78;Lyon\n",
        passing: "discover:programme.csv=spectacle;date;salle\nHamlet;2026-03-14;Grande salle\n",
    },
};
