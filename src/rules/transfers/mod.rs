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

/// The family of every rule of this module (read by `declare_rule!`).
const FAMILY: crate::rules::Family = crate::rules::Family::Transfers;

use crate::model::{AdequacyDecision, Party};
use crate::policy::PolicyTables;
use jiff::civil::Date;

/// Whether the country is a member of the European Economic Area.
pub(crate) fn in_eea(policy: &PolicyTables, country: &str) -> bool {
    policy.transfers.eea.iter().any(|c| c.as_str() == country)
}

/// The adequacy decisions for this country that are in force today: adopted, and not past
/// their sunset.
pub(crate) fn decisions_in_force<'p>(
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
pub(crate) fn adequacy_covers(
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
mod tests {
    use crate::finding::Finding;
    use crate::i18n::Locale;
    use crate::rules::Rule;
    use crate::rules::testing::{assert_rules_speak_french, lint_only_in};

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
        lint_only_in(code, yaml, Locale::Fr)
    }

    #[test]
    fn a_transfer_without_safeguard_is_reported_in_french() {
        let findings = lint_in_french("DC603", RULES[2].docs.failing);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "le traitement `audience-survey` transfère des données hors de l'EEE (Inde, `IN`) à `sondagio` sans garantie valable : ce pays ne bénéficie d'aucune décision d'adéquation (RGPD art. 44 à 46)"
        );
        assert_eq!(findings[0].label, "Inde : hors EEE, aucune garantie");
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
            "le traitement `newsletter` utilise la source `emailing`, hébergée hors de l'EEE (Inde), dont le prestataire `mailforce` est établi hors de l'EEE (États-Unis), mais ne déclare aucun transfert hors de l'EEE (Inde, `IN` ou États-Unis, `US`) (RGPD art. 30.1.e, 44)"
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
        assert_rules_speak_french(&RULES, &["DC6", "transfers."]);
    }
}
