//! DC205 accessibility-needs-unbounded: the service a spectator needs, recorded without
//! explicit consent or kept longer than the event plus a short follow-up.

use crate::finding::{Finding, Severity};
use crate::i18n::Locale;
use crate::model::{
    Duration, Located, Processing, RetentionEnd, RetentionReference, RetentionStart,
};
use crate::policy::PolicyTables;
use crate::rules::{Context, Docs, Family, Rule};

/// The category this rule is about (a child of it is covered too).
const ACCESSIBILITY_NEEDS: &str = "accessibility-needs";

pub static RULE: Rule = Rule {
    code: "DC205",
    name: "accessibility-needs-unbounded",
    family: Family::Sensitive,
    severity: Severity::Warning,
    docs: Docs {
        failing: "kind: processing\nid: accessibilite\nname: Services d'accessibilité\npurpose: accessibility-services\nlegal_basis: consent\ndata_subjects: [spectators]\ndata_categories: [identity.name, transaction.order, accessibility-needs]\nconsent: { mechanism: checkbox, record: \"Billetel stores the date and wording of the consent box\" }\nretention:\n  - { categories: [identity.name, transaction.order, accessibility-needs], duration: 3y, from: end-of-contract, then: delete }\n",
        passing: "kind: processing\nid: accessibilite\nname: Services d'accessibilité\npurpose: accessibility-services\nlegal_basis: consent\ndata_subjects: [spectators]\ndata_categories: [identity.name, transaction.order, accessibility-needs]\nconsent: { mechanism: checkbox, explicit: true, record: \"Billetel stores the date and wording of the consent box\" }\nretention:\n  - { categories: [identity.name, transaction.order, accessibility-needs], duration: 3mo, from: event, then: delete }\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for processing in &context.inventory.processings {
        let Some((index, category)) = processing
            .item
            .data_categories
            .iter()
            .enumerate()
            .find(|(_, category)| PolicyTables::covers(ACCESSIBILITY_NEEDS, category.as_str()))
        else {
            continue;
        };
        check_consent(processing, index, context.locale, findings);
        if let Some(reference) = reference(context.policy, &processing.item, category.as_str()) {
            check_retention(
                processing,
                category.as_str(),
                reference,
                context.locale,
                findings,
            );
        }
    }
}

fn check_consent(
    processing: &Located<Processing>,
    index: usize,
    locale: Locale,
    findings: &mut Vec<Finding>,
) {
    let consent = processing.item.consent.as_ref();
    if consent.is_some_and(|consent| consent.explicit == Some(true)) {
        return;
    }
    let location = match consent {
        Some(_) => processing.at("/consent/explicit"),
        None => processing.at(format!("/data_categories/{index}")),
    };
    findings.push(
        RULE.finding(
            location,
            crate::t!(
                locale,
                "DC205.consent.message",
                processing = processing.item.id,
                category = ACCESSIBILITY_NEEDS
            ),
        )
        .with_label(crate::t!(locale, "DC205.consent.label"))
        .with_help(crate::t!(locale, "DC205.consent.help")),
    );
}

fn check_retention(
    processing: &Located<Processing>,
    category: &str,
    reference: &RetentionReference,
    locale: Locale,
    findings: &mut Vec<Finding>,
) {
    let reference_text = kept_from(reference.duration, reference.from, locale);
    let cited = reference
        .source
        .as_ref()
        .map(|source| crate::t!(locale, "DC205.retention.cited", source = source.get(locale)))
        .unwrap_or_default();
    for (index, rule) in processing.item.retention.iter().enumerate() {
        let covers = rule.categories.is_empty()
            || rule
                .categories
                .iter()
                .any(|covered| PolicyTables::covers(covered.as_str(), category));
        if !covers {
            continue;
        }
        let kept = total_kept(
            rule.duration,
            rule.then,
            rule.archive.as_ref().map(|a| a.duration),
        );
        let starts_later = reference.from == Some(RetentionStart::Event)
            && rule.from.is_some_and(|start| !no_later_than_event(start));
        if kept <= reference.duration && !starts_later {
            continue;
        }
        findings.push(
            RULE.finding(
                processing.at(format!("/retention/{index}/duration")),
                crate::t!(
                    locale,
                    "DC205.retention.message",
                    processing = processing.item.id,
                    category = category,
                    kept = kept_from(kept, rule.from, locale),
                    reference = reference_text,
                    cited = cited
                ),
            )
            .with_label(crate::t!(locale, "DC205.retention.label"))
            .with_help(crate::t!(
                locale,
                "DC205.retention.help",
                category = category,
                duration = reference.duration
            )),
        );
    }
}

/// The longest reference of the `retention` pack whose filters match this processing and whose
/// categories cover `category` (several references are alternative lawful cases).
fn reference<'p>(
    policy: &'p PolicyTables,
    processing: &Processing,
    category: &str,
) -> Option<&'p RetentionReference> {
    policy
        .retention_references
        .values()
        .filter(|reference| {
            reference
                .categories
                .iter()
                .any(|covered| PolicyTables::covers(covered.as_str(), category))
        })
        .filter(|reference| {
            reference.purposes.is_empty()
                || processing
                    .purpose
                    .as_ref()
                    .is_some_and(|purpose| reference.purposes.contains(purpose))
        })
        .filter(|reference| {
            reference.subjects.is_empty()
                || processing
                    .data_subjects
                    .iter()
                    .any(|subject| reference.subjects.contains(subject))
        })
        .max_by_key(|reference| reference.duration)
}

/// How long the data lives in all: the active stage, plus the intermediate archive when the
/// rule ends in one.
fn total_kept(active: Duration, then: Option<RetentionEnd>, archive: Option<Duration>) -> Duration {
    match (then, archive) {
        (Some(RetentionEnd::Archive), Some(archive)) => add(active, archive),
        _ => active,
    }
}

fn add(a: Duration, b: Duration) -> Duration {
    match (a, b) {
        (
            Duration::Finite { months, hours },
            Duration::Finite {
                months: more_months,
                hours: more_hours,
            },
        ) => Duration::Finite {
            months: months.saturating_add(more_months),
            hours: hours.saturating_add(more_hours),
        },
        _ => Duration::Indefinite,
    }
}

/// Whether a start event comes at or before the performance: counting from it cannot reach past
/// the performance plus the same duration.
fn no_later_than_event(start: RetentionStart) -> bool {
    matches!(
        start,
        RetentionStart::Collection
            | RetentionStart::Transaction
            | RetentionStart::Debit
            | RetentionStart::Event
    )
}

/// "3 months from the event", "13 months" when the start is not said.
fn kept_from(duration: Duration, from: Option<RetentionStart>, locale: Locale) -> String {
    let duration = in_words(duration, locale);
    match from {
        Some(start) => crate::t!(
            locale,
            "sensitive.counted",
            duration = duration,
            from = crate::t!(locale, from_key(start))
        ),
        None => duration,
    }
}

/// A duration in words: "3 years", "13 months", "42 days"; a mix of months and hours keeps its
/// short form.
fn in_words(duration: Duration, locale: Locale) -> String {
    // Each unit has a singular and a plural template: 1 takes the first, any other count the
    // second (the same rule as before the catalogue, so English output does not change).
    let count = |amount: u32, one: &str, many: &str| {
        crate::t!(locale, if amount == 1 { one } else { many }, count = amount)
    };
    match duration {
        Duration::Indefinite => crate::t!(locale, "sensitive.duration.indefinite"),
        Duration::Finite { months, hours: 0 } if months > 0 && months % 12 == 0 => count(
            months / 12,
            "sensitive.duration.year",
            "sensitive.duration.years",
        ),
        Duration::Finite { months, hours: 0 } if months > 0 => count(
            months,
            "sensitive.duration.month",
            "sensitive.duration.months",
        ),
        Duration::Finite { months: 0, hours } if hours % 24 == 0 => count(
            hours / 24,
            "sensitive.duration.day",
            "sensitive.duration.days",
        ),
        Duration::Finite { months: 0, hours } => {
            count(hours, "sensitive.duration.hour", "sensitive.duration.hours")
        }
        mixed => mixed.to_string(),
    }
}

/// The catalogue key of "from the last contact" and the like: the preposition is part of each
/// phrase, since French contracts it with the article ("du dernier contact", "de la collecte").
fn from_key(start: RetentionStart) -> &'static str {
    match start {
        RetentionStart::Collection => "sensitive.from.collection",
        RetentionStart::LastContact => "sensitive.from.last-contact",
        RetentionStart::EndOfContract => "sensitive.from.end-of-contract",
        RetentionStart::Transaction => "sensitive.from.transaction",
        RetentionStart::Event => "sensitive.from.event",
        RetentionStart::Debit => "sensitive.from.debit",
        RetentionStart::EndOfFiscalYear => "sensitive.from.end-of-fiscal-year",
        RetentionStart::Withdrawal => "sensitive.from.withdrawal",
        RetentionStart::Request => "sensitive.from.request",
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{lint_only, pointers};

    const HEAD: &str = "kind: processing\nid: acc\nname: Accessibilité\npurpose: accessibility-services\ndata_subjects: [spectators]\ndata_categories: [identity.name, accessibility-needs]\n";
    const EXPLICIT: &str = "consent: { explicit: true, record: \"Billetel\" }\n";

    #[test]
    fn without_any_consent_block_it_points_at_the_category() {
        let findings = lint_only("DC205", HEAD);
        assert_eq!(pointers(&findings), ["/data_categories/1"]);
        assert!(findings[0].message.contains("explicit consent"));
    }

    #[test]
    fn an_archive_stage_counts_towards_the_total() {
        let yaml = format!(
            "{HEAD}{EXPLICIT}retention:\n  - {{ categories: [accessibility-needs], duration: 1mo, from: event, then: archive, archive: {{ duration: 1y }} }}\n"
        );
        let findings = lint_only("DC205", &yaml);
        assert_eq!(pointers(&findings), ["/retention/0/duration"]);
        assert!(
            findings[0].message.contains("13 months from the event"),
            "{}",
            findings[0].message
        );
        assert!(
            findings[0]
                .message
                .contains("at most 3 months from the event"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn a_short_duration_from_a_later_event_is_still_too_long() {
        let yaml = format!(
            "{HEAD}{EXPLICIT}retention:\n  - {{ categories: [accessibility-needs], duration: 1mo, from: last-contact, then: delete }}\n"
        );
        assert_eq!(
            pointers(&lint_only("DC205", &yaml)),
            ["/retention/0/duration"]
        );
    }

    #[test]
    fn rules_for_other_categories_are_ignored_and_rules_without_categories_apply() {
        let yaml = format!(
            "{HEAD}{EXPLICIT}retention:\n  - {{ categories: [identity.name], duration: 3y, from: end-of-contract }}\n  - {{ categories: [accessibility-needs], duration: 6w, from: collection }}\n  - {{ duration: indefinite }}\n"
        );
        assert_eq!(
            pointers(&lint_only("DC205", &yaml)),
            ["/retention/2/duration"]
        );
    }

    #[test]
    fn processings_without_the_category_are_ignored() {
        let yaml = "kind: processing\nid: p\nname: P\ndata_categories: [identity]\nretention:\n  - { duration: 10y }\n";
        assert!(lint_only("DC205", yaml).is_empty());
    }
}
