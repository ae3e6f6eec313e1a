//! DC903 adequacy-under-review: a transfer relies on an adequacy decision that has a sunset or
//! is challenged in court.

use crate::finding::{Finding, Location};
use crate::i18n::{Locale, format};
use crate::model::{AdequacyDecision, Safeguard, Transfer};
use crate::rules::Context;
use crate::t;

declare_rule! {
    code: "DC903",
    name: "adequacy-under-review",
    severity: Info,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let (policy, locale) = (context.policy, context.locale);
    let decisions = &policy.transfers.adequacy;
    // Per fragile decision, the transfers that rely on it, in workspace order: one finding per
    // decision, naming the processings.
    let mut relying: Vec<(&AdequacyDecision, Vec<(&str, Location)>)> = Vec::new();
    for processing in &context.inventory.processings {
        for (t, transfer) in processing.item.transfers.iter().enumerate() {
            if !matches!(transfer.safeguard, None | Some(Safeguard::Adequacy)) {
                continue;
            }
            let Some(country) = transfer.country.as_ref().map(|c| c.as_str()) else {
                continue;
            };
            if reported_by_dc603(context, transfer, country) {
                continue;
            }
            for decision in decisions.iter().filter(|d| d.country.as_str() == country) {
                if status(decision, context.today, locale).is_none() {
                    continue;
                }
                let at = (
                    processing.item.id.as_str(),
                    processing.at(format!("/transfers/{t}/country")),
                );
                match relying.iter_mut().find(|(seen, _)| seen.id == decision.id) {
                    Some((_, transfers)) => transfers.push(at),
                    None => relying.push((decision, vec![at])),
                }
            }
        }
    }
    for (decision, transfers) in relying {
        let Some(status) = status(decision, context.today, locale) else {
            continue;
        };
        let name = decision
            .decision
            .as_ref()
            .map_or(decision.id.as_str(), |name| name.get(locale));
        let mut ids: Vec<String> = Vec::new();
        for (id, _) in &transfers {
            let id = format!("`{id}`");
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let mut transfers = transfers.into_iter();
        let Some((_, first)) = transfers.next() else {
            continue;
        };
        let mut finding = RULE.localized(
            locale,
            first,
            &[
                ("processings", &ids.join(", ")),
                (
                    "country",
                    &format::country_with_code(locale, decision.country.as_str()),
                ),
                ("decision", &decision.id),
                ("name", &name),
                ("status", &status),
            ],
        );
        for (_, location) in transfers {
            finding = finding.with_secondary(location, t!(locale, "DC903.secondary"));
        }
        findings.push(finding);
    }
}

/// Whether DC603 reports this transfer (no safeguard and no decision that covers it, or
/// adequacy claimed with no decision in force): then it is not "under review" but unlawful.
fn reported_by_dc603(context: &Context<'_>, transfer: &Transfer, country: &str) -> bool {
    use crate::rules::transfers::{adequacy_covers, decisions_in_force, in_eea};
    let policy = context.policy;
    if in_eea(policy, country) {
        return false;
    }
    let recipient = transfer
        .recipient
        .as_ref()
        .and_then(|id| context.inventory.party(id.as_str()))
        .map(|party| &party.item);
    match transfer.safeguard {
        None => !adequacy_covers(policy, country, recipient, context.today),
        Some(Safeguard::Adequacy) => decisions_in_force(policy, country, context.today)
            .next()
            .is_none(),
        Some(_) => false,
    }
}

/// Why the decision is fragile, in words; `None` when it is not.
fn status(decision: &AdequacyDecision, today: jiff::civil::Date, locale: Locale) -> Option<String> {
    let sunset = decision.sunset.map(|sunset| {
        if sunset.civil() < today {
            t!(
                locale,
                "DC903.lapsed",
                date = format::date(locale, sunset.civil())
            )
        } else {
            t!(
                locale,
                "DC903.lapses",
                date = format::date(locale, sunset.civil())
            )
        }
    });
    let challenge = decision.challenge.as_ref().map(|challenge| {
        t!(
            locale,
            "DC903.challenged",
            challenge = challenge.get(locale)
        )
    });
    match (sunset, challenge) {
        (Some(sunset), Some(challenge)) => Some(t!(
            locale,
            "DC903.both",
            sunset = sunset,
            challenge = challenge
        )),
        (one, other) => one.or(other),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    fn transfer(transfer: &str) -> String {
        format!("kind: processing\nid: p\nname: P\ntransfers:\n  - {transfer}\n")
    }

    #[test]
    fn challenged_and_sunset_decisions_are_reported() {
        let us = lint_only("DC903", &transfer("{ country: US, safeguard: adequacy }"));
        assert_eq!(us.len(), 1);
        assert!(us[0].message.contains("C-703/25"), "{}", us[0].message);
        let uk = lint_only("DC903", &transfer("{ country: GB }"));
        assert_eq!(uk.len(), 1);
        assert!(
            uk[0].message.contains("lapses on 27 December 2031"),
            "{}",
            uk[0].message
        );
    }

    #[test]
    fn once_per_decision_naming_the_processings() {
        let yaml = "kind: processing\nid: a\nname: A\ntransfers:\n  - { country: GB }\n---\nkind: processing\nid: b\nname: B\ntransfers:\n  - { country: GB, safeguard: adequacy }\n";
        let findings = lint_only("DC903", yaml);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0].message.contains("`a`, `b`"),
            "{}",
            findings[0].message
        );
        assert_eq!(findings[0].labels.len(), 1);
    }

    #[test]
    fn never_on_a_transfer_dc603_reports() {
        // No safeguard to an uncertified US recipient: DC603's error, not this info.
        let yaml = "kind: party\nid: x\nname: X\nroles: [processor]\n---\nkind: processing\nid: p\nname: P\ntransfers:\n  - { country: US, recipient: x }\n";
        assert!(lint_only("DC903", yaml).is_empty());
    }

    #[test]
    fn stable_decisions_and_other_safeguards_are_silent() {
        assert!(lint_only("DC903", &transfer("{ country: CH, safeguard: adequacy }")).is_empty());
        assert!(lint_only("DC903", &transfer("{ country: US, safeguard: scc }")).is_empty());
        assert!(lint_only("DC903", &transfer("{ recipient: x, safeguard: adequacy }")).is_empty());
    }

    #[test]
    fn a_workspace_pack_can_add_a_sunset() {
        let pack = |sunset: &str| {
            format!(
                "kind: policy\nid: house\ntransfers:\n  adequacy:\n    - {{ id: switzerland, country: CH, sunset: {sunset} }}\n---\n"
            )
        };
        let findings = lint_only(
            "DC903",
            &format!(
                "{}{}",
                pack("2030-01-01"),
                transfer("{ country: CH, safeguard: adequacy }")
            ),
        );
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("lapses on 1 January 2030"),
            "{}",
            findings[0].message
        );
        // Once lapsed, the transfer has no decision in force: DC603's error, not this info.
        let lapsed = format!(
            "{}{}",
            pack("2026-01-01"),
            transfer("{ country: CH, safeguard: adequacy }")
        );
        assert!(lint_only("DC903", &lapsed).is_empty());
        assert_eq!(lint_only("DC603", &lapsed).len(), 1);
    }
}
