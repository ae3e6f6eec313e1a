//! DC303 retention-without-start: a retention that does not say from which event it counts.

use super::common::{applies, kept_categories, lookup_keys, name_categories, start_key};
use super::in_words_in;
use crate::finding::{Finding, Severity};
use crate::rules::{Context, Docs, Family, Rule};
use crate::t;

pub static RULE: Rule = Rule {
    code: "DC303",
    name: "retention-without-start",
    family: Family::Retention,
    severity: Severity::Warning,
    docs: Docs {
        failing: "kind: processing\nid: ticket-sales\nname: Vente de billets\npurpose: ticketing\nlegal_basis: contract\ndata_subjects: [spectators]\ndata_categories: [identity.name, identity.email]\nretention:\n  - { categories: [identity.name, identity.email], duration: 3y, then: delete }\n",
        passing: "kind: processing\nid: ticket-sales\nname: Vente de billets\npurpose: ticketing\nlegal_basis: contract\ndata_subjects: [spectators]\ndata_categories: [identity.name, identity.email]\nretention:\n  - { categories: [identity.name, identity.email], duration: 3y, from: end-of-contract, then: delete }\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for processing in &context.inventory.processings {
        let item = &processing.item;
        for (index, rule) in item.retention.iter().enumerate() {
            // An indefinite retention has no clock to start; DC302 reports it.
            if rule.from.is_some() || rule.duration.is_indefinite() {
                continue;
            }
            let categories = kept_categories(item, rule);
            // Every reference that applies, with the event it counts from: the user picks the
            // case that fits (a prospect's last contact, or the withdrawal for a suppression list).
            let mut starts: Vec<String> = Vec::new();
            for category in lookup_keys(&categories) {
                for reference in context.policy.retention_references.values() {
                    if let Some(from) = reference.from
                        && applies(reference, item, rule, category)
                    {
                        let start = format!("`from: {}` (`{}`)", start_key(from), reference.id);
                        if !starts.contains(&start) {
                            starts.push(start);
                        }
                    }
                }
            }
            let locale = context.locale;
            let help = if starts.is_empty() {
                t!(locale, "DC303.help.generic")
            } else {
                t!(locale, "DC303.help.references", starts = starts.join(", "))
            };
            let duration = in_words_in(rule.duration, locale);
            findings.push(
                RULE.finding(
                    processing.at(format!("/retention/{index}/duration")),
                    t!(
                        locale,
                        "DC303.message",
                        processing = item.id,
                        categories = name_categories(&categories, locale),
                        duration = duration,
                    ),
                )
                .with_label(t!(locale, "DC303.label", duration = duration))
                .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::processing;
    use crate::rules::testing::lint_only;

    #[test]
    fn suggests_the_start_event_of_the_reference() {
        let header =
            "purpose: newsletter\ndata_subjects: [prospects]\ndata_categories: [identity.email]";
        let findings = lint_only(
            "DC303",
            &processing(header, "  - { duration: 3y, then: delete }"),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(
            findings[0].location.pointer(),
            Some("/retention/0/duration")
        );
        assert_eq!(
            findings[0].message,
            "processing `test` keeps `identity.email` for 3 years without saying from when"
        );
        assert!(
            findings[0]
                .help
                .as_deref()
                .is_some_and(|help| help.contains("`from: last-contact` (`prospects`)")),
            "{:?}",
            findings[0].help
        );
    }

    #[test]
    fn without_categories_or_reference_the_help_lists_the_events() {
        let findings = lint_only(
            "DC303",
            &processing(
                "purpose: other\ndescription: Journal",
                "  - { duration: 1y }",
            ),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(findings[0].message.contains("keeps its data for 1 year"));
        assert!(
            findings[0]
                .help
                .as_deref()
                .is_some_and(|help| help.contains("`end-of-fiscal-year`"))
        );
    }

    #[test]
    fn indefinite_is_left_to_dc302() {
        assert!(
            lint_only(
                "DC303",
                &processing(
                    "purpose: other\ndescription: Journal",
                    "  - { duration: indefinite }"
                )
            )
            .is_empty()
        );
    }

    #[test]
    fn every_rule_is_checked() {
        let header = "purpose: other\ndescription: Journal\ndata_categories: [connection.logs]";
        let findings = lint_only(
            "DC303",
            &processing(
                header,
                "  - { duration: 1y, from: collection }\n  - { duration: 2y }",
            ),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(
            findings[0].location.pointer(),
            Some("/retention/1/duration")
        );
    }
}
