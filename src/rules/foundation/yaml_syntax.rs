//! DC001 yaml-syntax: emitted by the syntax stage.

use crate::finding::Severity;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC001",
    name: "yaml-syntax",
    family: Family::Foundation,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: organisation\nid: quatre-saisons\nname: \"Théâtre des Quatre Saisons\n",
        passing: "kind: organisation\nid: quatre-saisons\nname: \"Théâtre des Quatre Saisons\"\n",
    },
    check: None,
};
