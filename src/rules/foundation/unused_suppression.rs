//! DC007 unused-suppression: emitted by the suppress stage.

use crate::finding::Severity;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC007",
    name: "unused-suppression",
    family: Family::Foundation,
    severity: Severity::Warning,
    summary: "a `# datacharter: ignore[...]` comment suppresses nothing",
    legal: "",
    docs: Docs {
        what: "Reports a suppression comment (`# datacharter: ignore[CODE] reason` or `ignore-file[CODE]`) for which no finding of that code exists where it applies: the node on the comment's line (or on the next line for a comment on a line of its own) and the nodes inside it, or the whole file for `ignore-file`.",
        why: "A suppression records a decision (\"we keep this on purpose, because…\"). Once the problem is fixed, or when the comment sits on the wrong line, it silently stops meaning anything — and would hide a future problem on that line. Keeping suppressions exact keeps the register honest.",
        failing: "kind: party\nid: billetel # datacharter: ignore[DC004] two contracts with the same vendor\nname: Billetel SAS\nroles: [processor]\n",
        passing: "kind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\n",
        fix: "Delete the comment if the problem is gone, or move it onto the line of the node the finding points at (or the line just above it).",
    },
    check: None,
};
