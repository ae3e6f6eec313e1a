//! DC606 joint-controller-without-arrangement: a joint controller with no reference to the
//! arrangement of Art. 26.

use crate::finding::{Finding, Location};
use crate::model::PartyRole;
use crate::rules::Context;
use std::collections::HashMap;

declare_rule! {
    code: "DC606",
    name: "joint-controller-without-arrangement",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    // The first processing naming each party as a joint controller.
    let mut named_by: HashMap<&str, Location> = HashMap::new();
    for processing in &context.inventory.processings {
        for (index, party) in processing.item.joint_controllers.iter().enumerate() {
            named_by
                .entry(party.as_str())
                .or_insert_with(|| processing.at(format!("/joint_controllers/{index}")));
        }
    }
    for party in &context.inventory.parties {
        let item = &party.item;
        let role = item
            .roles
            .iter()
            .position(|role| *role == PartyRole::JointController);
        let reference = named_by.get(item.id.as_str());
        if role.is_none() && reference.is_none() {
            continue;
        }
        if item
            .arrangement
            .as_ref()
            .is_some_and(|text| !text.trim().is_empty())
        {
            continue;
        }
        let location = match role {
            Some(index) => party.at(format!("/roles/{index}")),
            None => party.at("/id"),
        };
        let mut finding =
            RULE.localized(locale, location, &[("id", &item.id), ("name", &item.name)]);
        if let Some(reference) = reference {
            finding =
                finding.with_secondary(reference.clone(), crate::t!(locale, "DC606.secondary"));
        }
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::rules::testing::lint_only;

    fn lint(yaml: &str) -> Vec<Finding> {
        lint_only("DC606", yaml)
    }

    #[test]
    fn a_joint_controller_role_without_arrangement_fires_on_the_role() {
        let findings = lint(
            "kind: party\nid: festival\nname: Festival\nroles: [recipient, joint-controller]\n",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/roles/1"));
    }

    #[test]
    fn a_party_named_by_a_processing_is_a_joint_controller() {
        let findings = lint(
            "kind: party\nid: festival\nname: Festival\n---\nkind: processing\nid: p\nname: P\njoint_controllers: [festival]\n",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/id"));
        assert_eq!(
            findings[0].labels[0].location.pointer(),
            Some("/joint_controllers/0")
        );
    }

    #[test]
    fn an_arrangement_lifts_it_but_not_a_blank_one() {
        assert!(lint("kind: party\nid: festival\nname: Festival\nroles: [joint-controller]\narrangement: \"Convention 2026\"\n").is_empty());
        assert_eq!(lint("kind: party\nid: festival\nname: Festival\nroles: [joint-controller]\narrangement: \"\"\n").len(), 1);
    }

    #[test]
    fn other_parties_are_not_concerned() {
        assert!(lint("kind: party\nid: billetel\nname: Billetel\nroles: [processor]\n").is_empty());
    }
}
