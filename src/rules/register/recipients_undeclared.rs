//! DC104 recipients-undeclared: a processing has no `recipients` (an explicit empty list is
//! fine).

use crate::finding::Finding;
use crate::rules::Context;

declare_rule! {
    code: "DC104",
    name: "recipients-undeclared",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    super::flag_processings_lacking(&RULE, context, findings, |processing| {
        processing.recipients.is_none()
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    const HEAD: &str = "kind: processing\nid: p\nname: Traitement\n";

    #[test]
    fn explicit_empty_recipients_are_a_statement() {
        assert!(lint_only("DC104", &format!("{HEAD}recipients: {{}}\n")).is_empty());
        assert!(
            lint_only(
                "DC104",
                &format!("{HEAD}recipients: {{ internal: [], external: [] }}\n")
            )
            .is_empty()
        );
    }

    #[test]
    fn absent_recipients_point_at_the_id() {
        let findings = lint_only("DC104", HEAD);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/id"));
        assert!(findings[0].message.contains("processing `p`"));
    }
}
