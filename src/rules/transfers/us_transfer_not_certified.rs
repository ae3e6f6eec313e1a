//! DC604 us-transfer-not-certified: a transfer relies on an adequacy decision limited to
//! certified organisations (the EU-US Data Privacy Framework) but the recipient is not certified.

use super::{adequacy_covers, decisions_in_force};
use crate::finding::Finding;
use crate::model::Safeguard;
use crate::rules::Context;

declare_rule! {
    code: "DC604",
    name: "us-transfer-not-certified",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    let policy = context.policy;
    for processing in &context.inventory.processings {
        let item = &processing.item;
        for (index, transfer) in item.transfers.iter().enumerate() {
            if transfer.safeguard != Some(Safeguard::Adequacy) {
                continue;
            }
            let Some(country) = transfer.country.as_ref().map(|c| c.as_str()) else {
                continue;
            };
            // An unnamed or unknown recipient is DC105's or DC005's finding.
            let Some(party) = transfer
                .recipient
                .as_ref()
                .and_then(|id| context.inventory.party(id.as_str()))
            else {
                continue;
            };
            if adequacy_covers(policy, country, Some(&party.item), context.today) {
                continue;
            }
            // A country with no decision in force at all is DC603's finding.
            let Some(decision) = decisions_in_force(policy, country, context.today)
                .find(|d| d.requires_certification)
            else {
                continue;
            };
            let reference = decision
                .decision
                .as_ref()
                .map_or(decision.id.as_str(), |name| name.get(locale));
            findings.push(
                RULE.finding(
                    processing.at(format!("/transfers/{index}/safeguard")),
                    crate::t!(
                        locale,
                        "DC604.message",
                        id = item.id,
                        country = crate::i18n::format::country_with_code(locale, country),
                        recipient = party.item.id,
                        name = party.item.name,
                        decision = reference
                    ),
                )
                .with_label(crate::t!(locale, "DC604.label"))
                .with_secondary(party.at("/name"), crate::t!(locale, "DC604.secondary"))
                .with_help(crate::t!(locale, "DC604.help")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::rules::testing::lint_only;

    fn lint(party_extra: &str, transfer: &str) -> Vec<Finding> {
        lint_only(
            "DC604",
            &format!(
                "kind: party\nid: mailforce\nname: Mailforce\ncountry: US\n{party_extra}---\nkind: processing\nid: newsletter\nname: Lettre\ntransfers:\n  - {transfer}\n"
            ),
        )
    }

    #[test]
    fn adequacy_for_an_uncertified_us_recipient_fires() {
        let findings = lint(
            "",
            "{ country: US, recipient: mailforce, safeguard: adequacy }",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].location.pointer(),
            Some("/transfers/0/safeguard")
        );
        assert!(
            findings[0].message.contains("2023/1795"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn a_certified_recipient_or_another_safeguard_passes() {
        assert!(
            lint(
                "dpf_certified: true\n",
                "{ country: US, recipient: mailforce, safeguard: adequacy }"
            )
            .is_empty()
        );
        assert!(lint("", "{ country: US, recipient: mailforce, safeguard: scc }").is_empty());
    }

    #[test]
    fn countries_adequate_as_a_whole_need_no_certification() {
        assert!(
            lint(
                "",
                "{ country: JP, recipient: mailforce, safeguard: adequacy }"
            )
            .is_empty()
        );
    }

    #[test]
    fn other_gaps_belong_to_other_rules() {
        // No safeguard at all, or no decision for the country: DC603.
        assert!(lint("", "{ country: US, recipient: mailforce }").is_empty());
        assert!(
            lint(
                "",
                "{ country: IN, recipient: mailforce, safeguard: adequacy }"
            )
            .is_empty()
        );
        // No recipient: DC105.
        assert!(lint("", "{ country: US, safeguard: adequacy }").is_empty());
    }
}
