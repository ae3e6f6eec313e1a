//! DC7xx: security, breach, DPIA.

pub mod breach_procedure_missing;
pub mod dpia_missing;
pub mod weak_protection_of_risky_data;

/// Lints a YAML workspace with only `code` enabled, today being 2026-06-01 (the unit tests of
/// the DC7xx–DC9xx families share it).
#[cfg(test)]
pub(crate) fn lint_only(code: &str, yaml: &str) -> Vec<crate::finding::Finding> {
    lint_only_in(code, yaml, crate::i18n::Locale::En)
}

/// [`lint_only`], with the messages in `locale`.
#[cfg(test)]
pub(crate) fn lint_only_in(
    code: &str,
    yaml: &str,
    locale: crate::i18n::Locale,
) -> Vec<crate::finding::Finding> {
    match crate::lint::lint_example_in(&[code], yaml, jiff::civil::date(2026, 6, 1), locale) {
        Ok(findings) => findings,
        Err(error) => panic!("built-in packs do not load: {error}"),
    }
}

/// Lints the documented failing example of every rule of `family` in English and in French,
/// and checks that each French text (message, label, help, secondary labels) is a translation:
/// as many findings, and no text left as the English one.
#[cfg(test)]
pub(crate) fn assert_family_speaks_french(family: crate::rules::Family) {
    use crate::i18n::Locale;
    let texts = |finding: &crate::finding::Finding| -> Vec<String> {
        let mut texts = vec![finding.message.clone(), finding.label.clone()];
        texts.extend(finding.help.clone());
        texts.extend(finding.labels.iter().map(|label| label.message.clone()));
        texts
    };
    let rules = crate::rules::REGISTRY
        .iter()
        .filter(|rule| rule.family == family);
    for rule in rules {
        let english = lint_only_in(rule.code, rule.docs.failing, Locale::En);
        let french = lint_only_in(rule.code, rule.docs.failing, Locale::Fr);
        assert!(
            !english.is_empty(),
            "{}: the failing example passes",
            rule.code
        );
        assert_eq!(english.len(), french.len(), "{}", rule.code);
        for (english, french) in english.iter().zip(&french) {
            for (english, french) in texts(english).iter().zip(texts(french)) {
                assert_ne!(english, &french, "{}: not translated", rule.code);
                assert!(
                    !french.contains("DC"),
                    "{}: a key is missing: {french}",
                    rule.code
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{assert_family_speaks_french, lint_only_in};
    use crate::i18n::Locale;
    use crate::rules::Family;

    #[test]
    fn the_security_rules_speak_french() {
        assert_family_speaks_french(Family::Security);
        let late =
            "kind: charter\nbreach: { notify_authority_within: 73h, register: r, contact: c }\n";
        let findings = lint_only_in("DC702", late, Locale::Fr);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "la charte donne `73h` pour notifier une violation à l'autorité ; le RGPD accorde 72 heures à compter de sa découverte (art. 33(1))"
        );
        assert_eq!(findings[0].label, "plus de 72 heures");
        let incomplete = lint_only_in(
            "DC702",
            "kind: charter\nbreach: { register: r }\n",
            Locale::Fr,
        );
        assert_eq!(
            incomplete[0].message,
            "la procédure de violation de données de la charte ne précise pas le délai de notification à l'autorité (`notify_authority_within`), ni la personne à alerter (`contact`)"
        );
    }
}
