//! DC306 long-retention-without-archive: data kept in the active base for years, with no
//! intermediate archive stage.

use super::common::{
    for_processing, kept_as_minimum, kept_categories, lookup_keys, name_categories,
};
use super::in_words_in;
use crate::finding::{Finding, Severity};
use crate::model::RetentionEnd;
use crate::rules::{Context, Docs, Family, Rule};
use crate::t;

pub static RULE: Rule = Rule {
    code: "DC306",
    name: "long-retention-without-archive",
    family: Family::Retention,
    severity: Severity::Info,
    docs: Docs {
        failing: "kind: processing\nid: ticket-sales\nname: Vente de billets\npurpose: ticketing\nlegal_basis: contract\ndata_subjects: [spectators]\ndata_categories: [identity.name, transaction.order]\nretention:\n  - { categories: [identity.name, transaction.order], duration: 5y, from: end-of-contract, then: delete }\n",
        passing: "kind: processing\nid: ticket-sales\nname: Vente de billets\npurpose: ticketing\nlegal_basis: contract\ndata_subjects: [spectators]\ndata_categories: [identity.name, transaction.order]\nretention:\n  - categories: [identity.name, transaction.order]\n    duration: 3y\n    from: end-of-contract\n    then: archive\n    archive: { duration: 2y, access: \"box-office manager only, for disputes\" }\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let Some(limit) = context
        .policy
        .retention_archive_after
        .as_ref()
        .map(|archive_after| archive_after.duration)
    else {
        return;
    };
    for processing in &context.inventory.processings {
        let item = &processing.item;
        let references = for_processing(context.policy.retention_references.values(), item);
        for (index, rule) in item.retention.iter().enumerate() {
            // DC302 reports indefinite retention.
            if rule.duration.is_indefinite() || rule.duration <= limit || rule.archive.is_some() {
                continue;
            }
            let categories = kept_categories(item, rule);
            // Data kept under a minimum reference (an opposition list) must stay at hand to be
            // used: it has no archive stage.
            if lookup_keys(&categories)
                .into_iter()
                .all(|category| kept_as_minimum(&references, rule, category))
            {
                continue;
            }
            // `then: archive` without its `archive:` stage says there is one but not what it is.
            let (pointer, label) = if rule.then == Some(RetentionEnd::Archive) {
                (format!("/retention/{index}/then"), "DC306.label.announced")
            } else {
                (format!("/retention/{index}/duration"), "DC306.label.active")
            };
            let locale = context.locale;
            findings.push(
                RULE.finding(
                    processing.at(pointer),
                    t!(
                        locale,
                        "DC306.message",
                        processing = item.id,
                        categories = name_categories(&categories, locale),
                        duration = in_words_in(rule.duration, locale),
                    ),
                )
                .with_label(t!(locale, label))
                .with_help(t!(
                    locale,
                    "DC306.help",
                    limit = in_words_in(limit, locale)
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::processing;
    use crate::rules::testing::lint_only;

    const TICKETING: &str =
        "purpose: ticketing\ndata_subjects: [spectators]\ndata_categories: [identity.name]";

    #[test]
    fn an_opposition_list_stays_in_the_active_base() {
        let header =
            "purpose: prospecting\ndata_subjects: [prospects]\ndata_categories: [identity.email]";
        let list = processing(
            header,
            "  - { categories: [identity.email], duration: 5y, from: withdrawal }",
        );
        assert!(lint_only("DC306", &list).is_empty());
        let prospects = processing(
            header,
            "  - { categories: [identity.email], duration: 5y, from: last-contact }",
        );
        assert_eq!(lint_only("DC306", &prospects).len(), 1);
    }

    #[test]
    fn over_three_years_without_archive_is_reported_as_info() {
        let findings = lint_only(
            "DC306",
            &processing(
                TICKETING,
                "  - { duration: 5y, from: end-of-contract, then: delete }",
            ),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].severity, crate::finding::Severity::Info);
        assert_eq!(
            findings[0].location.pointer(),
            Some("/retention/0/duration")
        );
        assert_eq!(
            findings[0].message,
            "processing `test` keeps `identity.name` in its active base for 5 years, with no intermediate archive stage"
        );
    }

    #[test]
    fn three_years_or_an_archive_stage_is_fine() {
        assert!(
            lint_only(
                "DC306",
                &processing(TICKETING, "  - { duration: 3y, from: end-of-contract }")
            )
            .is_empty()
        );
        assert!(
            lint_only(
                "DC306",
                &processing(TICKETING, "  - { duration: 36mo, from: end-of-contract }")
            )
            .is_empty()
        );
        let archived =
            "  - { duration: 4y, from: end-of-contract, then: archive, archive: { duration: 1y } }";
        assert!(lint_only("DC306", &processing(TICKETING, archived)).is_empty());
        assert!(
            lint_only(
                "DC306",
                &processing(TICKETING, "  - { duration: indefinite }")
            )
            .is_empty()
        );
    }

    #[test]
    fn an_announced_but_missing_archive_points_at_then() {
        let findings = lint_only(
            "DC306",
            &processing(
                TICKETING,
                "  - { duration: 4y, from: end-of-contract, then: archive }",
            ),
        );
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].location.pointer(), Some("/retention/0/then"));
    }

    #[test]
    fn the_limit_is_the_packs_archive_after() {
        let house =
            "\n---\nkind: policy\nid: house\nretention: { archive_after: { duration: 5y } }\n";
        let five = processing(TICKETING, "  - { duration: 5y, from: end-of-contract }");
        assert!(lint_only("DC306", &format!("{five}{house}")).is_empty());
        let six = processing(TICKETING, "  - { duration: 6y, from: end-of-contract }");
        assert_eq!(lint_only("DC306", &format!("{six}{house}")).len(), 1);
    }
}
