//! What the retention rules share: which categories a retention rule really keeps, which
//! reference durations and ceilings of the `retention` pack apply to them, and durations and
//! start events in plain words.

use crate::i18n::Locale;
use crate::model::{
    CardRetention, Duration, Processing, RetentionReference, RetentionRule, RetentionStart,
};
use crate::policy::PolicyTables;
use crate::t;

/// The categories a retention rule keeps, as precisely as the processing declares them.
///
/// A rule naming a parent (`identity`) keeps the processing's declared children of it
/// (`identity.email`, `identity.name`); when the processing declares none, the parent itself.
/// A rule without `categories` keeps all the processing's categories. Empty when neither the
/// rule nor the processing names any.
pub(super) fn kept_categories<'a>(
    processing: &'a Processing,
    rule: &'a RetentionRule,
) -> Vec<&'a str> {
    let declared = processing.data_categories.iter().map(|c| c.as_str());
    if rule.categories.is_empty() {
        return dedup(declared.collect());
    }
    let mut kept = Vec::new();
    for named in &rule.categories {
        let named = named.as_str();
        let before = kept.len();
        kept.extend(
            declared
                .clone()
                .filter(|declared| *declared != named && PolicyTables::covers(named, declared)),
        );
        // No narrower declared category: the parent itself is kept.
        if kept.len() == before {
            kept.push(named);
        }
    }
    dedup(kept)
}

fn dedup(mut items: Vec<&str>) -> Vec<&str> {
    if items.len() < 2 {
        return items; // nothing to compare: spare the set
    }
    let mut seen = std::collections::HashSet::new();
    items.retain(|item| seen.insert(*item));
    items
}

/// How long a retention rule keeps its data in all: the active period plus the intermediate
/// archive, when one is described.
pub(super) fn total_kept(rule: &RetentionRule) -> Duration {
    let Some(archive) = &rule.archive else {
        return rule.duration;
    };
    match (rule.duration, archive.duration) {
        (
            Duration::Finite { months, hours },
            Duration::Finite {
                months: archive_months,
                hours: archive_hours,
            },
        ) => Duration::Finite {
            months: months.saturating_add(archive_months),
            hours: hours.saturating_add(archive_hours),
        },
        _ => Duration::Indefinite,
    }
}

/// " (6 years with the archive)" when the rule has an archive stage: a label under the active
/// `duration` must say that the total is what was compared.
pub(super) fn archive_note(rule: &RetentionRule, locale: Locale) -> String {
    if rule.archive.is_some() {
        t!(
            locale,
            "retention.with-archive",
            duration = in_words_in(total_kept(rule), locale)
        )
    } else {
        String::new()
    }
}

/// Whether a reference (or ceiling) applies to a category kept by a processing: every filter
/// it sets must match. A category filter matches a category it covers and a parent category
/// that covers it (a rule keeping `payment` keeps card numbers too). `category` is `None` when
/// the processing names no category: only references without a category filter apply.
pub(super) fn applies(
    reference: &RetentionReference,
    processing: &Processing,
    rule: &RetentionRule,
    category: Option<&str>,
) -> bool {
    applies_to_processing(reference, processing)
        && applies_to_rule(reference, rule)
        && applies_to_category(reference, category)
}

/// The purpose and subject filters of [`applies`]: they depend only on the processing.
fn applies_to_processing(reference: &RetentionReference, processing: &Processing) -> bool {
    let purpose_matches = || {
        reference.purposes.is_empty()
            || processing
                .purpose
                .as_ref()
                .is_some_and(|purpose| reference.purposes.contains(purpose))
    };
    let subject_matches = || {
        reference.subjects.is_empty()
            || processing
                .data_subjects
                .iter()
                .any(|subject| reference.subjects.contains(subject))
    };
    let measurement_matches = || {
        reference
            .audience_measurement
            .is_none_or(|measurement| processing.audience_measurement == Some(measurement))
    };
    purpose_matches() && subject_matches() && measurement_matches()
}

/// The `card` filter: a reference about some reasons to keep card data applies to the
/// retention rules that keep it for one of them (`proof` when the rule says none).
pub(super) fn applies_to_rule(reference: &RetentionReference, rule: &RetentionRule) -> bool {
    reference.card.is_empty()
        || reference
            .card
            .contains(&rule.card.unwrap_or(CardRetention::Proof))
}

/// The longest a maximum in months allows, in calendar months: a month may have 31 days, so
/// "one month" allows 31 days (Code de la sécurité intérieure L252-5 says « un mois »).
pub(super) fn calendar_limit(maximum: Duration) -> Duration {
    match maximum {
        Duration::Finite { months, hours } => Duration::Finite {
            months: 0,
            hours: months.saturating_mul(31 * 24).saturating_add(hours),
        }
        .max(maximum),
        Duration::Indefinite => Duration::Indefinite,
    }
}

/// Whether a minimum reference (`minimum: true`, an opposition list) counting from the same
/// event as the rule describes what this rule keeps: then no reference caps it (DC301).
pub(super) fn kept_as_minimum(
    candidates: &[&RetentionReference],
    rule: &RetentionRule,
    category: Option<&str>,
) -> bool {
    candidates.iter().any(|reference| {
        reference.minimum
            && rule.from.is_some()
            && reference.from == rule.from
            && applies_to_rule(reference, rule)
            && applies_to_category(reference, category)
    })
}

/// The category filter of [`applies`].
pub(super) fn applies_to_category(reference: &RetentionReference, category: Option<&str>) -> bool {
    reference.categories.is_empty()
        || category.is_some_and(|category| {
            reference.categories.iter().any(|filter| {
                PolicyTables::covers(filter.as_str(), category)
                    || PolicyTables::covers(category, filter.as_str())
            })
        })
}

/// The references (or ceilings) whose purpose and subject filters match `processing`, in
/// table order: computed once per processing, so that each of its retention rules and kept
/// categories only checks the category filter.
pub(super) fn for_processing<'p>(
    references: impl IntoIterator<Item = &'p RetentionReference>,
    processing: &Processing,
) -> Vec<&'p RetentionReference> {
    references
        .into_iter()
        .filter(|reference| applies_to_processing(reference, processing))
        .collect()
}

/// The categories to look references up for: each kept category, or one `None` when the
/// processing names no category at all (so purpose-wide references still apply).
pub(super) fn lookup_keys<'a>(kept: &[&'a str]) -> Vec<Option<&'a str>> {
    if kept.is_empty() {
        vec![None]
    } else {
        kept.iter().copied().map(Some).collect()
    }
}

/// The reference that sets the limit for a category kept by `rule`: the longest of those that
/// apply, since references that apply together describe alternative lawful cases (a card kept
/// for the purchase, or kept as proof of it). Among equally long ones, the one counting from
/// the same event as the rule reads best in a message. `candidates` are the references that
/// apply to the processing ([`for_processing`]).
pub(super) fn limiting_reference<'p>(
    candidates: &[&'p RetentionReference],
    rule: &RetentionRule,
    category: Option<&str>,
) -> Option<&'p RetentionReference> {
    candidates
        .iter()
        .copied()
        .filter(|reference| {
            !reference.minimum
                && applies_to_rule(reference, rule)
                && applies_to_category(reference, category)
        })
        .max_by_key(|reference| {
            (
                reference.duration,
                rule.from.is_some() && reference.from == rule.from,
            )
        })
}

/// Groups `(reference, category)` pairs by reference id, keeping first-seen order, so a rule
/// gets one finding per reference rather than one per category.
pub(super) fn group_by_reference<'r, 'c>(
    pairs: impl IntoIterator<Item = (&'r RetentionReference, Option<&'c str>)>,
) -> Vec<(&'r RetentionReference, Vec<&'c str>)> {
    let mut groups: Vec<(&RetentionReference, Vec<&str>)> = Vec::new();
    for (reference, category) in pairs {
        let index = match groups.iter().position(|(seen, _)| seen.id == reference.id) {
            Some(index) => index,
            None => {
                groups.push((reference, Vec::new()));
                groups.len() - 1
            }
        };
        if let Some(category) = category {
            groups[index].1.push(category);
        }
    }
    groups
}

/// "`identity.email`, `identity.name`", or "its data" when there is no category to name.
pub(super) fn name_categories(categories: &[&str], locale: Locale) -> String {
    if categories.is_empty() {
        return t!(locale, "retention.its-data");
    }
    categories
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A duration in words in `locale`: "3 years" / "3 ans", "13 months", "30 days", "72 hours".
/// A duration mixing months and hours has no words; it keeps its YAML spelling.
pub(crate) fn in_words_in(duration: Duration, locale: Locale) -> String {
    let counted = |count: u32, unit: &str| {
        if count == 1 {
            t!(locale, &format!("retention.duration.{unit}"))
        } else {
            t!(
                locale,
                &format!("retention.duration.{unit}s"),
                count = count
            )
        }
    };
    match duration {
        Duration::Indefinite => t!(locale, "retention.duration.indefinite"),
        Duration::Finite {
            months: 0,
            hours: 0,
        } => counted(0, "day"),
        Duration::Finite { months, hours: 0 } if months % 12 == 0 => counted(months / 12, "year"),
        Duration::Finite { months, hours: 0 } => counted(months, "month"),
        Duration::Finite { months: 0, hours } if hours % 24 == 0 => counted(hours / 24, "day"),
        Duration::Finite { months: 0, hours } => counted(hours, "hour"),
        mixed => mixed.to_string(),
    }
}

/// The event a retention counts from, as the words that follow a duration: "from the end of
/// the contract".
fn start_in_words(from: RetentionStart, locale: Locale) -> String {
    t!(locale, &format!("retention.from.{}", start_key(from)))
}

/// The event as written in YAML: `end-of-contract`.
pub(super) fn start_key(from: RetentionStart) -> &'static str {
    match from {
        RetentionStart::Collection => "collection",
        RetentionStart::LastContact => "last-contact",
        RetentionStart::EndOfContract => "end-of-contract",
        RetentionStart::Transaction => "transaction",
        RetentionStart::Event => "event",
        RetentionStart::Debit => "debit",
        RetentionStart::EndOfFiscalYear => "end-of-fiscal-year",
        RetentionStart::Withdrawal => "withdrawal",
        RetentionStart::Request => "request",
    }
}

/// A reference duration in words with its start event: "3 years from the last contact".
pub(super) fn reference_in_words(reference: &RetentionReference, locale: Locale) -> String {
    let duration = in_words_in(reference.duration, locale);
    match reference.from {
        Some(from) => t!(
            locale,
            "retention.counted",
            duration = duration,
            from = start_in_words(from, locale)
        ),
        None => duration,
    }
}

/// " (source)" when the reference names its source, for the end of a message.
pub(super) fn cited(reference: &RetentionReference, locale: Locale) -> String {
    reference
        .source
        .as_ref()
        .map(|source| t!(locale, "retention.cited", source = source.get(locale)))
        .unwrap_or_default()
}

/// What the retention rules' unit tests share besides [`crate::rules::testing`].
#[cfg(test)]
pub(super) mod testing {
    /// A processing with these header lines and one retention list, as a YAML document.
    pub fn processing(header: &str, retention: &str) -> String {
        format!("kind: processing\nid: test\nname: Test\n{header}\nretention:\n{retention}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duration(text: &str) -> Duration {
        match text.parse() {
            Ok(duration) => duration,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn durations_read_as_words() {
        assert_eq!(in_words_in(duration("3y"), Locale::En), "3 years");
        assert_eq!(in_words_in(duration("1y"), Locale::En), "1 year");
        assert_eq!(in_words_in(duration("13mo"), Locale::En), "13 months");
        assert_eq!(in_words_in(duration("30d"), Locale::En), "30 days");
        assert_eq!(in_words_in(duration("72h"), Locale::En), "3 days");
        assert_eq!(in_words_in(duration("36h"), Locale::En), "36 hours");
        assert_eq!(in_words_in(duration("0d"), Locale::En), "0 days");
        assert_eq!(
            in_words_in(duration("indefinite"), Locale::En),
            "indefinitely"
        );
    }

    #[test]
    fn start_keys_are_the_yaml_values() {
        use RetentionStart::*;
        for from in [
            Collection,
            LastContact,
            EndOfContract,
            Transaction,
            Event,
            Debit,
            EndOfFiscalYear,
            Withdrawal,
            Request,
        ] {
            assert_eq!(
                serde_json::to_value(from).ok(),
                Some(serde_json::json!(start_key(from)))
            );
        }
    }

    #[test]
    fn archive_counts_in_the_total() {
        let rule: RetentionRule = match serde_json::from_value(serde_json::json!({
            "duration": "1y", "then": "archive", "archive": { "duration": "9y" }
        })) {
            Ok(rule) => rule,
            Err(error) => panic!("{error}"),
        };
        assert_eq!(total_kept(&rule), duration("10y"));
    }

    #[test]
    fn a_parent_category_keeps_the_declared_children() {
        let processing: Processing = match serde_json::from_value(serde_json::json!({
            "kind": "processing", "id": "p", "name": "P",
            "data_categories": ["identity.name", "identity.email", "transaction"],
            "retention": [
                { "categories": ["identity", "transaction", "payment"], "duration": "3y" },
                { "duration": "1y" }
            ]
        })) {
            Ok(processing) => processing,
            Err(error) => panic!("{error}"),
        };
        assert_eq!(
            kept_categories(&processing, &processing.retention[0]),
            ["identity.name", "identity.email", "transaction", "payment"]
        );
        assert_eq!(
            kept_categories(&processing, &processing.retention[1]),
            ["identity.name", "identity.email", "transaction"]
        );
    }
}

#[cfg(test)]
mod french {
    use super::testing::processing;
    use super::*;
    use crate::rules::testing::lint_only_in;

    #[test]
    fn durations_and_start_events_read_in_french() {
        let duration = |text: &str| match text.parse::<Duration>() {
            Ok(duration) => duration,
            Err(error) => panic!("{error}"),
        };
        assert_eq!(in_words_in(duration("3y"), Locale::Fr), "3 ans");
        assert_eq!(in_words_in(duration("1y"), Locale::Fr), "1 an");
        assert_eq!(in_words_in(duration("13mo"), Locale::Fr), "13 mois");
        assert_eq!(in_words_in(duration("1d"), Locale::Fr), "1 jour");
        assert_eq!(in_words_in(duration("36h"), Locale::Fr), "36 heures");
        assert_eq!(
            in_words_in(duration("indefinite"), Locale::Fr),
            "indéfiniment"
        );
        assert_eq!(
            start_in_words(RetentionStart::EndOfFiscalYear, Locale::Fr),
            "à compter de la clôture de l'exercice"
        );
    }

    #[test]
    fn a_finding_speaks_french() {
        let header =
            "purpose: newsletter\ndata_subjects: [prospects]\ndata_categories: [identity.email]";
        let yaml = processing(
            header,
            "  - { categories: [identity.email], duration: 2y, from: last-contact, then: archive, archive: { duration: 3y } }",
        );
        let findings = lint_only_in("DC301", &yaml, Locale::Fr);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let finding = &findings[0];
        assert!(
            finding.message.starts_with(
                "le traitement `test` conserve `identity.email` pendant 5 ans ; la durée de référence `prospects` est de 3 ans à compter du dernier contact"
            ),
            "{}",
            finding.message
        );
        assert_eq!(
            finding.label,
            "plus long que la référence de 3 ans (5 ans archivage compris)"
        );
        assert!(
            finding.help.as_deref().is_some_and(
                |help| help.starts_with("ramenez-la à 3 ans à compter du dernier contact")
            ),
            "{:?}",
            finding.help
        );
        // A rule naming no category speaks of "its data" in French too.
        let yaml = processing(
            "purpose: other\ndescription: Journal",
            "  - { duration: 1y }",
        );
        let findings = lint_only_in("DC303", &yaml, Locale::Fr);
        assert_eq!(
            findings.first().map(|f| f.message.as_str()),
            Some(
                "le traitement `test` conserve ses données pendant 1 an sans dire à compter de quand"
            )
        );
    }
}

/// The finding of a retention over a maximum: a statutory ceiling (DC304) or a maximum the
/// CNIL recommends (DC307) say the same thing, each with its own catalogue entries.
pub(super) fn over_maximum(
    code: &crate::rules::Rule,
    processing: &crate::model::Located<crate::model::Processing>,
    index: usize,
    retention: &RetentionRule,
    maximum: &RetentionReference,
    categories: &[&str],
    locale: Locale,
) -> crate::finding::Finding {
    let key = |part: &str| format!("{}.{part}", code.code);
    let kept = total_kept(retention);
    let limit = reference_in_words(maximum, locale);
    let note = maximum
        .note
        .as_ref()
        .map(|note| t!(locale, &key("note"), note = note.get(locale)))
        .unwrap_or_default();
    code.finding(
        processing.at(format!("/retention/{index}/duration")),
        t!(
            locale,
            &key("message"),
            processing = processing.item.id,
            categories = name_categories(categories, locale),
            duration = in_words_in(kept, locale),
            limit = limit,
            source = cited(maximum, locale),
        ),
    )
    .with_label(t!(
        locale,
        &key("label"),
        duration = in_words_in(maximum.duration, locale),
        archive = archive_note(retention, locale),
    ))
    .with_help(t!(locale, &key("help"), limit = limit, note = note))
}
