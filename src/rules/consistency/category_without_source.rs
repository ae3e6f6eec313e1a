//! DC801 category-without-source: a processing uses a category that none of its sources holds.

use crate::finding::Finding;
use crate::model::Source;
use crate::policy::PolicyTables;
use crate::rules::Context;
use crate::t;

declare_rule! {
    code: "DC801",
    name: "category-without-source",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let (inventory, locale) = (context.inventory, context.locale);
    for processing in &inventory.processings {
        let item = &processing.item;
        if item.data_categories.is_empty() {
            continue; // DC103
        }
        if item.sources.is_empty() {
            let listed: Vec<String> = item
                .data_categories
                .iter()
                .map(|c| format!("`{c}`"))
                .collect();
            findings.push(
                RULE.finding(
                    processing.at("/id"),
                    t!(
                        locale,
                        "DC801.no-source.message",
                        id = item.id,
                        categories = listed.join(", ")
                    ),
                )
                .with_label(t!(locale, "DC801.no-source.label"))
                .with_help(t!(locale, "DC801.no-source.help")),
            );
            continue;
        }
        let sources: Vec<&Source> = item
            .sources
            .iter()
            .filter_map(|id| inventory.source(id.as_str()))
            .map(|s| &s.item)
            .collect();
        if sources.is_empty() {
            continue; // every source is unknown: DC005 says so
        }
        for (i, category) in item.data_categories.iter().enumerate() {
            let held = sources.iter().any(|source| {
                source
                    .fields
                    .iter()
                    .any(|field| related(category.as_str(), field.category.as_str()))
            });
            if held {
                continue;
            }
            let names: Vec<String> = sources.iter().map(|s| format!("`{}`", s.id)).collect();
            findings.push(
                RULE.finding(
                    processing.at(format!("/data_categories/{i}")),
                    t!(
                        locale,
                        "DC801.unheld.message",
                        id = item.id,
                        category = category,
                        sources = names.join(", ")
                    ),
                )
                .with_label(t!(locale, "DC801.unheld.label"))
                .with_secondary(
                    processing.at("/sources"),
                    t!(locale, "DC801.unheld.secondary"),
                )
                .with_help(t!(locale, "DC801.unheld.help")),
            );
        }
    }
}

/// A source field holds a processing's category when one covers the other.
fn related(used: &str, held: &str) -> bool {
    PolicyTables::covers(used, held) || PolicyTables::covers(held, used)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    fn workspace(held: &str, used: &str, sources: &str) -> String {
        format!(
            "kind: source\nid: s\nname: S\ntype: crm\nfields:\n  - {{ name: f, category: {held} }}\n---\nkind: processing\nid: p\nname: P\ndata_categories: [{used}]\nsources: {sources}\n"
        )
    }

    #[test]
    fn hierarchy_works_both_ways() {
        assert!(
            lint_only(
                "DC801",
                &workspace("transaction.order", "transaction", "[s]")
            )
            .is_empty()
        );
        assert!(lint_only("DC801", &workspace("identity", "identity.email", "[s]")).is_empty());
        assert_eq!(
            lint_only(
                "DC801",
                &workspace("transaction.order", "transaction.invoice", "[s]")
            )
            .len(),
            1
        );
        assert_eq!(
            lint_only("DC801", &workspace("identity", "identityx", "[s]")).len(),
            1
        );
    }

    #[test]
    fn no_source_is_one_finding_and_unknown_sources_are_left_to_dc005() {
        let none = workspace("identity.name", "identity.email, transaction", "[]");
        let findings = lint_only("DC801", &none);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/id"));
        assert!(
            lint_only(
                "DC801",
                &workspace("identity.name", "identity.email", "[nowhere]")
            )
            .is_empty()
        );
    }
}
