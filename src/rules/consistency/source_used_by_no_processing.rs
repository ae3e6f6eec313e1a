//! DC802 source-used-by-no-processing: a source feeds no processing.

use crate::finding::Finding;
use crate::rules::Context;
use std::collections::HashSet;

declare_rule! {
    code: "DC802",
    name: "source-used-by-no-processing",
    severity: Warning,
    check: check,
}

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
