//! DC302 retention-indefinite: a retention, or its archive stage, with no end.

use super::common::{
    cited, for_processing, kept_categories, limiting_reference, lookup_keys, name_categories,
    reference_in_words,
};
use crate::finding::Finding;
use crate::model::{Located, Processing, RetentionRule};
use crate::rules::Context;
use crate::t;

declare_rule! {
    code: "DC302",
    name: "retention-indefinite",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for processing in &context.inventory.processings {
        for (index, rule) in processing.item.retention.iter().enumerate() {
            if rule.duration.is_indefinite() {
                findings.push(finding(
                    context,
                    processing,
                    rule,
                    format!("/retention/{index}/duration"),
                    "DC302.message.active",
                ));
            }
            if rule
                .archive
                .as_ref()
                .is_some_and(|archive| archive.duration.is_indefinite())
            {
                findings.push(finding(
                    context,
                    processing,
                    rule,
                    format!("/retention/{index}/archive/duration"),
                    "DC302.message.archive",
                ));
            }
        }
    }
}

/// `message_key` says which stage has no end: the active period or the archive.
fn finding(
    context: &Context<'_>,
    processing: &Located<Processing>,
    rule: &RetentionRule,
    pointer: String,
    message_key: &str,
) -> Finding {
    let locale = context.locale;
    let item = &processing.item;
    let categories = kept_categories(item, rule);
    let message = t!(
        locale,
        message_key,
        processing = item.id,
        categories = name_categories(&categories, locale),
    );
    // Suggest the reference of the first category that has one.
    let candidates = for_processing(context.policy.retention_references.values(), item);
    let reference = lookup_keys(&categories)
        .into_iter()
        .find_map(|category| limiting_reference(&candidates, rule, category));
    let help = match reference {
        Some(reference) => t!(
            locale,
            "DC302.help.reference",
            reference = reference.id,
            limit = reference_in_words(reference, locale),
            source = cited(reference, locale),
        ),
        None => t!(locale, "DC302.help.generic"),
    };
    RULE.finding(processing.at(pointer), message)
        .with_label(t!(locale, "DC302.label"))
        .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::processing;
    use crate::rules::testing::lint_only;

    #[test]
    fn flags_the_duration_and_suggests_the_reference() {
        let header =
            "purpose: ticketing\ndata_subjects: [spectators]\ndata_categories: [identity.name]";
        let findings = lint_only(
            "DC302",
            &processing(
                header,
                "  - { duration: indefinite, from: end-of-contract }",
            ),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(
            findings[0].location.pointer(),
            Some("/retention/0/duration")
        );
        assert!(
            findings[0]
                .message
                .contains("processing `test` keeps `identity.name` with no end"),
            "{}",
            findings[0].message
        );
        assert!(
            findings[0]
                .help
                .as_deref()
                .is_some_and(|help| help.contains("`customers` is 5 years")),
            "{:?}",
            findings[0].help
        );
    }

    #[test]
    fn flags_an_indefinite_archive() {
        let header = "purpose: accounting\ndata_categories: [transaction.invoice]";
        let findings = lint_only(
            "DC302",
            &processing(
                header,
                "  - { duration: 1y, from: end-of-fiscal-year, then: archive, archive: { duration: indefinite } }",
            ),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(
            findings[0].location.pointer(),
            Some("/retention/0/archive/duration")
        );
        assert!(
            findings[0]
                .message
                .contains("processing `test` archives `transaction.invoice` with no end")
        );
    }

    #[test]
    fn without_a_reference_the_help_is_generic() {
        let header = "purpose: other\ndescription: Journal\ndata_categories: [connection.logs]";
        let findings = lint_only("DC302", &processing(header, "  - { duration: indefinite }"));
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0]
                .help
                .as_deref()
                .is_some_and(|help| help.contains("`from:`"))
        );
    }

    #[test]
    fn finite_durations_pass() {
        let header = "purpose: other\ndescription: Journal\ndata_categories: [connection.logs]";
        assert!(
            lint_only(
                "DC302",
                &processing(
                    header,
                    "  - { duration: 100y, then: archive, archive: { duration: 5y } }"
                )
            )
            .is_empty()
        );
    }
}
