//! DC605 systematic-derogation: an Art. 49 derogation used for a regular transfer.

use crate::finding::Finding;
use crate::model::Safeguard;
use crate::rules::Context;

declare_rule! {
    code: "DC605",
    name: "systematic-derogation",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    for processing in &context.inventory.processings {
        let item = &processing.item;
        for (index, transfer) in item.transfers.iter().enumerate() {
            let derogation =
                transfer.safeguard == Some(Safeguard::Derogation) || transfer.derogation.is_some();
            if !(derogation && transfer.regular) {
                continue;
            }
            let message = match &transfer.country {
                Some(country) => crate::t!(
                    locale,
                    "DC605.message-to-country",
                    id = item.id,
                    country = crate::i18n::format::country_with_code(locale, country.as_str())
                ),
                None => crate::t!(locale, "DC605.message", id = item.id),
            };
            let exception = if transfer.derogation.is_some() {
                "derogation"
            } else {
                "safeguard"
            };
            findings.push(
                RULE.finding(
                    processing.at(format!("/transfers/{index}/regular")),
                    message,
                )
                .with_label(crate::t!(locale, "DC605.label"))
                .with_secondary(
                    processing.at(format!("/transfers/{index}/{exception}")),
                    crate::t!(locale, "DC605.secondary"),
                )
                .with_help(crate::t!(locale, "DC605.help")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::rules::testing::lint_only;

    fn lint(transfer: &str) -> Vec<Finding> {
        lint_only(
            "DC605",
            &format!("kind: processing\nid: p\nname: P\ntransfers:\n  - {transfer}\n"),
        )
    }

    #[test]
    fn a_regular_derogation_fires_on_regular() {
        let findings = lint(
            "{ country: IN, safeguard: derogation, derogation: contract-with-subject, regular: true }",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/transfers/0/regular"));
        assert_eq!(
            findings[0].labels[0].location.pointer(),
            Some("/transfers/0/derogation")
        );
    }

    #[test]
    fn a_derogation_named_without_safeguard_counts() {
        assert_eq!(
            lint("{ country: IN, derogation: explicit-consent, regular: true }").len(),
            1
        );
        assert_eq!(
            lint("{ country: IN, safeguard: derogation, regular: true }").len(),
            1
        );
    }

    #[test]
    fn occasional_derogations_and_regular_scc_pass() {
        assert!(
            lint("{ country: IN, safeguard: derogation, derogation: explicit-consent }").is_empty()
        );
        assert!(lint("{ country: IN, safeguard: scc, regular: true }").is_empty());
    }
}
