//! DC006 missing-organisation: no `organisation` document, or more than one.

use crate::finding::{Finding, Location, Severity};
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC006",
    name: "missing-organisation",
    family: Family::Foundation,
    severity: Severity::Error,
    legal: "GDPR Art. 30(1)(a)",
    docs: Docs {
        failing: "kind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\n",
        passing: "kind: organisation\nid: quatre-saisons\nname: Théâtre des Quatre Saisons\n---\nkind: party\nid: billetel\nname: Billetel SAS\nroles: [processor]\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let organisations = &context.inventory.organisations;
    let Some(first) = organisations.first() else {
        findings.push(
            RULE.finding(
                Location::whole_file(context.settings_file),
                "the workspace has no `organisation` document: the register has no controller",
            )
            .with_label("no organisation in this workspace")
            .with_help("add an `organisation.yaml` with `kind: organisation`, `id`, `name` and `contact` (see `datacharter init`)"),
        );
        return;
    };
    for extra in &organisations[1..] {
        findings.push(
            RULE.finding(
                extra.at("/kind"),
                format!(
                    "a second organisation `{}` is declared; a workspace describes exactly one controller",
                    extra.item.id
                ),
            )
            .with_label("second organisation")
            .with_secondary(first.at("/kind"), "first organisation")
            .with_help("keep one organisation; describe other organisations as `kind: party` documents"),
        );
    }
}
