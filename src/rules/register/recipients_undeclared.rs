//! DC104 recipients-undeclared: a processing has no `recipients` (an explicit empty list is
//! fine).

use crate::finding::{Finding, Severity};
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC104",
    name: "recipients-undeclared",
    family: Family::Register,
    severity: Severity::Error,
    summary: "a processing has no `recipients` (an explicit empty list is fine)",
    legal: "GDPR Art. 30(1)(d)",
    docs: Docs {
        what: "Checks that every processing has a `recipients` key: the internal services (`internal:`, by function) and the outside organisations (`external:`, party ids) that receive the data. `recipients: { internal: [], external: [] }` is accepted: it says explicitly that nobody receives the data.",
        why: "The register must list \"the categories of recipients to whom the personal data have been or will be disclosed\" (GDPR Art. 30(1)(d)), and people are told who receives their data (Art. 13(1)(e)). A missing entry cannot be told apart from a forgotten one; an empty one is a statement.",
        failing: "kind: processing\nid: newsletter\nname: Lettre d'information\npurpose: newsletter\n",
        passing: "kind: processing\nid: newsletter\nname: Lettre d'information\npurpose: newsletter\nrecipients: { internal: [communication], external: [] }\n",
        fix: "Add `recipients:` with `internal:` (the services that use the data: `ticketing`, `communication`…) and `external:` (the parties that receive it). If really nobody does, write `recipients: { internal: [], external: [] }`.",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for processing in &context.inventory.processings {
        if processing.item.recipients.is_some() {
            continue;
        }
        findings.push(
            RULE.finding(
                processing.at("/id"),
                format!(
                    "processing `{}` does not say who receives its data (GDPR Art. 30(1)(d))",
                    processing.item.id
                ),
            )
            .with_label("no `recipients`")
            .with_help("add `recipients: { internal: [services], external: [party ids] }`; write empty lists if nobody receives the data"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::lint_only;

    const HEAD: &str = "kind: processing\nid: p\nname: Traitement\n";

    #[test]
    fn explicit_empty_recipients_are_a_statement() {
        assert!(lint_only("DC104", &format!("{HEAD}recipients: {{}}\n")).is_empty());
        assert!(
            lint_only(
                "DC104",
                &format!("{HEAD}recipients: {{ internal: [], external: [] }}\n")
            )
            .is_empty()
        );
    }

    #[test]
    fn absent_recipients_point_at_the_id() {
        let findings = lint_only("DC104", HEAD);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/id"));
        assert!(findings[0].message.contains("processing `p`"));
    }
}
