//! DC008 invalid-suppression: emitted by the suppress stage.

use crate::finding::Severity;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC008",
    name: "invalid-suppression",
    family: Family::Foundation,
    severity: Severity::Error,
    summary: "a suppression names an unknown code, is malformed, or has no reason when `require-reason` is set",
    legal: "",
    docs: Docs {
        what: "Reports a `# datacharter:` comment that is not a valid suppression: not of the form `ignore[CODES] reason` or `ignore-file[CODES] reason`, naming a code that no rule has, or without a reason while the settings set `rules: { require-reason: true }`. Such a comment suppresses nothing.",
        why: "A suppression that does not work gives a false sense of control: the reviewer reads \"accepted on purpose\" while the finding is in fact still there, or is hidden for a reason nobody wrote down.",
        failing: "kind: party\nid: billetel # datacharter: ignore[DC040] typo in the code\nname: Billetel SAS\nroles: [processor]\n",
        passing: "kind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\n",
        fix: "Correct the code (`datacharter rules` lists them), write the comment as `# datacharter: ignore[DC201] the reason`, and give a reason.",
    },
    check: None,
};
