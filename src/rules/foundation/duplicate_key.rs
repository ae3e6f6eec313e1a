//! DC003 duplicate-key: emitted by the syntax stage.

use crate::finding::Severity;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC003",
    name: "duplicate-key",
    family: Family::Foundation,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\nname: Billetel\n",
        passing: "kind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\n",
    },
    check: None,
};
