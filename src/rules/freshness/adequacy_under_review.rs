//! DC903 adequacy-under-review: a transfer relies on an adequacy decision that has a sunset or
//! is challenged in court.

use crate::finding::{Finding, Severity};
use crate::i18n::Locale;
use crate::model::{AdequacyDecision, Safeguard};
use crate::rules::{Context, Docs, Family, Rule};
use crate::t;

pub static RULE: Rule = Rule {
    code: "DC903",
    name: "adequacy-under-review",
    family: Family::Freshness,
    severity: Severity::Info,
    docs: Docs {
        failing: "kind: processing\nid: newsletter\nname: Lettre d'information\npurpose: newsletter\ntransfers:\n  - { country: US, recipient: mailchimp, safeguard: adequacy }\n",
        passing: "kind: processing\nid: newsletter\nname: Lettre d'information\npurpose: newsletter\ntransfers:\n  - { country: US, recipient: mailchimp, safeguard: scc, reference: \"SCC module 2 signed 2025-04-02, TIA-2025-01\" }\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let (decisions, locale) = (&context.policy.transfers.adequacy, context.locale);
    for processing in &context.inventory.processings {
        for (t, transfer) in processing.item.transfers.iter().enumerate() {
            if !matches!(transfer.safeguard, None | Some(Safeguard::Adequacy)) {
                continue;
            }
            let Some(country) = &transfer.country else {
                continue;
            };
            for decision in decisions.iter().filter(|d| &d.country == country) {
                let Some(status) = status(decision, context.today, locale) else {
                    continue;
                };
                let name = decision
                    .decision
                    .as_ref()
                    .map_or(decision.id.as_str(), |name| name.get(locale));
                findings.push(RULE.localized(
                    locale,
                    processing.at(format!("/transfers/{t}/country")),
                    &[
                        ("id", &processing.item.id),
                        ("country", &country),
                        ("decision", &decision.id),
                        ("name", &name),
                        ("status", &status),
                    ],
                ));
            }
        }
    }
}

/// Why the decision is fragile, in words; `None` when it is not.
fn status(decision: &AdequacyDecision, today: jiff::civil::Date, locale: Locale) -> Option<String> {
    let sunset = decision.sunset.map(|sunset| {
        if sunset.civil() < today {
            t!(locale, "DC903.lapsed", date = sunset)
        } else {
            t!(locale, "DC903.lapses", date = sunset)
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
            uk[0].message.contains("lapses on 2031"),
            "{}",
            uk[0].message
        );
    }

    #[test]
    fn stable_decisions_and_other_safeguards_are_silent() {
        assert!(lint_only("DC903", &transfer("{ country: CH, safeguard: adequacy }")).is_empty());
        assert!(lint_only("DC903", &transfer("{ country: US, safeguard: scc }")).is_empty());
        assert!(lint_only("DC903", &transfer("{ recipient: x, safeguard: adequacy }")).is_empty());
    }

    #[test]
    fn a_workspace_pack_can_add_a_sunset() {
        let pack = "kind: policy\nid: house\ntransfers:\n  adequacy:\n    - { id: switzerland, country: CH, sunset: 2026-01-01 }\n---\n";
        let findings = lint_only(
            "DC903",
            &format!("{pack}{}", transfer("{ country: CH, safeguard: adequacy }")),
        );
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("lapsed on 2026-01-01"),
            "{}",
            findings[0].message
        );
    }
}
