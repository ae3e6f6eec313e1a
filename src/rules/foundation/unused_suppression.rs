//! DC007 unused-suppression: emitted by the suppress stage.

use crate::finding::Severity;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC007",
    name: "unused-suppression",
    family: Family::Foundation,
    severity: Severity::Warning,
    docs: Docs {
        failing: "kind: party\nid: billetel # datacharter: ignore[DC004] two contracts with the same vendor\nname: Billetel SAS\nroles: [processor]\n",
        passing: "kind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\n",
    },
    check: None,
};
