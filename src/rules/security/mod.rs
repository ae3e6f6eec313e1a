//! DC7xx: security, breach, DPIA.

pub mod breach_procedure_missing;
pub mod dpia_missing;
pub mod weak_protection_of_risky_data;

#[cfg(test)]
mod tests {
    use crate::i18n::Locale;
    use crate::rules::Family;
    use crate::rules::testing::{assert_family_speaks_french, lint_only_in};

    #[test]
    fn the_security_rules_speak_french() {
        assert_family_speaks_french(Family::Security);
        let late =
            "kind: charter\nbreach: { notify_authority_within: 73h, register: r, contact: c }\n";
        let findings = lint_only_in("DC702", late, Locale::Fr);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "la charte donne `73h` pour notifier une violation à l'autorité ; le RGPD impose une notification dans les meilleurs délais et, si possible, dans les 72 heures après en avoir pris connaissance (art. 33.1)"
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
