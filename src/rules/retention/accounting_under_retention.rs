//! DC305 accounting-under-retention: accounting records kept less than the legal minimum.

use super::common::{
    applies, cited, kept_categories, lookup_keys, name_categories, reference_in_words, total_kept,
};
use super::in_words_in;
use crate::finding::{Finding, Severity};
use crate::model::LegalForm;
use crate::rules::{Context, Docs, Family, Rule};
use crate::t;

pub static RULE: Rule = Rule {
    code: "DC305",
    name: "accounting-under-retention",
    family: Family::Retention,
    severity: Severity::Warning,
    docs: Docs {
        failing: "kind: processing\nid: accounting\nname: Comptabilité\npurpose: accounting\nlegal_basis: legal-obligation\ndata_subjects: [spectators]\ndata_categories: [identity.name, transaction.invoice]\nretention:\n  - { categories: [identity.name, transaction.invoice], duration: 5y, from: end-of-fiscal-year, then: delete }\n",
        passing: "kind: processing\nid: accounting\nname: Comptabilité\npurpose: accounting\nlegal_basis: legal-obligation\ndata_subjects: [spectators]\ndata_categories: [identity.name, transaction.invoice]\nretention:\n  - categories: [identity.name, transaction.invoice]\n    duration: 1y\n    from: end-of-fiscal-year\n    then: archive\n    archive: { duration: 9y, access: \"read-only, the administrator and the statutory auditor\" }\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    // The pack names the reference that is the minimum (`accounting_minimum`): its `purposes`
    // say which processings are accounting, its `duration` how long at least.
    let Some(minimum) = context.policy.accounting_minimum() else {
        return;
    };
    // Code de commerce L123-22 binds traders and companies. Associations (6 years for tax
    // records, LPF L102 B) and public bodies (public-accounting archives) follow other rules:
    // an info that says so.
    let other_rules = context
        .inventory
        .organisation()
        .is_some_and(|organisation| {
            organisation.item.public_body == Some(true)
                || matches!(
                    organisation.item.legal_form,
                    Some(LegalForm::Association | LegalForm::PublicBody | LegalForm::Foundation)
                )
        });
    for processing in &context.inventory.processings {
        let item = &processing.item;
        let is_accounting = item
            .purpose
            .as_ref()
            .is_some_and(|purpose| minimum.purposes.contains(purpose));
        if !is_accounting {
            continue;
        }
        for (index, rule) in item.retention.iter().enumerate() {
            let kept = total_kept(rule);
            // For a body that L123-22 does not bind, a `justification` naming the rule it
            // follows settles it; a trader's legal minimum is not lifted.
            let justified = rule
                .justification
                .as_deref()
                .is_some_and(|text| !text.trim().is_empty());
            if kept >= minimum.duration || (other_rules && justified) {
                continue;
            }
            let categories = kept_categories(item, rule);
            // A maximum below the minimum wins (card data kept as proof): not this rule's.
            let capped = |category: Option<&str>| {
                let policy = context.policy;
                policy
                    .retention_ceilings
                    .values()
                    .chain(policy.retention_maxima.values())
                    .any(|ceiling| {
                        ceiling.duration < minimum.duration
                            && applies(ceiling, item, rule, category)
                    })
            };
            let short: Vec<&str> = lookup_keys(&categories)
                .into_iter()
                .filter(|c| !capped(*c))
                .flatten()
                .collect();
            if short.is_empty() && !categories.is_empty() {
                continue;
            }
            let locale = context.locale;
            let limit = reference_in_words(minimum, locale);
            let help = if other_rules {
                t!(locale, "DC305.help-other", limit = limit)
            } else {
                t!(locale, "DC305.help", limit = limit)
            };
            let mut finding = RULE
                .finding(
                    processing.at(format!("/retention/{index}/duration")),
                    t!(
                        locale,
                        if other_rules {
                            "DC305.message-other"
                        } else {
                            "DC305.message"
                        },
                        processing = item.id,
                        categories = name_categories(&short, locale),
                        duration = in_words_in(kept, locale),
                        limit = limit,
                        source = cited(minimum, locale),
                    ),
                )
                .with_label(t!(
                    locale,
                    "DC305.label",
                    duration = in_words_in(minimum.duration, locale)
                ))
                .with_help(help);
            if other_rules {
                finding.severity = Severity::Info;
            }
            findings.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::processing;
    use crate::rules::testing::lint_only;

    const ACCOUNTING: &str = "purpose: accounting\ndata_subjects: [spectators]\ndata_categories: [identity.name, transaction.invoice]";

    #[test]
    fn flags_a_short_retention_naming_the_law() {
        let findings = lint_only(
            "DC305",
            &processing(ACCOUNTING, "  - { duration: 5y, from: end-of-fiscal-year }"),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let message = &findings[0].message;
        assert!(message.starts_with("accounting processing `test` keeps `identity.name`, `transaction.invoice` for 5 years; accounting records must be kept 10 years from the end of the fiscal year"), "{message}");
        assert!(message.contains("L123-22"), "{message}");
    }

    #[test]
    fn an_info_for_associations_and_public_bodies() {
        let short = processing(ACCOUNTING, "  - { duration: 6y, from: end-of-fiscal-year }");
        for form in ["association", "public-body", "foundation"] {
            let organisation =
                format!("kind: organisation\nid: o\nname: O\nlegal_form: {form}\n---\n");
            let findings = lint_only("DC305", &format!("{organisation}{short}"));
            assert_eq!(findings.len(), 1, "{form}");
            assert_eq!(
                findings[0].severity,
                crate::finding::Severity::Info,
                "{form}"
            );
            assert!(
                findings[0]
                    .help
                    .as_deref()
                    .is_some_and(|help| help.contains("L102 B")),
                "{:?}",
                findings[0].help
            );
        }
        let company = "kind: organisation\nid: o\nname: O\nlegal_form: company\n---\n";
        let findings = lint_only("DC305", &format!("{company}{short}"));
        assert_eq!(findings[0].severity, crate::finding::Severity::Warning);
        // A justification settles it for an association, not for a company.
        let justified = processing(
            ACCOUNTING,
            "  - { duration: 6y, from: end-of-fiscal-year, justification: \"association: tax records, LPF L102 B\" }",
        );
        let association = "kind: organisation\nid: o\nname: O\nlegal_form: association\n---\n";
        assert!(lint_only("DC305", &format!("{association}{justified}")).is_empty());
        assert_eq!(
            lint_only("DC305", &format!("{company}{justified}")).len(),
            1
        );
    }

    #[test]
    fn the_archive_stage_counts() {
        let retention = "  - { duration: 1y, from: end-of-fiscal-year, then: archive, archive: { duration: 9y } }";
        assert!(lint_only("DC305", &processing(ACCOUNTING, retention)).is_empty());
        let retention = "  - { duration: 1y, from: end-of-fiscal-year, then: archive, archive: { duration: 8y } }";
        assert_eq!(
            lint_only("DC305", &processing(ACCOUNTING, retention)).len(),
            1
        );
    }

    #[test]
    fn card_data_capped_by_a_ceiling_are_left_out() {
        let header =
            "purpose: accounting\ndata_categories: [payment.card-number, transaction.invoice]";
        let retention = "  - { categories: [payment.card-number], duration: 13mo, from: debit }\n  - { categories: [transaction.invoice], duration: 10y, from: end-of-fiscal-year }";
        assert!(lint_only("DC305", &processing(header, retention)).is_empty());
        // Mixed in one rule, only the category without a ceiling is named.
        let findings = lint_only(
            "DC305",
            &processing(header, "  - { duration: 13mo, from: debit }"),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0]
                .message
                .contains("keeps `transaction.invoice` for 13 months"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn other_purposes_are_not_concerned() {
        let header = "purpose: ticketing\ndata_subjects: [spectators]\ndata_categories: [transaction.invoice]";
        assert!(
            lint_only(
                "DC305",
                &processing(header, "  - { duration: 3y, from: end-of-contract }")
            )
            .is_empty()
        );
    }

    #[test]
    fn the_minimum_is_the_reference_the_pack_names() {
        let house = "\n---\nkind: policy\nid: house\nretention:\n  references:\n    - { id: house-accounting, purposes: [accounting], duration: 6y, from: end-of-fiscal-year }\n  accounting_minimum: house-accounting\n";
        let six = processing(ACCOUNTING, "  - { duration: 6y, from: end-of-fiscal-year }");
        assert!(lint_only("DC305", &format!("{six}{house}")).is_empty());
        let five = processing(ACCOUNTING, "  - { duration: 5y, from: end-of-fiscal-year }");
        let findings = lint_only("DC305", &format!("{five}{house}"));
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0].message.contains("must be kept 6 years"),
            "{}",
            findings[0].message
        );
    }
}
