//! DC504 legitimate-interest-without-assessment: basis `legitimate-interests` with no reference
//! to the balancing test.

use super::is_blank;
use crate::finding::Finding;
use crate::model::LegalBasis;
use crate::rules::Context;

declare_rule! {
    code: "DC504",
    name: "legitimate-interest-without-assessment",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for processing in &context.inventory.processings {
        let item = &processing.item;
        if item.legal_basis != Some(LegalBasis::LegitimateInterests)
            || !is_blank(item.legitimate_interest_assessment.as_ref())
        {
            continue;
        }
        findings.push(RULE.localized(
            context.locale,
            processing.at("/legal_basis"),
            &[("id", &item.id)],
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::rules::testing::lint_only;

    fn lint(rest: &str) -> Vec<Finding> {
        lint_only(
            "DC504",
            &format!("kind: processing\nid: website\nname: Site\n{rest}"),
        )
    }

    #[test]
    fn legitimate_interests_without_assessment_fires() {
        let findings = lint("legal_basis: legitimate-interests\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/legal_basis"));
    }

    #[test]
    fn an_empty_reference_is_no_reference() {
        assert_eq!(
            lint("legal_basis: legitimate-interests\nlegitimate_interest_assessment: \" \"\n")
                .len(),
            1
        );
    }

    #[test]
    fn a_reference_or_another_basis_is_fine() {
        assert!(
            lint("legal_basis: legitimate-interests\nlegitimate_interest_assessment: LIA-1\n")
                .is_empty()
        );
        assert!(lint("legal_basis: contract\n").is_empty());
        assert!(lint("").is_empty());
    }
}
