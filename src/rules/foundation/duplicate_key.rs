//! DC003 duplicate-key: emitted by the syntax stage.

use crate::finding::Severity;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC003",
    name: "duplicate-key",
    family: Family::Foundation,
    severity: Severity::Error,
    summary: "a mapping repeats a key (both places are shown)",
    legal: "",
    docs: Docs {
        what: "Reports a key written twice in the same mapping, showing both places.",
        why: "YAML keeps only the last value of a repeated key, silently: the first one, often the one a reviewer reads, has no effect.",
        failing: "kind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\nname: Billetel\n",
        passing: "kind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\n",
        fix: "Keep one of the two entries and delete the other.",
    },
    check: None,
};
