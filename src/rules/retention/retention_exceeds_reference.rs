//! DC301 retention-exceeds-reference: a retention longer than the reference duration for its
//! purpose, data subjects and categories, with no `justification`.

use super::common::{
    applies_to_category, applies_to_rule, archive_note, cited, for_processing, group_by_reference,
    kept_as_minimum, kept_categories, limiting_reference, lookup_keys, name_categories,
    reference_in_words, total_kept,
};
use super::in_words_in;
use crate::finding::{Finding, Severity};
use crate::rules::{Context, Docs, Family, Rule};
use crate::t;

pub static RULE: Rule = Rule {
    code: "DC301",
    name: "retention-exceeds-reference",
    family: Family::Retention,
    severity: Severity::Warning,
    docs: Docs {
        failing: "kind: processing\nid: newsletter\nname: Lettre d'information\npurpose: newsletter\nlegal_basis: consent\ndata_subjects: [prospects]\ndata_categories: [identity.email]\nretention:\n  - { categories: [identity.email], duration: 5y, from: last-contact, then: delete }\n",
        passing: "kind: processing\nid: newsletter\nname: Lettre d'information\npurpose: newsletter\nlegal_basis: consent\ndata_subjects: [prospects]\ndata_categories: [identity.email]\nretention:\n  - { categories: [identity.email], duration: 3y, from: last-contact, then: delete }\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for processing in &context.inventory.processings {
        let item = &processing.item;
        let candidates = for_processing(context.policy.retention_references.values(), item);
        // The statutory ceilings (DC304) and the CNIL's recommended maxima (DC307) report the
        // data they cover themselves: no second finding here on the same node.
        let policy = context.policy;
        let maxima = for_processing(
            policy
                .retention_ceilings
                .values()
                .chain(policy.retention_maxima.values()),
            item,
        );
        for (index, rule) in item.retention.iter().enumerate() {
            let justified = rule
                .justification
                .as_deref()
                .is_some_and(|text| !text.trim().is_empty());
            let kept = total_kept(rule);
            // DC302 reports indefinite retention; comparing it again would repeat the finding.
            // And when no reference that applies is shorter, no limit can be exceeded.
            if justified
                || kept.is_indefinite()
                || candidates
                    .iter()
                    .all(|reference| kept <= reference.duration)
            {
                continue;
            }
            let categories = kept_categories(item, rule);
            let reported_elsewhere = |category: Option<&str>| {
                maxima.iter().any(|maximum| {
                    kept > maximum.duration
                        && applies_to_rule(maximum, rule)
                        && applies_to_category(maximum, category)
                })
            };
            let exceeded = lookup_keys(&categories).into_iter().filter_map(|category| {
                if kept_as_minimum(&candidates, rule, category) || reported_elsewhere(category) {
                    return None;
                }
                limiting_reference(&candidates, rule, category)
                    .filter(|reference| kept > reference.duration)
                    .map(|reference| (reference, category))
            });
            for (reference, categories) in group_by_reference(exceeded) {
                let locale = context.locale;
                let limit = reference_in_words(reference, locale);
                let message = t!(
                    locale,
                    "DC301.message",
                    processing = item.id,
                    categories = name_categories(&categories, locale),
                    duration = in_words_in(kept, locale),
                    reference = reference.id,
                    limit = limit,
                    source = cited(reference, locale),
                );
                let note = reference
                    .note
                    .as_ref()
                    .map(|note| t!(locale, "DC301.note", note = note.get(locale)))
                    .unwrap_or_default();
                findings.push(
                    RULE.finding(
                        processing.at(format!("/retention/{index}/duration")),
                        message,
                    )
                    .with_label(t!(
                        locale,
                        "DC301.label",
                        duration = in_words_in(reference.duration, locale),
                        archive = archive_note(rule, locale),
                    ))
                    .with_help(t!(
                        locale,
                        "DC301.help",
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

    const NEWSLETTER: &str = "purpose: newsletter\ndata_subjects: [spectators, prospects]\ndata_categories: [identity.email, identity.name]";

    #[test]
    fn names_the_processing_the_categories_and_the_reference() {
        let yaml = processing(
            NEWSLETTER,
            "  - { categories: [identity], duration: 5y, from: last-contact }",
        );
        let findings = lint_only("DC301", &yaml);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let finding = &findings[0];
        assert!(finding.message.starts_with("processing `test` keeps `identity.email`, `identity.name` for 5 years; the reference `"), "{}", finding.message);
        assert!(
            finding.message.contains("is 3 years from"),
            "{}",
            finding.message
        );
        assert!(finding.message.contains("CNIL"), "{}", finding.message);
        assert_eq!(finding.location.pointer(), Some("/retention/0/duration"));
        assert!(
            finding
                .help
                .as_deref()
                .is_some_and(|help| help.contains("justification"))
        );
    }

    #[test]
    fn a_justification_lifts_it_but_not_an_empty_one() {
        let justified = processing(
            NEWSLETTER,
            "  - { categories: [identity.email], duration: 5y, from: last-contact, justification: \"court order of 2025-03-12 requires keeping the list\" }",
        );
        assert!(lint_only("DC301", &justified).is_empty());
        let blank = processing(
            NEWSLETTER,
            "  - { categories: [identity.email], duration: 5y, from: last-contact, justification: \"  \" }",
        );
        assert_eq!(lint_only("DC301", &blank).len(), 1);
    }

    #[test]
    fn the_archive_stage_counts() {
        let yaml = processing(
            NEWSLETTER,
            "  - { categories: [identity.email], duration: 2y, from: last-contact, then: archive, archive: { duration: 2y } }",
        );
        let findings = lint_only("DC301", &yaml);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(findings[0].message.contains("for 4 years"));
    }

    #[test]
    fn no_double_report_with_a_ceiling_or_a_recommended_maximum() {
        // CCTV images beyond the month are DC304's, card proof beyond 13 months DC307's.
        let cctv = "purpose: cctv\ndata_subjects: [spectators]\ndata_categories: [images]";
        assert!(
            lint_only(
                "DC301",
                &processing(cctv, "  - { duration: 3mo, from: collection }")
            )
            .is_empty()
        );
        let card = "purpose: ticketing\ndata_subjects: [spectators]\ndata_categories: [payment.card-number]";
        assert!(
            lint_only(
                "DC301",
                &processing(card, "  - { duration: 2y, from: debit }")
            )
            .is_empty()
        );
        // The access log of the CCTV system is not an image: no one-month reference.
        let log = "purpose: cctv\ndata_subjects: [staff]\ndata_categories: [connection.logs]";
        assert!(
            lint_only(
                "DC301",
                &processing(log, "  - { duration: 6mo, from: collection }")
            )
            .is_empty()
        );
    }

    #[test]
    fn card_cases_pick_their_reference() {
        let card = "purpose: ticketing\ndata_subjects: [spectators]\ndata_categories: [payment.card-number]";
        // A deferred-debit card proof: 15 months from the debit.
        assert!(
            lint_only(
                "DC301",
                &processing(
                    card,
                    "  - { duration: 15mo, from: debit, card: deferred-debit }"
                )
            )
            .is_empty()
        );
        // A card on file until it expires: no card reference, the customers' 5 years apply.
        assert!(
            lint_only(
                "DC301",
                &processing(
                    card,
                    "  - { duration: 3y, from: collection, card: on-file }"
                )
            )
            .is_empty()
        );
    }

    #[test]
    fn the_longest_applicable_reference_is_the_limit() {
        // Card numbers: kept for the purchase (0 days) or as proof (13 months): 13 months is fine.
        let header = "purpose: ticketing\ndata_subjects: [spectators]\ndata_categories: [payment.card-number]";
        assert!(
            lint_only(
                "DC301",
                &processing(header, "  - { duration: 13mo, from: debit }")
            )
            .is_empty()
        );
    }

    #[test]
    fn a_reference_on_a_child_applies_to_a_parent_rule() {
        // The rule keeps `connection`, which the processing declares as such: the cookie
        // reference (13 months) applies to it.
        let header = "purpose: other\ndescription: Site web\ndata_subjects: [website-visitors]\ndata_categories: [connection]";
        let findings = lint_only(
            "DC301",
            &processing(
                header,
                "  - { categories: [connection], duration: 2y, from: collection }",
            ),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0].message.contains("`cookies-trackers`"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn silent_without_a_reference_or_when_indefinite() {
        // No reference for this purpose and these categories.
        let header = "purpose: other\ndescription: Logs\ndata_categories: [connection.logs]";
        assert!(
            lint_only(
                "DC301",
                &processing(header, "  - { duration: 10y, from: collection }")
            )
            .is_empty()
        );
        // Indefinite is DC302's.
        assert!(
            lint_only(
                "DC301",
                &processing(
                    NEWSLETTER,
                    "  - { duration: indefinite, from: last-contact }"
                )
            )
            .is_empty()
        );
    }

    #[test]
    fn subject_filters_must_match() {
        // The prospect references need prospects or customers among the data subjects.
        let header =
            "purpose: newsletter\ndata_subjects: [artists]\ndata_categories: [identity.name]";
        assert!(
            lint_only(
                "DC301",
                &processing(header, "  - { duration: 5y, from: last-contact }")
            )
            .is_empty()
        );
    }

    #[test]
    fn one_finding_per_limiting_reference() {
        // A consent-based audience measurement: the cookies have the 13-month reference, the
        // logs none (the 25 months are for an exempt measurement only): one finding, on cookies.
        let header = "purpose: audience-analytics\naudience_measurement: consent\ndata_subjects: [website-visitors]\ndata_categories: [connection.cookies, connection.logs]";
        let findings = lint_only(
            "DC301",
            &processing(header, "  - { duration: 3y, from: collection }"),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0]
                .message
                .contains("keeps `connection.cookies` for 3 years"),
            "{}",
            findings[0].message
        );
        assert!(
            findings[0]
                .message
                .contains("`cookies-trackers` is 13 months"),
            "{}",
            findings[0].message
        );
        // Two categories with two different references: two findings.
        let header = "purpose: other\ndescription: Divers\ndata_categories: [connection.cookies, transaction.invoice]";
        let findings = lint_only(
            "DC301",
            &processing(header, "  - { duration: 11y, from: collection }"),
        );
        assert_eq!(findings.len(), 2, "{findings:#?}");
    }

    #[test]
    fn a_minimum_reference_sets_no_upper_limit() {
        // `suppression-lists` is at least 3 years from the objection: a suppression list kept
        // 5 years is not compared with the prospects' 3 years either.
        let yaml = processing(
            NEWSLETTER,
            "  - { categories: [identity.email], duration: 5y, from: withdrawal }",
        );
        assert!(lint_only("DC301", &yaml).is_empty());
        let yaml = processing(
            NEWSLETTER,
            "  - { categories: [identity.email], duration: 4y, from: last-contact }",
        );
        let findings = lint_only("DC301", &yaml);
        assert!(
            findings[0].message.contains("`prospects`"),
            "{}",
            findings[0].message
        );
    }
}
