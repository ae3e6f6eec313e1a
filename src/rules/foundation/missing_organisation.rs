//! DC006 missing-organisation: no `organisation` document, or more than one.

use crate::finding::{Finding, Location};
use crate::rules::Context;

declare_rule! {
    code: "DC006",
    name: "missing-organisation",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    let organisations = &context.inventory.organisations;
    let Some(first) = organisations.first() else {
        findings.push(
            RULE.finding(
                Location::whole_file(context.settings_file),
                crate::t!(locale, "DC006.missing"),
            )
            .with_label(crate::t!(locale, "DC006.missing-label"))
            .with_help(crate::t!(locale, "DC006.missing-help")),
        );
        return;
    };
    for extra in &organisations[1..] {
        findings.push(
            RULE.finding(
                extra.at("/kind"),
                crate::t!(locale, "DC006.second", id = extra.item.id),
            )
            .with_label(crate::t!(locale, "DC006.second-label"))
            .with_secondary(
                first.at("/kind"),
                crate::t!(locale, "DC006.second-secondary"),
            )
            .with_help(crate::t!(locale, "DC006.second-help")),
        );
    }
}
