//! DC301 retention-exceeds-reference: a retention longer than the reference duration for its
//! purpose, data subjects and categories, with no `justification`.

use super::common::{
    archive_note, cited, for_processing, group_by_reference, kept_categories, limiting_reference,
    lookup_keys, name_categories, reference_in_words, total_kept,
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
            let exceeded = lookup_keys(&categories).into_iter().filter_map(|category| {
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
        // Both categories are limited by the 25-month audience-measurement reference (the
        // longest that applies, though cookies alone would be 13 months): one finding.
        let header = "purpose: audience-analytics\ndata_subjects: [website-visitors]\ndata_categories: [connection.cookies, connection.logs]";
        let findings = lint_only(
            "DC301",
            &processing(header, "  - { duration: 3y, from: collection }"),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0]
                .message
                .contains("`connection.cookies`, `connection.logs` for 3 years"),
            "{}",
            findings[0].message
        );
        assert!(
            findings[0].message.contains("25 months"),
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
    fn equal_references_prefer_the_rule_start_event() {
        // `prospects` (3 years from the last contact) and `suppression-lists` (3 years from the
        // withdrawal) both apply to an email address of a newsletter.
        let yaml = processing(
            NEWSLETTER,
            "  - { categories: [identity.email], duration: 4y, from: withdrawal }",
        );
        let findings = lint_only("DC301", &yaml);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0].message.contains("`suppression-lists`"),
            "{}",
            findings[0].message
        );
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
