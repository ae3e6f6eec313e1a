//! DC602 dpa-expired: a data-processing agreement whose `expires` date is past.

use crate::finding::Finding;
use crate::rules::Context;

declare_rule! {
    code: "DC602",
    name: "dpa-expired",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    for party in &context.inventory.parties {
        let item = &party.item;
        let Some(expires) = item.dpa.as_ref().and_then(|dpa| dpa.expires) else {
            continue;
        };
        if expires.civil() >= context.today {
            continue;
        }
        findings.push(
            RULE.finding(
                party.at("/dpa/expires"),
                crate::t!(
                    locale,
                    "DC602.message",
                    id = item.id,
                    name = item.name,
                    expires = expires
                ),
            )
            .with_label(crate::t!(locale, "DC602.label", expires = expires))
            .with_help(crate::t!(locale, "DC602.help")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{lint_on, lint_only};

    fn party(expires: &str) -> String {
        format!(
            "kind: party\nid: relatio\nname: Relatio\nroles: [processor]\ndpa: {{ signed: 2022-01-15, expires: {expires} }}\n"
        )
    }

    #[test]
    fn a_past_expiry_fires_on_the_date() {
        let findings = lint_only("DC602", &party("2026-05-31"));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/dpa/expires"));
        assert!(findings[0].message.contains("2026-05-31"));
    }

    #[test]
    fn today_and_later_are_still_valid() {
        assert!(lint_only("DC602", &party("2026-06-01")).is_empty());
        assert!(lint_only("DC602", &party("2027-01-01")).is_empty());
    }

    #[test]
    fn today_is_the_context_date_not_the_clock() {
        assert!(
            lint_on(
                "DC602",
                &party("2025-01-14"),
                jiff::civil::date(2024, 12, 31)
            )
            .is_empty()
        );
        assert_eq!(
            lint_on(
                "DC602",
                &party("2025-01-14"),
                jiff::civil::date(2025, 1, 15)
            )
            .len(),
            1
        );
    }

    #[test]
    fn no_expiry_is_not_this_rule() {
        assert!(
            lint_only(
                "DC602",
                "kind: party\nid: relatio\nname: Relatio\ndpa: { signed: 2022-01-15 }\n"
            )
            .is_empty()
        );
    }
}
