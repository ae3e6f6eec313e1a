//! DC402 dpo-conflict-of-interest: the DPO holds a function that decides on processing.

use super::person_entry;
use crate::finding::{Finding, Severity};
use crate::rules::{Context, Docs, Family, Rule};
use crate::t;

pub static RULE: Rule = Rule {
    code: "DC402",
    name: "dpo-conflict-of-interest",
    family: Family::Governance,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: organisation\nid: quatre-saisons\nname: Théâtre des Quatre Saisons\npeople:\n  - { id: amartin, name: Alice Martin, functions: [marketing] }\n  - { id: edubois, name: Émilie Dubois, functions: [legal] }\n---\nkind: charter\ndpo: { person: amartin, published: true, declared_to_authority: true }\n",
        passing: "kind: organisation\nid: quatre-saisons\nname: Théâtre des Quatre Saisons\npeople:\n  - { id: amartin, name: Alice Martin, functions: [marketing] }\n  - { id: edubois, name: Émilie Dubois, functions: [legal] }\n---\nkind: charter\ndpo: { person: edubois, published: true, declared_to_authority: true }\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let governance = &context.policy.governance;
    for charter in &context.inventory.charters {
        let Some(person_id) = charter
            .item
            .dpo
            .as_ref()
            .and_then(|dpo| dpo.person.as_ref())
        else {
            continue;
        };
        // An unknown person is DC005's to report.
        let Some((organisation, index, person)) =
            person_entry(context.inventory, person_id.as_str())
        else {
            continue;
        };
        let conflicts: Vec<(usize, &str)> = person
            .functions
            .iter()
            .enumerate()
            .filter(|(_, function)| governance.dpo_incompatible_functions.contains(function))
            .map(|(at, function)| (at, function.as_str()))
            .collect();
        if conflicts.is_empty() {
            continue;
        }
        let names: Vec<String> = conflicts
            .iter()
            .map(|(_, function)| format!("`{function}`"))
            .collect();
        let locale = context.locale;
        let authority = match governance.dpo_incompatible_source.as_ref() {
            Some(source) => t!(
                locale,
                "DC402.authority.sourced",
                source = source.get(locale)
            ),
            None => t!(locale, "DC402.authority.plain"),
        };
        let and = format!(" {} ", t!(locale, "DC402.and"));
        let mut finding = RULE.localized(
            locale,
            charter.at("/dpo/person"),
            &[
                ("name", &person.name),
                ("person", &person_id),
                ("functions", &names.join(&and)),
                ("authority", &authority),
            ],
        );
        for (at, function) in &conflicts {
            finding = finding.with_secondary(
                organisation.at(format!("/people/{index}/functions/{at}")),
                t!(locale, "DC402.secondary", function = function),
            );
        }
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    #[test]
    fn each_conflicting_function_is_labelled() {
        let yaml = "kind: organisation\nid: qs\nname: QS\npeople:\n  - { id: x, name: Xavier, functions: [legal] }\n  - { id: bdurand, name: Bruno Durand, functions: [production, administrator, it] }\n---\nkind: charter\ndpo: { person: bdurand }\n";
        let findings = lint_only("DC402", yaml);
        assert_eq!(findings.len(), 1);
        let finding = &findings[0];
        assert_eq!(finding.location.pointer(), Some("/dpo/person"));
        assert!(
            finding.message.contains("`administrator` and `it`"),
            "{}",
            finding.message
        );
        assert!(finding.message.contains("C-453/21"), "{}", finding.message);
        let labelled: Vec<_> = finding
            .labels
            .iter()
            .filter_map(|l| l.location.pointer())
            .collect();
        assert_eq!(labelled, ["/people/1/functions/1", "/people/1/functions/2"]);
    }

    #[test]
    fn an_outside_dpo_or_an_unknown_person_is_not_checked_here() {
        let yaml = "kind: organisation\nid: qs\nname: QS\n---\nkind: charter\ndpo: { party: cabinet-rgpd }\n---\nkind: charter\ndpo: { person: nobody }\n";
        assert!(lint_only("DC402", yaml).is_empty());
    }

    #[test]
    fn a_workspace_pack_can_add_an_incompatible_function() {
        let yaml = "kind: organisation\nid: qs\nname: QS\npeople:\n  - { id: p, name: Paul, functions: [production] }\n---\nkind: charter\ndpo: { person: p }\n---\nkind: policy\nid: maison\ngovernance: { dpo_incompatible_functions: [production] }\n";
        assert_eq!(lint_only("DC402", yaml).len(), 1);
    }
}
