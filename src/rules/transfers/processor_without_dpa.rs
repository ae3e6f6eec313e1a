//! DC601 processor-without-dpa: a processor with no signed data-processing agreement.

use crate::finding::{Finding, Location};
use crate::model::PartyRole;
use crate::rules::Context;
use std::collections::HashMap;

declare_rule! {
    code: "DC601",
    name: "processor-without-dpa",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    // The first processing naming each party as its processor: shown as the reason it is one.
    let mut named_by: HashMap<&str, Location> = HashMap::new();
    for processing in &context.inventory.processings {
        for (index, party) in processing.item.processors.iter().enumerate() {
            named_by
                .entry(party.as_str())
                .or_insert_with(|| processing.at(format!("/processors/{index}")));
        }
    }
    for party in &context.inventory.parties {
        let item = &party.item;
        let role = item
            .roles
            .iter()
            .position(|role| *role == PartyRole::Processor);
        let reference = named_by.get(item.id.as_str());
        if role.is_none() && reference.is_none() {
            continue;
        }
        if item.dpa.as_ref().is_some_and(|dpa| dpa.signed.is_some()) {
            continue;
        }
        let (location, label) = match (&item.dpa, role) {
            (Some(_), _) => (party.at("/dpa").on_key(), "DC601.label.unsigned"),
            (None, Some(index)) => (party.at(format!("/roles/{index}")), "DC601.label.role"),
            (None, None) => (party.at("/id"), "DC601.label.named"),
        };
        let mut finding = RULE
            .finding(
                location,
                crate::t!(locale, "DC601.message", id = item.id, name = item.name),
            )
            .with_label(crate::t!(locale, label))
            .with_help(crate::t!(locale, "DC601.help"));
        if let Some(reference) = reference {
            finding =
                finding.with_secondary(reference.clone(), crate::t!(locale, "DC601.secondary"));
        }
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::rules::testing::lint_only;

    fn lint(yaml: &str) -> Vec<Finding> {
        lint_only("DC601", yaml)
    }

    const PROCESSING: &str =
        "---\nkind: processing\nid: newsletter\nname: Lettre\nprocessors: [lettrino]\n";

    #[test]
    fn a_processor_without_dpa_points_at_its_role() {
        let findings =
            lint("kind: party\nid: lettrino\nname: Lettrino\nroles: [vendor, processor]\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/roles/1"));
    }

    #[test]
    fn an_unsigned_dpa_points_at_the_dpa() {
        let findings = lint(
            "kind: party\nid: lettrino\nname: Lettrino\nroles: [processor]\ndpa: { reference: \"draft v2\" }\n",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/dpa"));
    }

    #[test]
    fn a_party_used_as_processor_is_one_whatever_its_roles() {
        let findings = lint(&format!(
            "kind: party\nid: lettrino\nname: Lettrino\nroles: [vendor]\n{PROCESSING}"
        ));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/id"));
        assert_eq!(
            findings[0].labels[0].location.pointer(),
            Some("/processors/0")
        );
    }

    #[test]
    fn a_signed_dpa_or_another_role_is_fine() {
        assert!(lint(&format!("kind: party\nid: lettrino\nname: Lettrino\nroles: [processor]\ndpa: {{ signed: 2025-09-01 }}\n{PROCESSING}")).is_empty());
        assert!(lint("kind: party\nid: ville\nname: Ville\nroles: [recipient]\n").is_empty());
    }
}
