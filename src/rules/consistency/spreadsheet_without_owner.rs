//! DC804 spreadsheet-without-owner: a spreadsheet source without an owner or a location.

use crate::finding::Finding;
use crate::model::SourceType;
use crate::rules::Context;
use crate::t;

declare_rule! {
    code: "DC804",
    name: "spreadsheet-without-owner",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    for source in &context.inventory.sources {
        let item = &source.item;
        if item.source_type != SourceType::Spreadsheet {
            continue;
        }
        let mut missing = Vec::new();
        if item.owner.is_none() {
            missing.push(t!(locale, "DC804.missing.owner"));
        }
        if item
            .location
            .as_deref()
            .is_none_or(|location| location.trim().is_empty())
        {
            missing.push(t!(locale, "DC804.missing.location"));
        }
        if missing.is_empty() {
            continue;
        }
        findings.push(RULE.localized(
            locale,
            source.at("/type"),
            &[
                ("id", &item.id),
                ("missing", &missing.join(&t!(locale, "DC804.separator"))),
            ],
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    #[test]
    fn both_owner_and_location_are_needed_for_spreadsheets_only() {
        let bare = "kind: source\nid: s\nname: S\ntype: spreadsheet\n";
        let findings = lint_only("DC804", bare);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("owner") && findings[0].message.contains("location"));
        assert!(lint_only("DC804", &format!("{bare}owner: a\nlocation: drive\n")).is_empty());
        assert!(lint_only("DC804", "kind: source\nid: s\nname: S\ntype: crm\n").is_empty());
    }
}
