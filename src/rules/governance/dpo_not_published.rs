//! DC404 dpo-not-published: the DPO's contact is not published, or the DPO is not declared to
//! the supervisory authority.

use super::is_designated;
use crate::finding::Finding;
use crate::rules::Context;
use crate::t;

declare_rule! {
    code: "DC404",
    name: "dpo-not-published",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for charter in &context.inventory.charters {
        let Some(dpo) = charter.item.dpo.as_ref().filter(|dpo| is_designated(dpo)) else {
            continue;
        };
        let published = dpo.published == Some(true);
        let declared = dpo.declared_to_authority == Some(true);
        let missing = match (published, declared) {
            (true, true) => continue,
            (false, true) => "DC404.missing.published",
            (true, false) => "DC404.missing.declared",
            (false, false) => "DC404.missing.both",
        };
        // Underline an explicit `false`; an absent flag is reported on `dpo`.
        let pointer = if dpo.published == Some(false) {
            "/dpo/published"
        } else if dpo.declared_to_authority == Some(false) {
            "/dpo/declared_to_authority"
        } else {
            "/dpo"
        };
        let who = dpo
            .person
            .as_ref()
            .or(dpo.party.as_ref())
            .map(|id| format!(" `{id}`"))
            .unwrap_or_default();
        let locale = context.locale;
        let label = if published {
            "DC404.label.declared"
        } else {
            "DC404.label.published"
        };
        findings.push(
            RULE.finding(
                charter.at(pointer),
                t!(
                    locale,
                    "DC404.message",
                    who = who,
                    missing = t!(locale, missing),
                ),
            )
            .with_label(t!(locale, label))
            .with_help(t!(locale, "DC404.help")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    #[test]
    fn absent_flags_are_not_done() {
        let findings = lint_only("DC404", "kind: charter\ndpo: { party: cabinet-rgpd }\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/dpo"));
        assert!(findings[0].message.contains("`cabinet-rgpd`"));
        assert!(
            findings[0]
                .message
                .contains("not published and they are not declared")
        );
    }

    #[test]
    fn an_explicit_false_is_underlined() {
        let yaml = "kind: charter\ndpo: { person: edubois, published: true, declared_to_authority: false }\n";
        let findings = lint_only("DC404", yaml);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].location.pointer(),
            Some("/dpo/declared_to_authority")
        );
        assert_eq!(findings[0].severity, crate::finding::Severity::Warning);
    }

    #[test]
    fn no_dpo_is_left_to_dc401() {
        assert!(lint_only("DC404", "kind: charter\ndpo: { published: false }\n").is_empty());
        assert!(lint_only("DC404", "kind: charter\n").is_empty());
    }
}
