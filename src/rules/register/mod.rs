//! DC1xx: register completeness. Each rule checks one heading of the record of processing
//! activities that GDPR Art. 30(1) requires.

pub mod controller_contact_missing;
pub mod legal_basis_missing;
pub mod purpose_missing_or_vague;
pub mod recipients_undeclared;
pub mod retention_missing;
pub mod security_measures_missing;
pub mod subjects_or_categories_missing;
pub mod transfer_incomplete;

/// Lints a YAML workspace (documents separated by `---`) with only `code` selected, on
/// 2026-06-01 as `tests/rule_docs.rs` does: the unit tests of this family share it.
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

/// The human rendering of every documented failing example of `family`, one after the other:
/// what a user sees for each rule, kept as a snapshot (shared with the other families' tests).
#[cfg(test)]
pub(crate) fn render_failing_examples(family: crate::rules::Family) -> String {
    use crate::lint::{Options, lint_inputs};
    use crate::report::{HumanOptions, Report, locate, render_human};
    let mut rendered = String::new();
    for rule in crate::rules::REGISTRY
        .iter()
        .filter(|rule| rule.family == family)
    {
        let options = Options::new(
            crate::rules::Selection::only(&[rule.code]),
            jiff::civil::date(2026, 6, 1),
        );
        let inputs = vec![(
            "example.yaml".to_owned(),
            Ok(rule.docs.failing.as_bytes().to_vec()),
        )];
        let outcome = match lint_inputs(inputs, "datacharter.yaml", &options) {
            Ok(outcome) => outcome,
            Err(error) => panic!("built-in packs do not load: {error}"),
        };
        let files = &outcome.files;
        let diagnostics = locate(outcome.findings, &|path| files.get(path));
        let report = Report::new(
            ".",
            outcome.file_count,
            outcome.document_count,
            0,
            diagnostics,
        );
        let options = HumanOptions {
            colored: false,
            width: 100,
        };
        let mut out = Vec::new();
        if let Err(error) = render_human(&report, &|path| files.get(path), &options, &mut out) {
            panic!("rendering to memory failed: {error}");
        }
        rendered.push_str(&format!("===== {} {}\n", rule.code, rule.name));
        rendered.push_str(&String::from_utf8_lossy(&out));
    }
    rendered
}

#[cfg(test)]
mod tests {
    use super::lint_only_in;
    use crate::i18n::Locale;

    #[test]
    fn findings_speak_french() {
        let findings = lint_only_in(
            "DC105",
            "kind: processing\nid: p\nname: P\ntransfers:\n  - { country: US }\n",
            Locale::Fr,
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "il manque le destinataire à un transfert vers US du traitement `p` : le registre doit identifier le pays tiers et qui reçoit les données (RGPD art. 30(1)(e))"
        );
        assert_eq!(findings[0].label, "pas de destinataire");
    }

    /// Every documented failing example of the family: each message, label, help line and
    /// secondary label differs from the English one, so none was left as a literal.
    #[test]
    fn every_failing_example_is_translated() {
        for rule in crate::rules::REGISTRY
            .iter()
            .filter(|rule| rule.family == crate::rules::Family::Register)
        {
            let english = lint_only_in(rule.code, rule.docs.failing, Locale::En);
            let french = lint_only_in(rule.code, rule.docs.failing, Locale::Fr);
            assert!(!french.is_empty(), "{}: no finding", rule.code);
            assert_eq!(english.len(), french.len(), "{}", rule.code);
            for (en, fr) in english.iter().zip(&french) {
                assert_ne!(en.message, fr.message, "{}", rule.code);
                assert_ne!(en.label, fr.label, "{}", rule.code);
                assert_ne!(en.help, fr.help, "{}", rule.code);
                for (en, fr) in en.labels.iter().zip(&fr.labels) {
                    assert_ne!(en.message, fr.message, "{}", rule.code);
                }
            }
        }
    }

    #[test]
    fn rendered_failing_examples() {
        insta::assert_snapshot!(super::render_failing_examples(
            crate::rules::Family::Register
        ));
    }
}
