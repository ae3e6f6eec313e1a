//! DC108 legal-basis-missing: a processing states no legal basis.

use crate::finding::Finding;
use crate::rules::Context;

declare_rule! {
    code: "DC108",
    name: "legal-basis-missing",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    super::flag_processings_lacking(&RULE, context, findings, |processing| {
        processing.legal_basis.is_none()
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    #[test]
    fn each_processing_without_a_basis_is_reported() {
        let yaml = "kind: processing\nid: a\nname: A\n---\nkind: processing\nid: b\nname: B\nlegal_basis: contract\n---\nkind: processing\nid: c\nname: C\n";
        let findings = lint_only("DC108", yaml);
        let messages: Vec<_> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(findings.len(), 2, "{messages:?}");
        assert!(messages[0].contains("`a`") && messages[1].contains("`c`"));
    }
}
