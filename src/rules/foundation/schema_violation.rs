//! DC002 schema-violation: emitted by the schema stage.

use crate::finding::Severity;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC002",
    name: "schema-violation",
    family: Family::Foundation,
    severity: Severity::Error,
    summary: "a document breaks the JSON Schema (unknown key, missing key, wrong type or value)",
    legal: "",
    docs: Docs {
        what: "Checks every document against the JSON Schema of its `kind` (`schemas/document.schema.json`): unknown keys (with the closest allowed key suggested), missing required keys, values of the wrong type, values outside a fixed list (legal bases, retention start events, source types…), badly written durations, dates, ids and country codes. A file holding no document at all is reported too.",
        why: "The rules read the documents through this schema: a misspelt key (`retension`) is silently ignored by everything else, so a register that looks complete may in fact declare nothing.",
        failing: "kind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\ncontry: FR\n",
        passing: "kind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\ncountry: FR\n",
        fix: "Correct the key or value as the message says; `datacharter schema` prints the schema, and an editor with the YAML language server completes keys when the file starts with `# yaml-language-server: $schema=<path to schemas/document.schema.json>`.",
    },
    check: None,
};
