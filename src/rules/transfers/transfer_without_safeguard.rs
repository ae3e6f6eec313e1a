//! DC603 transfer-without-safeguard: a transfer outside the EEA, to a country without an
//! adequacy decision, with no safeguard.

use super::{adequacy_covers, decisions_in_force, in_eea};
use crate::finding::Finding;
use crate::i18n::format;
use crate::model::{Party, Safeguard};
use crate::rules::Context;

declare_rule! {
    code: "DC603",
    name: "transfer-without-safeguard",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    let policy = context.policy;
    for processing in &context.inventory.processings {
        let item = &processing.item;
        for (index, transfer) in item.transfers.iter().enumerate() {
            // A transfer without country is DC105's finding.
            let Some(country) = transfer.country.as_ref().map(|c| c.as_str()) else {
                continue;
            };
            if in_eea(policy, country) {
                continue;
            }
            let recipient = transfer
                .recipient
                .as_ref()
                .and_then(|id| context.inventory.party(id.as_str()));
            let recipient = recipient.map(|party| &party.item);
            let name = format::country(locale, country);
            let (pointer, label) = match transfer.safeguard {
                None if !adequacy_covers(policy, country, recipient, context.today) => (
                    "country",
                    crate::t!(locale, "DC603.label.no-safeguard", country = name),
                ),
                // Adequacy limited to certified organisations, claimed for an uncertified
                // recipient, is DC604's finding.
                Some(Safeguard::Adequacy)
                    if decisions_in_force(policy, country, context.today)
                        .next()
                        .is_none() =>
                {
                    (
                        "safeguard",
                        crate::t!(locale, "DC603.label.no-decision-in-force", country = name),
                    )
                }
                _ => continue,
            };
            let reason = why_not_adequate(context, country, recipient);
            let country = format::country_with_code(locale, country);
            let message = match &transfer.recipient {
                Some(recipient) => crate::t!(
                    locale,
                    "DC603.message-to-recipient",
                    id = item.id,
                    country = country,
                    recipient = recipient,
                    reason = reason
                ),
                None => crate::t!(
                    locale,
                    "DC603.message",
                    id = item.id,
                    country = country,
                    reason = reason
                ),
            };
            findings.push(
                RULE.finding(
                    processing.at(format!("/transfers/{index}/{pointer}")),
                    message,
                )
                .with_label(label)
                .with_help(crate::t!(locale, "DC603.help")),
            );
        }
    }
}

/// Why no adequacy decision covers this transfer, in words.
fn why_not_adequate(context: &Context<'_>, country: &str, recipient: Option<&Party>) -> String {
    let today = context.today;
    let locale = context.locale;
    let decisions: Vec<_> = context
        .policy
        .transfers
        .adequacy
        .iter()
        .filter(|d| d.country.as_str() == country)
        .collect();
    if decisions.is_empty() {
        return crate::t!(locale, "DC603.reason.no-decision");
    }
    if let Some(decision) =
        decisions_in_force(context.policy, country, today).find(|d| d.requires_certification)
    {
        // The pack's `scope` is its own text, shown in the locale's version.
        let scope = decision
            .scope
            .as_ref()
            .map(|scope| scope.get(locale).to_owned())
            .unwrap_or_else(|| crate::t!(locale, "DC603.certified-organisations"));
        return match recipient {
            Some(party) => crate::t!(
                locale,
                "DC603.reason.uncertified-recipient",
                scope = scope,
                recipient = party.id
            ),
            None => crate::t!(locale, "DC603.reason.no-recipient", scope = scope),
        };
    }
    if let Some(sunset) = decisions
        .iter()
        .filter_map(|d| d.sunset)
        .filter(|s| s.civil() < today)
        .max()
    {
        return crate::t!(
            locale,
            "DC603.reason.lapsed",
            sunset = format::date(locale, sunset.civil())
        );
    }
    if let Some(start) = decisions
        .iter()
        .filter_map(|d| d.date)
        .filter(|d| d.civil() > today)
        .min()
    {
        return crate::t!(
            locale,
            "DC603.reason.not-yet",
            start = format::date(locale, start.civil())
        );
    }
    crate::t!(locale, "DC603.reason.none-in-force")
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::rules::testing::{lint_on, lint_only};

    fn workspace(party: &str, transfer: &str) -> String {
        format!(
            "{party}---\nkind: processing\nid: survey\nname: Enquête\ntransfers:\n  - {transfer}\n"
        )
    }

    const VENDOR: &str = "kind: party\nid: vendor\nname: Vendor\ncountry: IN\n";
    const US_VENDOR: &str = "kind: party\nid: vendor\nname: Vendor\ncountry: US\n";

    fn lint(party: &str, transfer: &str) -> Vec<Finding> {
        lint_only("DC603", &workspace(party, transfer))
    }

    #[test]
    fn a_transfer_to_la_reunion_is_inside_the_eea() {
        let yaml = |country: &str| {
            format!(
                "kind: processing\nid: p\nname: P\ntransfers:\n  - {{ country: {country}, recipient: host }}\n"
            )
        };
        assert!(crate::rules::testing::lint_only("DC603", &yaml("RE")).is_empty());
        assert!(crate::rules::testing::lint_only("DC603", &yaml("AX")).is_empty());
        assert_eq!(
            crate::rules::testing::lint_only("DC603", &yaml("PF")).len(),
            1
        );
    }

    #[test]
    fn no_safeguard_to_a_country_without_decision_fires_on_the_country() {
        let findings = lint(VENDOR, "{ country: IN, recipient: vendor }");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/transfers/0/country"));
        assert!(
            findings[0].message.contains("no adequacy decision"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn adequacy_claimed_for_a_country_without_decision_fires_on_the_safeguard() {
        let findings = lint(
            VENDOR,
            "{ country: IN, recipient: vendor, safeguard: adequacy }",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].location.pointer(),
            Some("/transfers/0/safeguard")
        );
    }

    #[test]
    fn eea_adequate_countries_and_article_46_safeguards_pass() {
        assert!(lint(VENDOR, "{ country: DE, recipient: vendor }").is_empty());
        assert!(lint(VENDOR, "{ country: CH, recipient: vendor }").is_empty());
        assert!(
            lint(
                VENDOR,
                "{ country: JP, recipient: vendor, safeguard: adequacy }"
            )
            .is_empty()
        );
        assert!(lint(VENDOR, "{ country: IN, recipient: vendor, safeguard: scc }").is_empty());
        assert!(lint(VENDOR, "{ country: IN, recipient: vendor, safeguard: derogation, derogation: explicit-consent }").is_empty());
    }

    #[test]
    fn a_us_transfer_without_safeguard_needs_a_certified_recipient() {
        let findings = lint(US_VENDOR, "{ country: US, recipient: vendor }");
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("not declared certified"),
            "{}",
            findings[0].message
        );
        let certified = "kind: party\nid: vendor\nname: Vendor\ncountry: US\ndpf_certified: true\n";
        assert!(lint(certified, "{ country: US, recipient: vendor }").is_empty());
        // Adequacy claimed for an uncertified recipient is DC604's, not this rule's.
        assert!(
            lint(
                US_VENDOR,
                "{ country: US, recipient: vendor, safeguard: adequacy }"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_decision_past_its_sunset_no_longer_covers() {
        let yaml = workspace(VENDOR, "{ country: GB, recipient: vendor }");
        assert!(lint_only("DC603", &yaml).is_empty());
        let findings = lint_on("DC603", &yaml, jiff::civil::date(2032, 1, 1));
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("lapsed"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn a_decision_not_yet_adopted_does_not_cover() {
        // Brazil's decision dates from 2026-01-26.
        let yaml = workspace(VENDOR, "{ country: BR, recipient: vendor }");
        assert!(lint_only("DC603", &yaml).is_empty());
        let findings = lint_on("DC603", &yaml, jiff::civil::date(2025, 12, 1));
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0]
                .message
                .contains("applies only from 26 January 2026"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn a_transfer_without_country_is_left_to_dc105() {
        assert!(lint(VENDOR, "{ recipient: vendor }").is_empty());
    }
}
