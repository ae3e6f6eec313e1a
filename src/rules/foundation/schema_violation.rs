//! DC002 schema-violation: emitted by the schema stage.

use crate::finding::Severity;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC002",
    name: "schema-violation",
    family: Family::Foundation,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\ncontry: FR\n",
        passing: "kind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\ncountry: FR\n",
    },
    check: None,
};
