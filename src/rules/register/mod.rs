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

use crate::finding::Finding;
use crate::model::Processing;
use crate::rules::{Context, Rule};

/// A finding of `rule` on the `id` of each processing that lacks a heading of the register
/// (`lacks` says which): the shape of DC104, DC107 and DC108.
fn flag_processings_lacking(
    rule: &Rule,
    context: &Context<'_>,
    findings: &mut Vec<Finding>,
    lacks: impl Fn(&Processing) -> bool,
) {
    for processing in &context.inventory.processings {
        if lacks(&processing.item) {
            findings.push(rule.localized(
                context.locale,
                processing.at("/id"),
                &[("processing", &processing.item.id)],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Locale;
    use crate::rules::Family;
    use crate::rules::testing::{
        assert_failing_examples_translated, lint_only_in, render_failing_examples,
    };

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
            "il manque le destinataire à un transfert vers US du traitement `p` : nommez qui reçoit les données, pour pouvoir vérifier le contrat qui encadre le transfert (bonne pratique ; l'art. 30.1.d du RGPD demande les catégories de destinataires)"
        );
        assert_eq!(findings[0].label, "pas de destinataire");
    }

    /// Every documented failing example of the family: each message, label, help line and
    /// secondary label differs from the English one, so none was left as a literal.
    #[test]
    fn every_failing_example_is_translated() {
        assert_failing_examples_translated(Family::Register);
    }

    #[test]
    fn rendered_failing_examples() {
        insta::assert_snapshot!(render_failing_examples(Family::Register));
    }
}
