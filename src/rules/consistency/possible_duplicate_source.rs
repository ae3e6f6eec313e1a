//! DC805 possible-duplicate-source: two sources of the same subjects holding the same categories.

use crate::finding::Finding;
use crate::model::{Located, Source};
use crate::rules::Context;
use crate::t;
use std::collections::{BTreeSet, HashMap};

declare_rule! {
    code: "DC805",
    name: "possible-duplicate-source",
    severity: Info,
    check: check,
}

/// What a source holds about whom: sorted, without repeats.
type Signature<'a> = (BTreeSet<&'a str>, BTreeSet<&'a str>);

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    let mut first_with: HashMap<Signature<'_>, &Located<Source>> = HashMap::new();
    for source in &context.inventory.sources {
        let item = &source.item;
        if item.fields.is_empty() {
            continue;
        }
        let signature = (
            item.data_subjects.iter().map(|s| s.as_str()).collect(),
            item.fields.iter().map(|f| f.category.as_str()).collect(),
        );
        match first_with.get(&signature) {
            Some(first) => findings.push(
                RULE.finding(
                    source.at("/id"),
                    t!(locale, "DC805.message", id = item.id, first = first.item.id),
                )
                .with_label(t!(locale, "DC805.label"))
                .with_secondary(first.at("/id"), t!(locale, "DC805.secondary"))
                .with_help(t!(locale, "DC805.help")),
            ),
            None => {
                first_with.insert(signature, source);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    fn source(id: &str, subjects: &str, categories: &[&str]) -> String {
        let fields: String = categories
            .iter()
            .map(|c| format!("  - {{ name: f, category: {c} }}\n"))
            .collect();
        format!(
            "kind: source\nid: {id}\nname: S\ntype: crm\ndata_subjects: {subjects}\nfields:\n{fields}"
        )
    }

    #[test]
    fn order_and_repeats_do_not_matter_but_subjects_do() {
        let a = source(
            "a",
            "[spectators, subscribers]",
            &["identity.name", "identity.email"],
        );
        let b = source(
            "b",
            "[subscribers, spectators]",
            &["identity.email", "identity.name", "identity.email"],
        );
        let c = source("c", "[spectators]", &["identity.name", "identity.email"]);
        let findings = lint_only("DC805", &format!("{a}---\n{b}---\n{c}"));
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("`b`") && findings[0].message.contains("`a`"));
    }

    #[test]
    fn three_copies_point_at_the_first_and_fieldless_sources_are_skipped() {
        let copies: Vec<String> = ["a", "b", "c"]
            .iter()
            .map(|id| source(id, "[staff]", &["identity.name"]))
            .collect();
        let findings = lint_only("DC805", &copies.join("---\n"));
        assert_eq!(findings.len(), 2);
        assert!(findings.iter().all(|f| f.message.contains("as `a`")));
        let empty = "kind: source\nid: x\nname: X\ntype: crm\n---\nkind: source\nid: y\nname: Y\ntype: crm\n";
        assert!(lint_only("DC805", empty).is_empty());
    }
}
