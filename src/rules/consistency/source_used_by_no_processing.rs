//! DC802 source-used-by-no-processing: a source feeds no processing.

use crate::finding::{Finding, Severity};
use crate::rules::{Context, Docs, Family, Rule};
use std::collections::HashSet;

pub static RULE: Rule = Rule {
    code: "DC802",
    name: "source-used-by-no-processing",
    family: Family::Consistency,
    severity: Severity::Warning,
    docs: Docs {
        failing: "kind: source\nid: old-mailing-sheet\nname: Ancien fichier d'envoi\ntype: spreadsheet\nfields:\n  - { name: email, category: identity.email }\n---\nkind: processing\nid: newsletter\nname: Lettre d'information\ndata_categories: [identity.email]\nsources: []\n",
        passing: "kind: source\nid: old-mailing-sheet\nname: Ancien fichier d'envoi\ntype: spreadsheet\nfields:\n  - { name: email, category: identity.email }\n---\nkind: processing\nid: newsletter\nname: Lettre d'information\ndata_categories: [identity.email]\nsources: [old-mailing-sheet]\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let used: HashSet<&str> = context
        .inventory
        .processings
        .iter()
        .flat_map(|processing| processing.item.sources.iter().map(|id| id.as_str()))
        .collect();
    for source in &context.inventory.sources {
        let item = &source.item;
        if item.accessible == Some(false) || used.contains(item.id.as_str()) {
            continue;
        }
        findings.push(RULE.localized(
            context.locale,
            source.at("/id"),
            &[("id", &item.id), ("name", &item.name)],
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    const SOURCE: &str = "kind: source\nid: sheet\nname: Sheet\ntype: spreadsheet\n";

    #[test]
    fn an_unused_source_fires_unless_inaccessible() {
        assert_eq!(lint_only("DC802", SOURCE).len(), 1);
        assert!(lint_only("DC802", &format!("{SOURCE}accessible: false\n")).is_empty());
        let used = format!("{SOURCE}---\nkind: processing\nid: p\nname: P\nsources: [sheet]\n");
        assert!(lint_only("DC802", &used).is_empty());
    }
}
