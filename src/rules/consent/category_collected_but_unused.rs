//! DC503 category-collected-but-unused: a source holds a category that none of the processings
//! using it needs.

use crate::finding::Finding;
use crate::i18n::Locale;
use crate::rules::Context;
use std::collections::{HashMap, HashSet};

declare_rule! {
    code: "DC503",
    name: "category-collected-but-unused",
    severity: Warning,
    check: check,
}

/// What the processings using one source need.
#[derive(Default)]
struct Uses<'a> {
    /// The processings (ids) that list the source.
    processings: Vec<&'a str>,
    /// The categories they declare.
    categories: HashSet<&'a str>,
    /// Those categories and all their ancestors, so that a broad field is used when part of it is.
    with_ancestors: HashSet<&'a str>,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let mut uses: HashMap<&str, Uses<'_>> = HashMap::new();
    // Reused from one processing to the next: it only dedups a processing's `sources`.
    let mut seen = HashSet::new();
    for processing in &context.inventory.processings {
        let item = &processing.item;
        seen.clear();
        for source in item.sources.iter().filter(|s| seen.insert(s.as_str())) {
            let entry = uses.entry(source.as_str()).or_default();
            entry.processings.push(item.id.as_str());
            for category in &item.data_categories {
                let category = category.as_str();
                // A category seen before already brought its ancestors.
                if entry.categories.insert(category) {
                    entry.with_ancestors.extend(self_and_ancestors(category));
                }
            }
        }
    }
    for source in &context.inventory.sources {
        let item = &source.item;
        // A source nobody uses is DC802's finding.
        let Some(used) = uses.get(item.id.as_str()) else {
            continue;
        };
        for (index, field) in item.fields.iter().enumerate() {
            let category = field.category.as_str();
            let needed = self_and_ancestors(category).any(|c| used.categories.contains(c))
                || used.with_ancestors.contains(category);
            if needed {
                continue;
            }
            findings.push(RULE.localized(
                context.locale,
                source.at(format!("/fields/{index}/category")),
                &[
                    ("source", &item.id),
                    ("category", &category),
                    ("field", &field.name),
                    ("processings", &listing(context.locale, &used.processings)),
                ],
            ));
        }
    }
}

/// `identity.email`, then `identity`.
fn self_and_ancestors(category: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(category), |c| c.rfind('.').map(|dot| &c[..dot]))
}

/// "`a`, `b` and 3 more": enough to recognise the processings without flooding the message.
fn listing(locale: Locale, ids: &[&str]) -> String {
    const SHOWN: usize = 3;
    let listed = ids
        .iter()
        .take(SHOWN)
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() <= SHOWN {
        return listed;
    }
    crate::t!(
        locale,
        "consent.listing-more",
        listed = listed,
        count = ids.len() - SHOWN
    )
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::rules::testing::lint_only;

    fn lint(fields: &str, processings: &str) -> Vec<Finding> {
        lint_only(
            "DC503",
            &format!("kind: source\nid: crm\nname: CRM\ntype: crm\nfields:\n{fields}{processings}"),
        )
    }

    fn processing(id: &str, categories: &str, sources: &str) -> String {
        format!(
            "---\nkind: processing\nid: {id}\nname: P\ndata_categories: [{categories}]\nsources: [{sources}]\n"
        )
    }

    #[test]
    fn an_unused_field_is_reported_on_its_category() {
        let findings = lint(
            "  - { name: email, category: identity.email }\n  - { name: revenu, category: economic-financial.income }\n",
            &processing("mailing", "identity.email", "crm"),
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/fields/1/category"));
        assert!(findings[0].message.contains("`mailing`"));
    }

    #[test]
    fn a_parent_category_of_the_processing_covers_the_field() {
        let findings = lint(
            "  - { name: email, category: identity.email }\n",
            &processing("mailing", "identity", "crm"),
        );
        assert!(findings.is_empty(), "{findings:#?}");
    }

    #[test]
    fn a_broad_field_is_used_when_part_of_it_is() {
        let findings = lint(
            "  - { name: achats, category: transaction }\n",
            &processing("sales", "transaction.order", "crm"),
        );
        assert!(findings.is_empty(), "{findings:#?}");
    }

    #[test]
    fn only_processings_using_the_source_count() {
        let other = "---\nkind: source\nid: other\nname: Other\ntype: other\n";
        let findings = lint(
            "  - { name: email, category: identity.email }\n",
            &format!(
                "{other}{}{}",
                processing("sales", "identity.name", "crm"),
                processing("mailing", "identity.email", "other")
            ),
        );
        assert_eq!(findings.len(), 1);
    }

    #[test]
    fn a_source_nobody_uses_is_left_to_dc802() {
        assert!(lint("  - { name: email, category: identity.email }\n", "").is_empty());
    }
}
