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
        // Functions that determine purposes and means are an error; the others of the
        // questionable list a warning that asks for the case-by-case assessment of X-FAB.
        let incompatible = |function| governance.dpo_incompatible_functions.contains(function);
        let questionable = |function| governance.dpo_questionable_functions.contains(function);
        let mut conflicts: Vec<(usize, &str)> = person
            .functions
            .iter()
            .enumerate()
            .filter(|(_, function)| incompatible(function))
            .map(|(at, function)| (at, function.as_str()))
            .collect();
        let severity = if conflicts.is_empty() {
            conflicts = person
                .functions
                .iter()
                .enumerate()
                .filter(|(_, function)| questionable(function))
                .map(|(at, function)| (at, function.as_str()))
                .collect();
            Severity::Warning
        } else {
            Severity::Error
        };
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
        let args: [(&str, &dyn std::fmt::Display); 4] = [
            ("name", &person.name),
            ("person", &person_id),
            ("functions", &names.join(&and)),
            ("authority", &authority),
        ];
        let mut finding = if severity == Severity::Error {
            RULE.localized(locale, charter.at("/dpo/person"), &args)
        } else {
            let text = |key: &str| crate::i18n::format(locale, key, &args);
            let mut finding = RULE
                .finding(charter.at("/dpo/person"), text("DC402.assess.message"))
                .with_label(text("DC402.assess.label"))
                .with_help(text("DC402.assess.help"));
            finding.severity = Severity::Warning;
            finding
        };
        let secondary = if severity == Severity::Error {
            "DC402.secondary"
        } else {
            "DC402.assess.secondary"
        };
        for (at, function) in &conflicts {
            finding = finding.with_secondary(
                organisation.at(format!("/people/{index}/functions/{at}")),
                t!(locale, secondary, function = function),
            );
        }
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    #[test]
    fn compliance_and_legal_are_fine_and_other_functions_ask_for_an_assessment() {
        let dpo = |functions: &str| {
            lint_only(
                "DC402",
                &format!(
                    "kind: organisation\nid: qs\nname: QS\npeople:\n  - {{ id: d, name: Dana, functions: [{functions}] }}\n---\nkind: charter\ndpo: {{ person: d }}\n"
                ),
            )
        };
        assert!(dpo("compliance, legal").is_empty());
        let findings = dpo("communication");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, crate::finding::Severity::Warning);
        assert!(
            findings[0].message.contains("case by case"),
            "{}",
            findings[0].message
        );
        // A function that determines purposes and means wins: an error naming it alone.
        let findings = dpo("communication, director");
        assert_eq!(findings[0].severity, crate::finding::Severity::Error);
        assert!(
            findings[0].message.contains("`director`")
                && !findings[0].message.contains("communication")
        );
    }

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
