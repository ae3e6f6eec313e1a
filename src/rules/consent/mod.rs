//! DC5xx: legal basis, consent, minimisation (GDPR Art. 5(1)(c), 6, 7, 8; French CPCE L34-5).

pub mod category_beyond_purpose;
pub mod category_collected_but_unused;
pub mod consent_without_record;
pub mod email_prospecting_without_consent;
pub mod legitimate_interest_without_assessment;
pub mod minors_without_parental_consent;

/// Whether an optional free-text answer says nothing (absent, empty or only spaces).
fn is_blank(text: Option<&String>) -> bool {
    text.is_none_or(|text| text.trim().is_empty())
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::finding::Finding;
    use crate::i18n::Locale;

    /// Lints a one-file workspace with only `code` enabled, today being 2026-06-01.
    pub fn lint_only(code: &str, yaml: &str) -> Vec<Finding> {
        lint_only_in(code, yaml, Locale::En)
    }

    /// The same, with the messages in `locale`.
    pub fn lint_only_in(code: &str, yaml: &str, locale: Locale) -> Vec<Finding> {
        let today = jiff::civil::date(2026, 6, 1);
        match crate::lint::lint_example_in(&[code], yaml, today, locale) {
            Ok(findings) => findings,
            Err(error) => panic!("built-in packs do not load: {error}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::lint_only_in;
    use crate::i18n::Locale;
    use crate::rules::Rule;

    const RULES: [&Rule; 6] = [
        &super::consent_without_record::RULE,
        &super::email_prospecting_without_consent::RULE,
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
            "le traitement `youth-workshops` repose sur le consentement de mineurs mais ne recueille aucun consentement parental ; avant 15 ans, le consentement doit être donné conjointement par le mineur et un titulaire de l'autorité parentale (RGPD art. 8 ; loi Informatique et Libertés, art. 45)"
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
        for rule in RULES {
            let english = lint_only_in(rule.code, rule.docs.failing, Locale::En);
            let french = lint_only_in(rule.code, rule.docs.failing, Locale::Fr);
            assert!(
                !english.is_empty(),
                "{} does not fire on its example",
                rule.code
            );
            assert_eq!(english.len(), french.len(), "{}", rule.code);
            for (en, fr) in english.iter().zip(&french) {
                let texts = |f: &crate::finding::Finding| {
                    let mut texts = vec![f.message.clone(), f.label.clone()];
                    texts.extend(f.help.clone());
                    texts.extend(f.labels.iter().map(|label| label.message.clone()));
                    texts
                };
                for (en, fr) in texts(en).iter().zip(texts(fr).iter()) {
                    assert_ne!(en, fr, "{}: not translated", rule.code);
                    for text in [en, fr] {
                        let bare_key = ["DC5", "consent."].iter().any(|key| text.starts_with(key));
                        assert!(!bare_key, "{}: no message for `{text}`", rule.code);
                    }
                }
            }
        }
    }
}
