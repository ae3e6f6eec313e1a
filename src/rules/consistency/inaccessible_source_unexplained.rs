//! DC803 inaccessible-source-unexplained: `accessible: false` without `access_note`.

use crate::finding::Finding;
use crate::rules::Context;

declare_rule! {
    code: "DC803",
    name: "inaccessible-source-unexplained",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for source in &context.inventory.sources {
        let item = &source.item;
        let explained = item
            .access_note
            .as_deref()
            .is_some_and(|note| !note.trim().is_empty());
        if item.accessible != Some(false) || explained {
            continue;
        }
        findings.push(RULE.localized(
            context.locale,
            source.at("/accessible"),
            &[("id", &item.id)],
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    const SOURCE: &str = "kind: source\nid: s\nname: S\ntype: ticketing\n";

    #[test]
    fn only_an_unexplained_inaccessible_source_fires() {
        assert_eq!(
            lint_only(
                "DC803",
                &format!("{SOURCE}accessible: false\naccess_note: \"  \"\n")
            )
            .len(),
            1
        );
        assert!(lint_only("DC803", &format!("{SOURCE}accessible: true\n")).is_empty());
        assert!(lint_only("DC803", SOURCE).is_empty());
    }
}
