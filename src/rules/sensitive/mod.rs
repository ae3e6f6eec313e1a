//! DC2xx: sensitive data (GDPR Art. 9, 10, 87; CNIL card-payment recommendation).
//!
//! Most of these rules look at the same places: every data category a document declares, either
//! on a source's field or in a processing's `data_categories`. [`category_uses`] lists them once,
//! with where they are and who holds them, so each rule only decides which uses matter.

pub mod accessibility_needs_unbounded;
pub mod card_security_code_stored;
pub mod criminal_data;
pub mod disability_detail;
pub mod explicit_consent_without_record;
pub mod free_text_on_customer_data;
pub mod national_id;
pub mod sensitive_field_name;
pub mod special_category_without_exception;

use crate::finding::Location;
use crate::i18n::Locale;
use crate::model::{Field, Inventory, Located, Processing, Sensitivity, Source, SubjectId};
use crate::policy::PolicyTables;
use crate::rules::Context;

/// The document that declares a category.
#[derive(Clone, Copy)]
pub(super) enum Holder<'a> {
    Source {
        source: &'a Located<Source>,
        field: &'a Field,
    },
    Processing(&'a Located<Processing>),
}

impl Holder<'_> {
    /// The holder in words: "field `handicap` of source `ticketing`", "processing `newsletter`".
    pub(super) fn describe(&self, locale: Locale) -> String {
        match self {
            Holder::Source { source, field } => crate::t!(
                locale,
                "sensitive.holder.field",
                field = field.name,
                source = source.item.id
            ),
            Holder::Processing(processing) => crate::t!(
                locale,
                "sensitive.holder.processing",
                processing = processing.item.id
            ),
        }
    }

    /// Whether the data concerns the audience or customers (the `audience_subjects` of the
    /// `taxonomy` pack). A processing that declares no subjects is judged by the sources it
    /// uses.
    pub(super) fn is_audience(&self, context: &Context<'_>) -> bool {
        let audience = &context.policy.audience_subjects;
        let has_audience = |subjects: &[SubjectId]| subjects.iter().any(|s| audience.contains(s));
        match self {
            Holder::Source { source, .. } => has_audience(&source.item.data_subjects),
            Holder::Processing(processing) => {
                let processing = &processing.item;
                if processing.data_subjects.is_empty() {
                    processing
                        .sources
                        .iter()
                        .filter_map(|id| context.inventory.source(id.as_str()))
                        .any(|source| has_audience(&source.item.data_subjects))
                } else {
                    has_audience(&processing.data_subjects)
                }
            }
        }
    }
}

impl Holder<'_> {
    /// Whether the data concerns only staff or artists employed by the organisation (the
    /// `employment_subjects` of the `taxonomy` pack): the processings whose employment and
    /// social-security purposes may use the national id. A processing that declares no
    /// subjects is judged by its sources; a holder with no subjects at all is not.
    pub(super) fn is_employment(&self, context: &Context<'_>) -> bool {
        let employment = &context.policy.employment_subjects;
        let only_employment = |subjects: &[SubjectId]| {
            !subjects.is_empty() && subjects.iter().all(|s| employment.contains(s))
        };
        match self {
            Holder::Source { source, .. } => only_employment(&source.item.data_subjects),
            Holder::Processing(processing) => {
                let processing = &processing.item;
                if processing.data_subjects.is_empty() {
                    let mut sources = processing
                        .sources
                        .iter()
                        .filter_map(|id| context.inventory.source(id.as_str()))
                        .peekable();
                    sources.peek().is_some()
                        && sources.all(|source| only_employment(&source.item.data_subjects))
                } else {
                    only_employment(&processing.data_subjects)
                }
            }
        }
    }
}

/// One declared data category and where it is declared.
pub(super) struct CategoryUse<'a> {
    pub category: &'a str,
    /// Position of the category in the source's `fields` or the processing's `data_categories`.
    index: usize,
    pub holder: Holder<'a>,
}

impl CategoryUse<'_> {
    /// The category's node: `/fields/3/category` or `/data_categories/1` (built only for a
    /// finding: most uses are not one).
    pub fn location(&self) -> Location {
        match &self.holder {
            Holder::Source { source, .. } => source.at(format!("/fields/{}/category", self.index)),
            Holder::Processing(processing) => {
                processing.at(format!("/data_categories/{}", self.index))
            }
        }
    }
}

/// A finding of `rule` on each category use that `flagged` selects, naming its holder and the
/// category: the shape of DC203 and DC207.
pub(super) fn flag_category_uses(
    rule: &crate::rules::Rule,
    context: &Context<'_>,
    findings: &mut Vec<crate::finding::Finding>,
    flagged: impl Fn(&CategoryUse<'_>) -> bool,
) {
    for used in category_uses(context.inventory).filter(|used| flagged(used)) {
        findings.push(rule.localized(
            context.locale,
            used.location(),
            &[
                ("holder", &used.holder.describe(context.locale)),
                (
                    "category",
                    &describe_category(context.policy, used.category, context.locale),
                ),
            ],
        ));
    }
}

/// Every category declared by a source's field or in a processing's `data_categories`, sources
/// first, in workspace order.
pub(super) fn category_uses(inventory: &Inventory) -> impl Iterator<Item = CategoryUse<'_>> {
    let fields = inventory.sources.iter().flat_map(|source| {
        source
            .item
            .fields
            .iter()
            .enumerate()
            .map(move |(index, field)| CategoryUse {
                category: field.category.as_str(),
                index,
                holder: Holder::Source { source, field },
            })
    });
    let processings = inventory.processings.iter().flat_map(|processing| {
        processing
            .item
            .data_categories
            .iter()
            .enumerate()
            .map(move |(index, category)| CategoryUse {
                category: category.as_str(),
                index,
                holder: Holder::Processing(processing),
            })
    });
    fields.chain(processings)
}

/// A category in words: "`special.health` (Health)", with the vocabulary's label in `locale`,
/// or just the id when the vocabulary does not know it (DC005 reports that).
pub(super) fn describe_category(policy: &PolicyTables, category: &str, locale: Locale) -> String {
    match policy.categories.get(category) {
        Some(entry) => {
            let label = match locale {
                Locale::En => &entry.label.en,
                Locale::Fr => &entry.label.fr,
            };
            crate::t!(
                locale,
                "sensitive.category",
                category = category,
                label = label
            )
        }
        None => format!("`{category}`"),
    }
}

/// What a sensitivity means, with its article.
pub(super) fn describe_sensitivity(sensitivity: Sensitivity, locale: Locale) -> String {
    let key = match sensitivity {
        Sensitivity::Art9 => "sensitive.sensitivity.art9",
        Sensitivity::Art10 => "sensitive.sensitivity.art10",
        Sensitivity::NationalId => "sensitive.sensitivity.national-id",
    };
    crate::t!(locale, key)
}

/// The lowercase words of a field name or keyword: split on anything that is not a letter or
/// a digit (`_`, `-`, `.`, spaces, apostrophes) and between a lowercase letter and an uppercase
/// one (`numeroSecu`), so `carte_d_invalidite` and the keyword `carte d'invalidite` agree.
pub(super) fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lowercase = false;
    for character in text.chars() {
        if !character.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lowercase = false;
            continue;
        }
        if character.is_uppercase() && previous_lowercase && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lowercase = character.is_lowercase();
        current.extend(character.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Whether `phrase` (a keyword, possibly of several words) appears as consecutive whole words
/// of `name`: `date de naissance` is in `date_de_naissance_enfant`, `ip` is not in `ville`.
pub(super) fn name_contains(name: &[String], phrase: &str) -> bool {
    let phrase = words(phrase);
    !phrase.is_empty()
        && name
            .windows(phrase.len())
            .any(|window| window == phrase.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_failing_examples_translated, lint_only_in};

    #[test]
    fn findings_speak_french() {
        let yaml = "kind: source\nid: billetterie\nname: Billetterie\ntype: ticketing\ndata_subjects: [spectators]\nfields:\n  - { name: allergies, category: identity }\n";
        let findings = lint_only_in("DC209", yaml, Locale::Fr);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "le champ `allergies` de la source `billetterie` est déclaré comme `identity` (Identité et coordonnées), mais son nom (`allergies`) évoque `special.health` (Santé), une catégorie particulière de données personnelles (RGPD art. 9.1)"
        );
        assert_eq!(
            findings[0].labels[0].message,
            "ce nom évoque des données sensibles"
        );
    }

    #[test]
    fn durations_and_their_start_are_in_french() {
        let yaml = "kind: processing\nid: acc\nname: Accès\npurpose: accessibility-services\ndata_subjects: [spectators]\ndata_categories: [accessibility-needs]\nconsent: { explicit: true, record: \"Billetel\" }\nretention:\n  - { duration: 1y, from: last-contact }\n";
        let findings = lint_only_in("DC205", yaml, Locale::Fr);
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.starts_with(
                "le traitement `acc` conserve `accessibility-needs` pendant 1 an à compter du dernier contact ; le service nécessaire se conserve au plus 3 mois à compter de l'événement ; source : "
            ),
            "{}",
            findings[0].message
        );
    }

    /// Every documented failing example of the family: each message, label, help line and
    /// secondary label differs from the English one, so none was left as a literal.
    #[test]
    fn every_failing_example_is_translated() {
        assert_failing_examples_translated(crate::rules::Family::Sensitive);
    }

    #[test]
    fn words_split_separators_and_camel_case() {
        assert_eq!(
            words("date_de-naissance.x y"),
            ["date", "de", "naissance", "x", "y"]
        );
        assert_eq!(words("numeroSecu"), ["numero", "secu"]);
        assert_eq!(words("NIR"), ["nir"]);
        assert_eq!(words("carte d'invalidité"), ["carte", "d", "invalidité"]);
        assert!(words("__").is_empty());
    }

    #[test]
    fn keywords_match_whole_consecutive_words() {
        let name = words("Date_de_naissance_enfant");
        assert!(name_contains(&name, "date de naissance"));
        assert!(name_contains(&name, "enfant"));
        assert!(!name_contains(&name, "naissance date"));
        assert!(!name_contains(&words("ville"), "ip"));
        assert!(!name_contains(&words("handicapé"), "handicap"));
        assert!(!name_contains(&name, ""));
    }
}
