//! DC403 dpo-owns-processing: the DPO is the `owner` of a processing.

use crate::finding::{Finding, Location};
use crate::rules::Context;
use crate::t;

declare_rule! {
    code: "DC403",
    name: "dpo-owns-processing",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    // Each DPO once, with where the first charter names them.
    let mut dpos: Vec<(&str, Location)> = Vec::new();
    for charter in &context.inventory.charters {
        if let Some(person) = charter
            .item
            .dpo
            .as_ref()
            .and_then(|dpo| dpo.person.as_ref())
            && !dpos.iter().any(|(known, _)| *known == person.as_str())
        {
            dpos.push((person.as_str(), charter.at("/dpo/person")));
        }
    }
    for processing in &context.inventory.processings {
        let Some(owner) = &processing.item.owner else {
            continue;
        };
        let Some((_, named)) = dpos.iter().find(|(dpo, _)| *dpo == owner.as_str()) else {
            continue;
        };
        let locale = context.locale;
        findings.push(
            RULE.finding(
                processing.at("/owner"),
                t!(
                    locale,
                    "DC403.message",
                    processing = processing.item.id,
                    owner = owner,
                ),
            )
            .with_label(t!(locale, "DC403.label"))
            .with_secondary(named.clone(), t!(locale, "DC403.secondary"))
            .with_help(t!(locale, "DC403.help")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    #[test]
    fn points_at_the_owner_with_the_charter_as_secondary() {
        let yaml = "kind: charter\ndpo: { person: edubois }\n---\nkind: processing\nid: a\nname: A\nowner: edubois\n---\nkind: processing\nid: b\nname: B\nowner: cleroy\n---\nkind: processing\nid: c\nname: C\n";
        let findings = lint_only("DC403", yaml);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/owner"));
        assert!(findings[0].message.contains("processing `a`"));
        assert_eq!(
            findings[0].labels[0].location.pointer(),
            Some("/dpo/person")
        );
    }

    #[test]
    fn an_outside_dpo_owns_nothing_and_two_charters_do_not_double_report() {
        let outside = "kind: charter\ndpo: { party: edubois }\n---\nkind: processing\nid: a\nname: A\nowner: edubois\n";
        assert!(lint_only("DC403", outside).is_empty());
        let twice = "kind: charter\ndpo: { person: edubois }\n---\nkind: charter\ndpo: { person: edubois }\n---\nkind: processing\nid: a\nname: A\nowner: edubois\n";
        assert_eq!(lint_only("DC403", twice).len(), 1);
    }
}
