//! DC406 no-data-referent: the charter names no data referent, or there is no charter.

use super::{charter_anchor, charter_name};
use crate::finding::{Finding, Location};
use crate::rules::Context;
use crate::t;

declare_rule! {
    code: "DC406",
    name: "no-data-referent",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let inventory = context.inventory;
    let locale = context.locale;
    if inventory.charters.is_empty() {
        let location = inventory
            .organisation()
            .map(|organisation| organisation.at("/id"))
            .unwrap_or_else(|| Location::whole_file(context.settings_file));
        findings.push(
            RULE.finding(location, t!(locale, "DC406.message.no-charter"))
                .with_label(t!(locale, "DC406.label.no-charter"))
                .with_help(t!(locale, "DC406.help.no-charter")),
        );
        return;
    }
    for charter in &inventory.charters {
        if charter.item.data_referent.is_some() {
            continue;
        }
        findings.push(
            RULE.finding(
                charter_anchor(charter),
                t!(
                    locale,
                    "DC406.message.charter",
                    charter = charter_name(charter, locale),
                ),
            )
            .with_label(t!(locale, "DC406.label.charter"))
            .with_help(t!(locale, "DC406.help.charter")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    #[test]
    fn no_charter_points_at_the_organisation() {
        let findings = lint_only("DC406", "kind: organisation\nid: qs\nname: QS\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/id"));
        assert!(findings[0].message.contains("no data charter"));
    }

    #[test]
    fn no_charter_and_no_organisation_points_at_the_settings_file() {
        let findings = lint_only("DC406", "kind: processing\nid: a\nname: A\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.file, "datacharter.yaml");
    }

    #[test]
    fn a_charter_with_an_id_is_pointed_at_by_it() {
        let findings = lint_only("DC406", "kind: charter\nid: charte-2026\n");
        assert_eq!(findings[0].location.pointer(), Some("/id"));
        let findings = lint_only("DC406", "kind: charter\n");
        assert_eq!(findings[0].location.pointer(), Some("/kind"));
    }
}
