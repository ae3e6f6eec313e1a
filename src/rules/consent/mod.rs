//! DC5xx: legal basis, consent, minimisation (GDPR Art. 5(1)(c), 6, 7, 8; French CPCE L34-5).

pub mod category_beyond_purpose;
pub mod category_collected_but_unused;
pub mod consent_without_record;
pub mod electronic_prospecting_without_consent;
pub mod legitimate_interest_without_assessment;
pub mod minors_without_parental_consent;

/// Whether an optional free-text answer says nothing (absent, empty or only spaces).
fn is_blank(text: Option<&String>) -> bool {
    text.is_none_or(|text| text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use crate::i18n::Locale;
    use crate::rules::Rule;
    use crate::rules::testing::{assert_rules_speak_french, lint_only_in};

    const RULES: [&Rule; 6] = [
        &super::consent_without_record::RULE,
        &super::electronic_prospecting_without_consent::RULE,
        &super::category_collected_but_unused::RULE,
        &super::legitimate_interest_without_assessment::RULE,
        &super::minors_without_parental_consent::RULE,
        &super::category_beyond_purpose::RULE,
    ];

    #[test]
    fn the_minors_rule_speaks_french() {
        let findings = lint_only_in("DC505", RULES[4].docs.failing, Locale::Fr);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "le traitement `youth-workshops` propose un service en ligne à des mineurs sur leur seul consentement ; avant 15 ans, le consentement doit être donné conjointement par le mineur et un titulaire de l'autorité parentale (RGPD art. 8 ; loi Informatique et Libertés, art. 45)"
        );
        assert_eq!(findings[0].label, "des mineurs, qui consentent seuls");
        assert_eq!(
            findings[0].labels[0].message,
            "la base légale est le consentement"
        );
        let help = findings[0].help.as_deref().unwrap_or_default();
        assert!(help.contains("des mineurs de moins de 15 ans"), "{help}");
    }

    /// Every text a finding of the family shows comes from the French catalogue: none is left
    /// in English, none is a bare catalogue key.
    #[test]
    fn every_rule_of_the_family_speaks_french() {
        assert_rules_speak_french(&RULES, &["DC5", "consent."]);
    }
}
