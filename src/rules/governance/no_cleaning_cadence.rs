//! DC407 no-cleaning-cadence: the charter sets no deduplication or contact-update cadence.

use super::{charter_anchor, charter_name};
use crate::finding::Finding;
use crate::rules::Context;
use crate::t;

declare_rule! {
    code: "DC407",
    name: "no-cleaning-cadence",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for charter in &context.inventory.charters {
        let (location, missing) = match &charter.item.cleaning {
            None => (charter_anchor(charter), "DC407.missing.cleaning"),
            Some(cleaning) => match (&cleaning.deduplication, &cleaning.contact_update) {
                (Some(_), Some(_)) => continue,
                (None, Some(_)) => (charter.at("/cleaning"), "DC407.missing.deduplication"),
                (Some(_), None) => (charter.at("/cleaning"), "DC407.missing.contact-update"),
                (None, None) => (charter.at("/cleaning"), "DC407.missing.cleaning"),
            },
        };
        let locale = context.locale;
        let missing = t!(locale, missing);
        findings.push(
            RULE.finding(
                location,
                t!(
                    locale,
                    "DC407.message",
                    charter = charter_name(charter, locale),
                    missing = missing,
                ),
            )
            .with_label(missing)
            .with_help(t!(locale, "DC407.help")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    #[test]
    fn no_cleaning_points_at_the_charter() {
        let findings = lint_only("DC407", "kind: charter\ndata_referent: cleroy\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/kind"));
        assert!(findings[0].message.contains("no cleaning cadence"));
    }

    #[test]
    fn an_owner_alone_is_no_cadence() {
        let findings = lint_only("DC407", "kind: charter\ncleaning: { owner: cleroy }\n");
        assert_eq!(findings[0].location.pointer(), Some("/cleaning"));
        assert!(findings[0].message.contains("no cleaning cadence"));
    }

    #[test]
    fn a_missing_deduplication_is_named() {
        let findings = lint_only(
            "DC407",
            "kind: charter\ncleaning: { contact-update: 12mo }\n",
        );
        assert!(findings[0].message.contains("no deduplication cadence"));
    }

    #[test]
    fn no_charter_is_left_to_dc406() {
        assert!(lint_only("DC407", "kind: organisation\nid: qs\nname: QS\n").is_empty());
    }
}
