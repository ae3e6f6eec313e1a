//! DC208 card-security-code-stored: the card security code (CVV) held anywhere.

use super::category_uses;
use crate::finding::Finding;
use crate::policy::PolicyTables;
use crate::rules::Context;

/// The category this rule is about (a child of it is covered too).
const CARD_SECURITY_CODE: &str = "payment.card-cvv";

declare_rule! {
    code: "DC208",
    name: "card-security-code-stored",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for used in category_uses(context.inventory) {
        if !PolicyTables::covers(CARD_SECURITY_CODE, used.category) {
            continue;
        }
        let locale = context.locale;
        let help = match reference_source(context.policy, locale) {
            Some(source) => crate::t!(locale, "DC208.help.cited", source = source),
            None => crate::t!(locale, "DC208.help.plain"),
        };
        findings.push(
            RULE.finding(
                used.location(),
                crate::t!(
                    locale,
                    "DC208.message",
                    holder = used.holder.describe(locale),
                    category = used.category
                ),
            )
            .with_label(crate::t!(locale, "DC208.label"))
            .with_help(help),
        );
    }
}

/// The legal source of the retention reference for the security code, when the retention pack
/// has one: the help line cites it.
fn reference_source(policy: &PolicyTables, locale: crate::i18n::Locale) -> Option<&str> {
    policy
        .retention_references
        .values()
        .find(|reference| {
            reference
                .categories
                .iter()
                .any(|category| PolicyTables::covers(category.as_str(), CARD_SECURITY_CODE))
        })
        .and_then(|reference| reference.source.as_ref())
        .map(|source| source.get(locale))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{lint_only, pointers};

    #[test]
    fn flags_processings_too_and_cites_the_pack() {
        let yaml = "kind: processing\nid: ventes\nname: Ventes\ndata_categories: [payment.card-number, payment.card-cvv]\nretention:\n  - { categories: [payment.card-cvv], duration: 0d, from: transaction }\n";
        let findings = lint_only("DC208", yaml);
        assert_eq!(pointers(&findings), ["/data_categories/1"]);
        let help = findings[0].help.as_deref().unwrap_or_default();
        assert!(help.contains("2018-303"), "{help}");
    }

    #[test]
    fn the_payment_parent_is_not_the_security_code() {
        let yaml = "kind: processing\nid: ventes\nname: Ventes\ndata_categories: [payment, payment.card-number]\n";
        assert!(lint_only("DC208", yaml).is_empty());
    }
}
