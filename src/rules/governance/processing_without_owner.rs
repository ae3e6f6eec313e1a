//! DC405 processing-without-owner: a processing names no owner.

use crate::finding::Finding;
use crate::rules::Context;

declare_rule! {
    code: "DC405",
    name: "processing-without-owner",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for processing in &context.inventory.processings {
        if processing.item.owner.is_some() {
            continue;
        }
        let locale = context.locale;
        findings.push(RULE.localized(
            locale,
            processing.at("/id"),
            &[("processing", &processing.item.id)],
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    #[test]
    fn only_processings_without_owner_are_reported() {
        let yaml = "kind: processing\nid: a\nname: A\nowner: cleroy\n---\nkind: processing\nid: b\nname: B\n";
        let findings = lint_only("DC405", yaml);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("`b`"));
        assert_eq!(findings[0].location.pointer(), Some("/id"));
    }
}
