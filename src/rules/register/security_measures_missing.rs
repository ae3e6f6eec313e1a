//! DC107 security-measures-missing: a processing describes no security measures.

use crate::finding::Finding;
use crate::rules::Context;

declare_rule! {
    code: "DC107",
    name: "security-measures-missing",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    super::flag_processings_lacking(&RULE, context, findings, |processing| {
        processing.security.is_empty()
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    const HEAD: &str = "kind: processing\nid: p\nname: Traitement\n";

    #[test]
    fn empty_list_is_flagged_as_a_warning() {
        let findings = lint_only("DC107", &format!("{HEAD}security: []\n"));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, crate::finding::Severity::Warning);
    }

    #[test]
    fn one_measure_is_enough() {
        assert!(lint_only("DC107", &format!("{HEAD}security: [access-control]\n")).is_empty());
    }
}
