//! DC6xx: processors and transfers (GDPR Art. 26, 28, 30(1)(e), 44–49).
//!
//! Which countries are in the EEA and which adequacy decisions are in force come from the
//! `transfers` policy pack; "today" is the context's date, so that a decision's start or sunset
//! can be tested.

pub mod dpa_expired;
pub mod joint_controller_without_arrangement;
pub mod processor_without_dpa;
pub mod systematic_derogation;
pub mod transfer_without_safeguard;
pub mod us_transfer_not_certified;
pub mod vendor_abroad_without_transfer;

use crate::model::{AdequacyDecision, Party};
use crate::policy::PolicyTables;
use jiff::civil::Date;

/// Whether the country is a member of the European Economic Area.
fn in_eea(policy: &PolicyTables, country: &str) -> bool {
    policy.transfers.eea.iter().any(|c| c.as_str() == country)
}

/// The adequacy decisions for this country that are in force today: adopted, and not past
/// their sunset.
fn decisions_in_force<'p>(
    policy: &'p PolicyTables,
    country: &str,
    today: Date,
) -> impl Iterator<Item = &'p AdequacyDecision> {
    policy.transfers.adequacy.iter().filter(move |decision| {
        decision.country.as_str() == country
            && decision.date.is_none_or(|date| date.civil() <= today)
            && decision.sunset.is_none_or(|sunset| today <= sunset.civil())
    })
}

/// Whether a decision in force covers a transfer to this recipient: one that covers the whole
/// country, or one limited to certified organisations when the recipient is certified.
fn adequacy_covers(
    policy: &PolicyTables,
    country: &str,
    recipient: Option<&Party>,
    today: Date,
) -> bool {
    decisions_in_force(policy, country, today).any(|decision| {
        !decision.requires_certification || recipient.is_some_and(|party| party.dpf_certified)
    })
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::finding::Finding;
    use crate::i18n::Locale;

    /// Lints a one-file workspace with only `code` enabled, today being 2026-06-01.
    pub fn lint_only(code: &str, yaml: &str) -> Vec<Finding> {
        lint_on(code, yaml, jiff::civil::date(2026, 6, 1))
    }

    /// The same on another day.
    pub fn lint_on(code: &str, yaml: &str, today: jiff::civil::Date) -> Vec<Finding> {
        lint_in(code, yaml, today, Locale::En)
    }

    /// The same on another day, with the messages in `locale`.
    pub fn lint_in(
        code: &str,
        yaml: &str,
        today: jiff::civil::Date,
        locale: Locale,
    ) -> Vec<Finding> {
        match crate::lint::lint_example_in(&[code], yaml, today, locale) {
            Ok(findings) => findings,
            Err(error) => panic!("built-in packs do not load: {error}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::lint_in;
    use crate::finding::Finding;
    use crate::i18n::Locale;
    use crate::rules::Rule;

    const RULES: [&Rule; 7] = [
        &super::processor_without_dpa::RULE,
        &super::dpa_expired::RULE,
        &super::transfer_without_safeguard::RULE,
        &super::us_transfer_not_certified::RULE,
        &super::systematic_derogation::RULE,
        &super::joint_controller_without_arrangement::RULE,
        &super::vendor_abroad_without_transfer::RULE,
    ];

    fn lint_in_french(code: &str, yaml: &str) -> Vec<Finding> {
        lint_in(code, yaml, jiff::civil::date(2026, 6, 1), Locale::Fr)
    }

    #[test]
    fn a_transfer_without_safeguard_is_reported_in_french() {
        let findings = lint_in_french("DC603", RULES[2].docs.failing);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "le traitement `audience-survey` transfère des données vers IN (`sondagio`) sans garantie valable : IN est hors de l'EEE et ne bénéficie d'aucune décision d'adéquation (RGPD art. 44 à 46)"
        );
        assert_eq!(findings[0].label, "IN : hors EEE, aucune garantie");
    }

    #[test]
    fn several_countries_and_reasons_are_joined_in_french() {
        let findings = lint_in_french(
            "DC607",
            "kind: party\nid: mailforce\nname: Mailforce\ncountry: US\n---\nkind: source\nid: emailing\nname: Envoi\ntype: emailing\nvendor: mailforce\nhosting: { country: IN }\n---\nkind: processing\nid: newsletter\nname: Lettre\nsources: [emailing]\n",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "le traitement `newsletter` utilise la source `emailing`, hébergée hors de l'EEE (IN), dont le prestataire `mailforce` est établi hors de l'EEE (US), mais ne déclare aucun transfert vers IN ou US (RGPD art. 30(1)(e), 44)"
        );
        let help = findings[0].help.as_deref().unwrap_or_default();
        assert!(
            help.contains("`{ country: IN, recipient: <party>"),
            "{help}"
        );
    }

    /// Every text a finding of the family shows comes from the French catalogue: none is left
    /// in English, none is a bare catalogue key.
    #[test]
    fn every_rule_of_the_family_speaks_french() {
        let today = jiff::civil::date(2026, 6, 1);
        for rule in RULES {
            let english = lint_in(rule.code, rule.docs.failing, today, Locale::En);
            let french = lint_in(rule.code, rule.docs.failing, today, Locale::Fr);
            assert!(
                !english.is_empty(),
                "{} does not fire on its example",
                rule.code
            );
            assert_eq!(english.len(), french.len(), "{}", rule.code);
            let texts = |f: &Finding| {
                let mut texts = vec![f.message.clone(), f.label.clone()];
                texts.extend(f.help.clone());
                texts.extend(f.labels.iter().map(|label| label.message.clone()));
                texts
            };
            for (en, fr) in english.iter().zip(&french) {
                for (en, fr) in texts(en).iter().zip(texts(fr).iter()) {
                    assert_ne!(en, fr, "{}: not translated", rule.code);
                    for text in [en, fr] {
                        let bare_key = ["DC6", "transfers."]
                            .iter()
                            .any(|key| text.starts_with(key));
                        assert!(!bare_key, "{}: no message for `{text}`", rule.code);
                    }
                }
            }
        }
    }
}
