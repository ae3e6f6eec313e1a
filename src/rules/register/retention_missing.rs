//! DC106 retention-missing: a data category of a processing is covered by no retention rule.

use crate::finding::Finding;
use crate::model::RetentionRule;
use crate::policy::PolicyTables;
use crate::rules::Context;

declare_rule! {
    code: "DC106",
    name: "retention-missing",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for processing in &context.inventory.processings {
        let item = &processing.item;
        if item.data_categories.is_empty() {
            continue; // DC103 reports it; there is nothing to cover.
        }
        if item.retention.is_empty() {
            findings.push(
                RULE.finding(
                    processing.at("/id"),
                    crate::t!(context.locale, "DC106.none.message", processing = item.id),
                )
                .with_label(crate::t!(context.locale, "DC106.none.label"))
                .with_help(crate::t!(context.locale, "DC106.none.help")),
            );
            continue;
        }
        for (index, category) in item.data_categories.iter().enumerate() {
            if item
                .retention
                .iter()
                .any(|rule| covers(rule, category.as_str()))
            {
                continue;
            }
            findings.push(
                RULE.finding(
                    processing.at(format!("/data_categories/{index}")),
                    crate::t!(
                        context.locale,
                        "DC106.uncovered.message",
                        processing = item.id,
                        category = category
                    ),
                )
                .with_label(crate::t!(context.locale, "DC106.uncovered.label"))
                .with_secondary(
                    processing.at("/retention"),
                    crate::t!(context.locale, "DC106.uncovered.secondary"),
                )
                .with_help(crate::t!(
                    context.locale,
                    "DC106.uncovered.help",
                    category = category
                )),
            );
        }
    }
}

/// A rule covers its categories and their descendants; without `categories`, everything.
fn covers(rule: &RetentionRule, category: &str) -> bool {
    rule.categories.is_empty()
        || rule
            .categories
            .iter()
            .any(|covered| PolicyTables::covers(covered.as_str(), category))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    const HEAD: &str = "kind: processing\nid: p\nname: Traitement\n";

    #[test]
    fn a_parent_rule_covers_its_children() {
        let yaml = format!(
            "{HEAD}data_categories: [identity.email, identity.name]\nretention:\n  - {{ categories: [identity], duration: 3y }}\n"
        );
        assert!(lint_only("DC106", &yaml).is_empty());
    }

    #[test]
    fn a_child_rule_does_not_cover_the_parent() {
        let yaml = format!(
            "{HEAD}data_categories: [transaction]\nretention:\n  - {{ categories: [transaction.order], duration: 3y }}\n"
        );
        let findings = lint_only("DC106", &yaml);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/data_categories/0"));
    }

    #[test]
    fn a_rule_without_categories_covers_everything() {
        let yaml = format!(
            "{HEAD}data_categories: [identity.email, payment.iban]\nretention:\n  - {{ duration: 3y }}\n"
        );
        assert!(lint_only("DC106", &yaml).is_empty());
    }

    #[test]
    fn no_retention_at_all_is_one_finding() {
        let yaml = format!("{HEAD}data_categories: [identity.email, payment.iban]\n");
        let findings = lint_only("DC106", &yaml);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/id"));
    }

    #[test]
    fn no_categories_is_left_to_dc103() {
        assert!(lint_only("DC106", HEAD).is_empty());
    }

    #[test]
    fn a_lookalike_prefix_does_not_cover() {
        let yaml = format!(
            "{HEAD}data_categories: [identity.phone]\nretention:\n  - {{ categories: [identity.ph], duration: 3y }}\n"
        );
        assert_eq!(lint_only("DC106", &yaml).len(), 1);
    }
}
