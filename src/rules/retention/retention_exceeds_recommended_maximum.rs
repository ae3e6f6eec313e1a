//! DC307 retention-exceeds-recommended-maximum: a retention longer than a maximum the CNIL
//! recommends (card data, exempt web audience measurement), with no `justification`; a card
//! kept for later purchases without consent; an exempt tracker that lives too long.

use super::common::{
    applies_to_category, applies_to_rule, calendar_limit, for_processing, group_by_reference,
    kept_categories, lookup_keys, over_maximum, total_kept,
};
use super::in_words_in;
use crate::finding::Finding;
use crate::model::{AudienceMeasurement, CardRetention, LegalBasis, Processing};
use crate::policy::PolicyTables;
use crate::rules::Context;
use crate::t;

declare_rule! {
    code: "DC307",
    name: "retention-exceeds-recommended-maximum",
    severity: Warning,
    check: check,
}

/// Card data: what a card kept `on-file` is about.
const CARD: &str = "payment";

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for processing in &context.inventory.processings {
        let item = &processing.item;
        let maxima = for_processing(context.policy.retention_maxima.values(), item);
        // A node over a statutory ceiling is DC304's: not reported twice.
        let ceilings = for_processing(context.policy.retention_ceilings.values(), item);
        for (index, rule) in item.retention.iter().enumerate() {
            let categories = kept_categories(item, rule);
            if rule.card == Some(CardRetention::OnFile)
                && !has_consent(item)
                && categories
                    .iter()
                    .any(|category| PolicyTables::covers(CARD, category))
            {
                findings.push(on_file_without_consent(context, processing, index));
            }
            let justified = rule
                .justification
                .as_deref()
                .is_some_and(|text| !text.trim().is_empty());
            let kept = total_kept(rule);
            if justified || kept.is_indefinite() {
                continue;
            }
            let keys = lookup_keys(&categories);
            let statutory = |category: Option<&str>| {
                ceilings.iter().any(|ceiling| {
                    kept > calendar_limit(ceiling.duration)
                        && applies_to_rule(ceiling, rule)
                        && applies_to_category(ceiling, category)
                })
            };
            let exceeded = maxima
                .iter()
                .copied()
                .filter(|maximum| {
                    kept > calendar_limit(maximum.duration) && applies_to_rule(maximum, rule)
                })
                .flat_map(|maximum| {
                    keys.iter()
                        .copied()
                        .filter(|category| {
                            applies_to_category(maximum, *category) && !statutory(*category)
                        })
                        .map(move |category| (maximum, category))
                });
            for (maximum, categories) in group_by_reference(exceeded) {
                findings.push(over_maximum(
                    &RULE,
                    processing,
                    index,
                    rule,
                    maximum,
                    &categories,
                    context.locale,
                ));
            }
        }
        tracker_lifetime(context, processing, findings);
    }
}

/// Consent to keep the card: the processing runs on consent, or records consents.
fn has_consent(processing: &Processing) -> bool {
    processing.legal_basis == Some(LegalBasis::Consent)
        || processing
            .consent
            .as_ref()
            .and_then(|consent| consent.record.as_deref())
            .is_some_and(|record| !record.trim().is_empty())
}

fn on_file_without_consent(
    context: &Context<'_>,
    processing: &crate::model::Located<Processing>,
    index: usize,
) -> Finding {
    let locale = context.locale;
    RULE.finding(
        processing.at(format!("/retention/{index}/card")),
        t!(
            locale,
            "DC307.on-file.message",
            processing = processing.item.id
        ),
    )
    .with_label(t!(locale, "DC307.on-file.label"))
    .with_help(t!(locale, "DC307.on-file.help"))
}

/// The tracker of an exempt audience measurement living longer than the CNIL recommends.
fn tracker_lifetime(
    context: &Context<'_>,
    processing: &crate::model::Located<Processing>,
    findings: &mut Vec<Finding>,
) {
    let item = &processing.item;
    let (Some(AudienceMeasurement::Exempt), Some(lifetime), Some(maximum)) = (
        item.audience_measurement,
        item.tracker_lifetime,
        context.policy.tracker_lifetime_max.as_ref(),
    ) else {
        return;
    };
    if lifetime <= maximum.duration {
        return;
    }
    let locale = context.locale;
    let source = maximum
        .source
        .as_ref()
        .map(|source| t!(locale, "retention.cited", source = source.get(locale)))
        .unwrap_or_default();
    findings.push(
        RULE.finding(
            processing.at("/tracker_lifetime"),
            t!(
                locale,
                "DC307.tracker.message",
                processing = item.id,
                duration = in_words_in(lifetime, locale),
                limit = in_words_in(maximum.duration, locale),
                source = source,
            ),
        )
        .with_label(t!(
            locale,
            "DC307.tracker.label",
            limit = in_words_in(maximum.duration, locale)
        ))
        .with_help(t!(
            locale,
            "DC307.tracker.help",
            limit = in_words_in(maximum.duration, locale)
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::processing;
    use crate::rules::testing::{lint_only, pointers};

    const CARD: &str =
        "purpose: ticketing\ndata_subjects: [spectators]\ndata_categories: [payment.card-number]";

    #[test]
    fn card_proof_over_13_months_and_a_justification_lifts_it() {
        let findings = lint_only(
            "DC307",
            &processing(CARD, "  - { duration: 14mo, from: debit }"),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let message = &findings[0].message;
        assert!(
            message.starts_with("processing `test` keeps `payment.card-number` for 14 months, beyond the maximum of 13 months from the debit that the CNIL recommends"),
            "{message}"
        );
        assert!(message.contains("2018-303"), "{message}");
        let justified = processing(
            CARD,
            "  - { duration: 14mo, from: debit, justification: \"chargeback window of our acquirer, contract 2026-04\" }",
        );
        assert!(lint_only("DC307", &justified).is_empty());
    }

    #[test]
    fn cctv_of_premises_not_open_to_the_public_is_the_cnil_doctrine() {
        // Only staff filmed (backstage): the CNIL's month, a warning; the public filmed too:
        // the statute's, DC304's error, not reported twice.
        let backstage = "purpose: cctv\ndata_subjects: [staff]\ndata_categories: [images]";
        let findings = lint_only(
            "DC307",
            &processing(backstage, "  - { duration: 2mo, from: collection }"),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            lint_only(
                "DC307",
                &processing(backstage, "  - { duration: 31d, from: collection }")
            )
            .is_empty()
        );
        assert!(
            lint_only(
                "DC304",
                &processing(backstage, "  - { duration: 2mo, from: collection }")
            )
            .is_empty()
        );
        let hall = "purpose: cctv\ndata_subjects: [spectators, staff]\ndata_categories: [images]";
        assert!(
            lint_only(
                "DC307",
                &processing(hall, "  - { duration: 2mo, from: collection }")
            )
            .is_empty()
        );
        assert_eq!(
            lint_only(
                "DC304",
                &processing(hall, "  - { duration: 2mo, from: collection }")
            )
            .len(),
            1
        );
    }

    #[test]
    fn deferred_debit_allows_15_months() {
        let kept = |retention: &str| lint_only("DC307", &processing(CARD, retention)).len();
        assert_eq!(
            kept("  - { duration: 15mo, from: debit, card: deferred-debit }"),
            0
        );
        assert_eq!(
            kept("  - { duration: 16mo, from: debit, card: deferred-debit }"),
            1
        );
        assert_eq!(kept("  - { duration: 15mo, from: debit }"), 1);
    }

    #[test]
    fn a_card_on_file_needs_consent_and_has_no_maximum() {
        let retention = "  - { duration: 3y, from: collection, card: on-file }";
        let findings = lint_only("DC307", &processing(CARD, retention));
        assert_eq!(pointers(&findings), ["/retention/0/card"]);
        assert!(
            findings[0].message.contains("specific consent"),
            "{}",
            findings[0].message
        );
        let consented = format!(
            "{}consent: {{ record: \"unticked box 'remember my card', date and wording stored\" }}\n",
            processing(CARD, retention)
        );
        assert!(lint_only("DC307", &consented).is_empty());
        // Instalments: until the last payment, no maximum and no consent needed.
        assert!(
            lint_only(
                "DC307",
                &processing(
                    CARD,
                    "  - { duration: 1y, from: transaction, card: instalments }"
                )
            )
            .is_empty()
        );
    }

    #[test]
    fn exempt_audience_measurement_keeps_25_months_and_its_tracker_lives_13() {
        let exempt = "purpose: audience-analytics\naudience_measurement: exempt\ndata_subjects: [website-visitors]\ndata_categories: [connection.cookies, connection.logs]";
        assert!(
            lint_only(
                "DC307",
                &processing(exempt, "  - { duration: 25mo, from: collection }")
            )
            .is_empty()
        );
        let findings = lint_only(
            "DC307",
            &processing(exempt, "  - { duration: 3y, from: collection }"),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0]
                .message
                .contains("`connection.cookies`, `connection.logs`"),
            "{}",
            findings[0].message
        );
        // Attendance statistics from ticketing (not an exempt web measurement): not concerned.
        let attendance = "purpose: audience-analytics\ndata_subjects: [spectators]\ndata_categories: [transaction.order]";
        assert!(
            lint_only(
                "DC307",
                &processing(attendance, "  - { duration: 5y, from: event }")
            )
            .is_empty()
        );
        let lifetime = format!("{exempt}\ntracker_lifetime: 25mo");
        let findings = lint_only(
            "DC307",
            &processing(&lifetime, "  - { duration: 25mo, from: collection }"),
        );
        assert_eq!(pointers(&findings), ["/tracker_lifetime"]);
        let lifetime = format!("{exempt}\ntracker_lifetime: 13mo");
        assert!(
            lint_only(
                "DC307",
                &processing(&lifetime, "  - { duration: 25mo, from: collection }")
            )
            .is_empty()
        );
    }
}
