//! DC304 retention-hard-ceiling: a retention beyond a legal maximum (card proof, CCTV,
//! trackers, exempt audience measurement), which no justification lifts.

use super::common::{
    applies_to_category, archive_note, cited, for_processing, group_by_reference, kept_categories,
    lookup_keys, name_categories, reference_in_words, total_kept,
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
        failing: "kind: processing\nid: ticket-sales\nname: Vente de billets\npurpose: ticketing\nlegal_basis: contract\ndata_subjects: [spectators]\ndata_categories: [payment.card-number, payment.card-expiry]\nretention:\n  - { categories: [payment.card-number, payment.card-expiry], duration: 2y, from: debit, then: delete }\n",
        passing: "kind: processing\nid: ticket-sales\nname: Vente de billets\npurpose: ticketing\nlegal_basis: contract\ndata_subjects: [spectators]\ndata_categories: [payment.card-number, payment.card-expiry]\nretention:\n  - { categories: [payment.card-number, payment.card-expiry], duration: 13mo, from: debit, then: delete }\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for processing in &context.inventory.processings {
        let item = &processing.item;
        let ceilings = for_processing(context.policy.retention_ceilings.values(), item);
        for (index, rule) in item.retention.iter().enumerate() {
            let kept = total_kept(rule);
            // DC302 reports indefinite retention. And with no shorter ceiling for this
            // processing, there is nothing to compare category by category.
            if kept.is_indefinite() || ceilings.iter().all(|ceiling| kept <= ceiling.duration) {
                continue;
            }
            let categories = kept_categories(item, rule);
            let keys = lookup_keys(&categories);
            let exceeded = ceilings
                .iter()
                .copied()
                .filter(|ceiling| kept > ceiling.duration)
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

    #[test]
    fn card_proof_over_13_months() {
        let header = "purpose: ticketing\ndata_subjects: [spectators]\ndata_categories: [payment.card-number]";
        let findings = lint_only(
            "DC304",
            &processing(header, "  - { duration: 14mo, from: debit }"),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let message = &findings[0].message;
        assert!(message.starts_with("processing `test` keeps `payment.card-number` for 14 months, beyond the legal maximum of 13 months from the debit"), "{message}");
        assert!(
            findings[0]
                .help
                .as_deref()
                .is_some_and(|help| help.contains("15 months"))
        );
    }

    #[test]
    fn a_justification_does_not_lift_it() {
        let header = "purpose: cctv\ndata_subjects: [spectators, staff]\ndata_categories: [images]";
        let findings = lint_only(
            "DC304",
            &processing(
                header,
                "  - { duration: 3mo, from: collection, justification: \"the insurer asks for it\" }",
            ),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(findings[0].message.contains("1 month"));
    }

    #[test]
    fn the_archive_counts_and_a_parent_category_is_covered() {
        // `payment` covers the card number the ceiling is about.
        let header = "purpose: ticketing\ndata_subjects: [spectators]\ndata_categories: [payment]";
        let findings = lint_only(
            "DC304",
            &processing(
                header,
                "  - { categories: [payment], duration: 6mo, from: debit, then: archive, archive: { duration: 12mo } }",
            ),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(findings[0].message.contains("for 18 months"));
    }

    #[test]
    fn at_the_ceiling_is_fine_and_every_ceiling_is_checked() {
        let header = "purpose: audience-analytics\ndata_subjects: [website-visitors]\ndata_categories: [connection.cookies, connection.logs]";
        assert!(
            lint_only(
                "DC304",
                &processing(
                    header,
                    "  - { categories: [connection.cookies], duration: 13mo, from: collection }"
                )
            )
            .is_empty()
        );
        // 2 years: cookies break the 13-month tracker ceiling, logs stay within 25 months.
        let findings = lint_only(
            "DC304",
            &processing(header, "  - { duration: 2y, from: collection }"),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0].message.contains("`connection.cookies`")
                && !findings[0].message.contains("logs")
        );
        // 3 years: both ceilings are broken, one finding each.
        assert_eq!(
            lint_only(
                "DC304",
                &processing(header, "  - { duration: 3y, from: collection }")
            )
            .len(),
            2
        );
    }

    #[test]
    fn cctv_days_compare_with_the_month() {
        let header = "purpose: cctv\ndata_subjects: [spectators]\ndata_categories: [images]";
        assert!(
            lint_only(
                "DC304",
                &processing(header, "  - { duration: 30d, from: collection }")
            )
            .is_empty()
        );
        assert_eq!(
            lint_only(
                "DC304",
                &processing(header, "  - { duration: 31d, from: collection }")
            )
            .len(),
            1
        );
        assert!(
            lint_only(
                "DC304",
                &processing(header, "  - { duration: indefinite, from: collection }")
            )
            .is_empty()
        );
    }
}
