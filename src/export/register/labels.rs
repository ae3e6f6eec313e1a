//! Words for ids: vocabulary labels from the policy tables (the taxonomy pack's FR/EN labels),
//! enum values and durations from the `register.*` catalogue.

use super::model::Labelled;
use crate::i18n::{self, Locale};
use crate::model::{Duration, Labels};
use crate::policy::PolicyTables;
use serde::Serialize;

/// The label of `labels` in `locale`.
pub fn pick(labels: &Labels, locale: Locale) -> &str {
    match locale {
        Locale::En => &labels.en,
        Locale::Fr => &labels.fr,
    }
}

/// Looks ids up in the vocabularies; an unknown id is shown as is (DC005 reports it).
pub struct Vocabulary<'a> {
    pub policy: &'a PolicyTables,
    pub locale: Locale,
}

impl Vocabulary<'_> {
    pub fn category(&self, id: &str) -> Labelled {
        let label = self
            .policy
            .categories
            .get(id)
            .map(|entry| pick(&entry.label, self.locale));
        labelled(id, label)
    }

    pub fn purpose(&self, id: &str) -> Labelled {
        let label = self
            .policy
            .purposes
            .get(id)
            .map(|entry| pick(&entry.label, self.locale));
        labelled(id, label)
    }

    pub fn subject(&self, id: &str) -> Labelled {
        let label = self
            .policy
            .subjects
            .get(id)
            .map(|entry| pick(&entry.label, self.locale));
        labelled(id, label)
    }

    pub fn function(&self, id: &str) -> Labelled {
        let label = self
            .policy
            .functions
            .get(id)
            .map(|entry| pick(&entry.label, self.locale));
        labelled(id, label)
    }

    /// A value of a closed list (legal basis, safeguard…), labelled from the catalogue
    /// section `register.<section>`.
    pub fn choice(&self, section: &str, value: &impl Serialize) -> Labelled {
        let id = serde_json::to_value(value)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_default();
        self.known(section, &id)
    }

    /// An id labelled from `register.<section>.<id>` when the catalogue has it, else shown as is
    /// (security measures are an open list).
    pub fn known(&self, section: &str, id: &str) -> Labelled {
        let key = format!("register.{section}.{id}");
        let known = i18n::catalogue(self.locale).contains_key(&key)
            || i18n::catalogue(Locale::En).contains_key(&key);
        let label = known.then(|| i18n::format(self.locale, &key, &[]));
        labelled(id, label.as_deref())
    }

    /// A duration in words: `3 years`, `13 mois`, `1 month and 12 hours`.
    pub fn duration(&self, duration: &Duration) -> String {
        i18n::format::duration(self.locale, duration)
    }
}

fn labelled(id: &str, label: Option<&str>) -> Labelled {
    Labelled {
        id: id.to_owned(),
        label: label.unwrap_or(id).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LegalBasis;

    fn tables() -> PolicyTables {
        let packs = crate::policy::builtin_packs().unwrap_or_default();
        PolicyTables::build(packs, &crate::model::Inventory::default())
    }

    #[test]
    fn durations_read_in_both_languages() {
        let policy = tables();
        let en = Vocabulary {
            policy: &policy,
            locale: Locale::En,
        };
        let fr = Vocabulary {
            policy: &policy,
            locale: Locale::Fr,
        };
        let cases = [
            (Duration::years(3), "3 years", "3 ans"),
            (Duration::years(1), "1 year", "1 an"),
            (Duration::months(13), "13 months", "13 mois"),
            (Duration::days(14), "2 weeks", "2 semaines"),
            (Duration::hours(72), "3 days", "3 jours"),
            (
                Duration::Finite {
                    months: 1,
                    hours: 12,
                },
                "1 month and 12 hours",
                "1 mois et 12 heures",
            ),
            (Duration::Indefinite, "indefinitely", "sans limite de durée"),
        ];
        for (duration, english, french) in cases {
            assert_eq!(en.duration(&duration), english);
            assert_eq!(fr.duration(&duration), french);
        }
    }

    #[test]
    fn taxonomy_and_catalogue_labels() {
        let policy = tables();
        let fr = Vocabulary {
            policy: &policy,
            locale: Locale::Fr,
        };
        assert_eq!(fr.category("identity.email").label, "Adresse électronique");
        assert_eq!(fr.category("no.such-category").label, "no.such-category");
        assert_eq!(
            fr.choice("legal_basis", &LegalBasis::LegalObligation).label,
            "Obligation légale (art. 6.1.c)"
        );
        assert_eq!(
            fr.known("security", "mfa").label,
            "Authentification multifacteur"
        );
        assert_eq!(fr.known("security", "shredder").label, "shredder");
    }
}
