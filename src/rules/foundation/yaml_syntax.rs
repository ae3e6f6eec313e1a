//! DC001 yaml-syntax: emitted by the syntax stage.

use crate::finding::Severity;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC001",
    name: "yaml-syntax",
    family: Family::Foundation,
    severity: Severity::Error,
    summary: "a file is not valid YAML, or cannot be read as text",
    legal: "",
    docs: Docs {
        what: "Reports a file that the YAML parser cannot read: broken indentation, an unclosed quote or bracket, a tab used for indentation, a file that is not UTF-8 text, nesting deeper than 128 levels, aliases that expand to an enormous document, or a file over the `max-file-size` limit. The diagnostic points at the position where the parser stopped.",
        why: "A file that cannot be read says nothing: none of its documents is checked, and the rules that look across files (references, consistency) see an incomplete workspace. Documents of the same file before the error are still checked.",
        failing: "kind: organisation\nid: quatre-saisons\nname: \"Théâtre des Quatre Saisons\n",
        passing: "kind: organisation\nid: quatre-saisons\nname: \"Théâtre des Quatre Saisons\"\n",
        fix: "Go to the line and column shown and correct the YAML there: close the quote or bracket, align the indentation with spaces, put quotes around a value that contains `: ` or starts with `@`, `%` or a backquote. Save the file as UTF-8.",
    },
    check: None,
};
