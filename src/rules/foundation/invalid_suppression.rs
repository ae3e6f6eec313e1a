//! DC008 invalid-suppression: emitted by the suppress stage.

use crate::finding::Severity;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC008",
    name: "invalid-suppression",
    family: Family::Foundation,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: party\nid: billetel # datacharter: ignore[DC040] typo in the code\nname: Billetel SAS\nroles: [processor]\n",
        passing: "kind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\n",
    },
    check: None,
};
