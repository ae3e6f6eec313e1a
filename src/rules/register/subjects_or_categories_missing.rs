//! DC103 subjects-or-categories-missing: a processing lists no data subjects or no data
//! categories.

use crate::finding::Finding;
use crate::rules::Context;

declare_rule! {
    code: "DC103",
    name: "subjects-or-categories-missing",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for processing in &context.inventory.processings {
        let item = &processing.item;
        for (empty, message, label, help) in [
            (
                item.data_subjects.is_empty(),
                "DC103.subjects.message",
                "DC103.subjects.label",
                "DC103.subjects.help",
            ),
            (
                item.data_categories.is_empty(),
                "DC103.categories.message",
                "DC103.categories.label",
                "DC103.categories.help",
            ),
        ] {
            if !empty {
                continue;
            }
            // The model cannot tell an absent key from `[]`; the id is underlined for both.
            findings.push(
                RULE.finding(
                    processing.at("/id"),
                    crate::t!(context.locale, message, processing = item.id),
                )
                .with_label(crate::t!(context.locale, label))
                .with_help(crate::t!(context.locale, help)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    const HEAD: &str = "kind: processing\nid: p\nname: Traitement\n";

    #[test]
    fn both_missing_gives_two_findings() {
        let findings = lint_only("DC103", HEAD);
        assert_eq!(findings.len(), 2);
        assert!(findings[0].message.contains("`data_subjects`"));
        assert!(findings[1].message.contains("`data_categories`"));
    }

    #[test]
    fn explicit_empty_list_counts_as_missing() {
        let yaml = format!("{HEAD}data_subjects: []\ndata_categories: [identity]\n");
        let findings = lint_only("DC103", &yaml);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("whose data"));
    }

    #[test]
    fn a_parent_category_is_enough() {
        let yaml = format!("{HEAD}data_subjects: [spectators]\ndata_categories: [identity]\n");
        assert!(lint_only("DC103", &yaml).is_empty());
    }
}
