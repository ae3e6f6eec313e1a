//! DC501 consent-without-record: legal basis `consent` with no record of consents or no way to
//! withdraw.

use super::is_blank;
use crate::finding::Finding;
use crate::model::LegalBasis;
use crate::rules::Context;

declare_rule! {
    code: "DC501",
    name: "consent-without-record",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    for processing in &context.inventory.processings {
        let item = &processing.item;
        if item.legal_basis != Some(LegalBasis::Consent) {
            continue;
        }
        let id = item.id.as_str();
        let Some(consent) = &item.consent else {
            findings.push(
                RULE.finding(
                    processing.at("/legal_basis"),
                    crate::t!(locale, "DC501.no-section.message", id = id),
                )
                .with_label(crate::t!(locale, "DC501.no-section.label"))
                .with_help(crate::t!(locale, "DC501.no-section.help")),
            );
            continue;
        };
        // Each combination has its own sentences: languages do not join the two keys alike.
        let missing = match (
            is_blank(consent.record.as_ref()),
            is_blank(consent.withdrawal.as_ref()),
        ) {
            (false, false) => continue,
            (true, false) => "missing-record",
            (false, true) => "missing-withdrawal",
            (true, true) => "missing-both",
        };
        let key = |part: &str| format!("DC501.{missing}.{part}");
        findings.push(
            RULE.finding(
                processing.at("/consent").on_key(),
                crate::t!(locale, &key("message"), id = id),
            )
            .with_label(crate::t!(locale, &key("label")))
            .with_secondary(
                processing.at("/legal_basis"),
                crate::t!(locale, "consent.basis-is-consent"),
            )
            .with_help(crate::t!(locale, &key("help"))),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    const HEAD: &str = "kind: processing\nid: newsletter\nname: Lettre\npurpose: newsletter\ndata_subjects: [spectators]\ndata_categories: [identity.email]\n";

    fn lint(rest: &str) -> Vec<crate::finding::Finding> {
        lint_only("DC501", &format!("{HEAD}{rest}"))
    }

    #[test]
    fn consent_without_section_points_at_the_basis() {
        let findings = lint("legal_basis: consent\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/legal_basis"));
    }

    #[test]
    fn a_missing_withdrawal_alone_is_named() {
        let findings = lint("legal_basis: consent\nconsent: { record: \"sign-up log\" }\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/consent"));
        assert!(
            findings[0].message.contains("withdraws"),
            "{}",
            findings[0].message
        );
        assert!(findings[0].label.contains("`withdrawal`"));
        assert!(!findings[0].label.contains("`record`"));
    }

    #[test]
    fn a_blank_record_counts_as_missing() {
        let findings = lint(
            "legal_basis: consent\nconsent: { record: \"  \", withdrawal: \"unsubscribe link\" }\n",
        );
        assert_eq!(findings.len(), 1);
        assert!(findings[0].label.contains("`record`"));
    }

    #[test]
    fn other_bases_are_not_concerned() {
        assert!(lint("legal_basis: contract\n").is_empty());
        assert!(lint("").is_empty());
    }

    #[test]
    fn record_and_withdrawal_satisfy_the_rule() {
        let findings = lint(
            "legal_basis: consent\nconsent: { record: \"sign-up log\", withdrawal: \"unsubscribe link\" }\n",
        );
        assert!(findings.is_empty(), "{findings:#?}");
    }
}
