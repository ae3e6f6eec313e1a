//! DC304 retention-hard-ceiling: a retention beyond a maximum set by statute (CCTV recordings
//! in places open to the public: one calendar month), which no justification lifts.

use super::common::{
    applies_to_category, applies_to_rule, calendar_limit, for_processing, group_by_reference,
    kept_categories, lookup_keys, over_maximum, total_kept,
};
use crate::finding::Finding;
use crate::rules::Context;

declare_rule! {
    code: "DC304",
    name: "retention-hard-ceiling",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for processing in &context.inventory.processings {
        let item = &processing.item;
        let ceilings = for_processing(context.policy.retention_ceilings.values(), item);
        if ceilings.is_empty() {
            continue;
        }
        for (index, rule) in item.retention.iter().enumerate() {
            let kept = total_kept(rule);
            // DC302 reports indefinite retention.
            if kept.is_indefinite()
                || ceilings
                    .iter()
                    .all(|ceiling| kept <= calendar_limit(ceiling.duration))
            {
                continue;
            }
            let categories = kept_categories(item, rule);
            let keys = lookup_keys(&categories);
            let exceeded = ceilings
                .iter()
                .copied()
                .filter(|ceiling| {
                    kept > calendar_limit(ceiling.duration) && applies_to_rule(ceiling, rule)
                })
                .flat_map(|ceiling| {
                    keys.iter()
                        .copied()
                        .filter(|category| applies_to_category(ceiling, *category))
                        .map(move |category| (ceiling, category))
                });
            for (ceiling, categories) in group_by_reference(exceeded) {
                findings.push(over_maximum(
                    &RULE,
                    processing,
                    index,
                    rule,
                    ceiling,
                    &categories,
                    context.locale,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::processing;
    use crate::rules::testing::lint_only;

    const CCTV: &str = "purpose: cctv\ndata_subjects: [spectators, staff]\ndata_categories: [images, connection.logs]";

    #[test]
    fn a_justification_does_not_lift_it() {
        let findings = lint_only(
            "DC304",
            &processing(
                CCTV,
                "  - { categories: [images], duration: 3mo, from: collection, justification: \"the insurer asks for it\" }",
            ),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let message = &findings[0].message;
        assert!(
            message.contains("beyond the maximum of 1 month"),
            "{message}"
        );
        assert!(message.contains("L252-5"), "{message}");
    }

    #[test]
    fn one_calendar_month_allows_31_days() {
        let kept = |duration: &str| {
            lint_only(
                "DC304",
                &processing(
                    CCTV,
                    &format!(
                        "  - {{ categories: [images], duration: {duration}, from: collection }}"
                    ),
                ),
            )
            .len()
        };
        assert_eq!(kept("30d"), 0);
        assert_eq!(kept("31d"), 0);
        assert_eq!(kept("1mo"), 0);
        assert_eq!(kept("32d"), 1);
        assert_eq!(kept("indefinite"), 0);
    }

    #[test]
    fn only_the_images_and_the_archive_counts() {
        // The access log of the CCTV system is not a recording.
        assert!(
            lint_only(
                "DC304",
                &processing(
                    CCTV,
                    "  - { categories: [connection.logs], duration: 6mo, from: collection }"
                )
            )
            .is_empty()
        );
        let findings = lint_only(
            "DC304",
            &processing(
                CCTV,
                "  - { categories: [images], duration: 20d, from: collection, then: archive, archive: { duration: 20d } }",
            ),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0].message.contains("for 40 days"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn recommendations_are_not_its_business() {
        // Card proof and trackers are the CNIL's recommended maxima (DC307), not statute.
        let header = "purpose: ticketing\ndata_subjects: [spectators]\ndata_categories: [payment.card-number, connection.cookies]";
        assert!(
            lint_only(
                "DC304",
                &processing(header, "  - { duration: 3y, from: debit }")
            )
            .is_empty()
        );
    }
}
