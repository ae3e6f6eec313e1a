//! DC304 retention-hard-ceiling: a retention beyond a maximum set by statute (CCTV recordings
//! in places open to the public: one calendar month), which no justification lifts.

use super::common::{
    applies_to_category, applies_to_rule, archive_note, calendar_limit, cited, for_processing,
    group_by_reference, kept_categories, lookup_keys, name_categories, reference_in_words,
    total_kept,
};
use super::in_words_in;
use crate::finding::{Finding, Severity};
use crate::rules::{Context, Docs, Family, Rule};
use crate::t;

pub static RULE: Rule = Rule {
    code: "DC304",
    name: "retention-hard-ceiling",
    family: Family::Retention,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: processing\nid: cctv\nname: Vidéoprotection du hall\npurpose: cctv\nlegal_basis: legitimate-interests\ndata_subjects: [spectators, staff]\ndata_categories: [images, connection.logs]\nretention:\n  - { categories: [images], duration: 3mo, from: collection, then: delete }\n  - { categories: [connection.logs], duration: 6mo, from: collection, then: delete }\n",
        passing: "kind: processing\nid: cctv\nname: Vidéoprotection du hall\npurpose: cctv\nlegal_basis: legitimate-interests\ndata_subjects: [spectators, staff]\ndata_categories: [images, connection.logs]\nretention:\n  - { categories: [images], duration: 31d, from: collection, then: delete }\n  - { categories: [connection.logs], duration: 6mo, from: collection, then: delete }\n",
    },
    check: Some(check),
};

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
                let locale = context.locale;
                let limit = reference_in_words(ceiling, locale);
                let note = ceiling
                    .note
                    .as_ref()
                    .map(|note| t!(locale, "DC304.note", note = note.get(locale)))
                    .unwrap_or_default();
                findings.push(
                    RULE.finding(
                        processing.at(format!("/retention/{index}/duration")),
                        t!(
                            locale,
                            "DC304.message",
                            processing = item.id,
                            categories = name_categories(&categories, locale),
                            duration = in_words_in(kept, locale),
                            limit = limit,
                            source = cited(ceiling, locale),
                        ),
                    )
                    .with_label(t!(
                        locale,
                        "DC304.label",
                        duration = in_words_in(ceiling.duration, locale),
                        archive = archive_note(rule, locale),
                    ))
                    .with_help(t!(
                        locale,
                        "DC304.help",
                        limit = limit,
                        note = note
                    )),
                );
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
