//! DC204 disability-detail: health data (disability, diagnosis) about the audience, where only
//! the service needed should be recorded.

use super::{Holder, category_uses, describe_category};
use crate::finding::{Finding, Severity};
use crate::policy::PolicyTables;
use crate::rules::{Context, Docs, Family, Rule};

/// The category this rule is about (a child of it is covered too).
const HEALTH: &str = "special.health";
/// What to record instead.
const SERVICE_NEEDED: &str = "accessibility-needs";

pub static RULE: Rule = Rule {
    code: "DC204",
    name: "disability-detail",
    family: Family::Sensitive,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: source\nid: billetterie\nname: Logiciel de billetterie\ntype: ticketing\ndata_subjects: [spectators]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: handicap, category: special.health, description: \"type of disability, typed by the box office\" }\n",
        passing: "kind: source\nid: billetterie\nname: Logiciel de billetterie\ntype: ticketing\ndata_subjects: [spectators]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: besoin_accessibilite, category: accessibility-needs, description: \"closed list: wheelchair space, induction loop, companion seat, audio description\" }\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for used in category_uses(context.inventory) {
        if !PolicyTables::covers(HEALTH, used.category) || !used.holder.is_audience(context) {
            continue;
        }
        let help = match used.holder {
            Holder::Source { .. } => "DC204.help.source",
            Holder::Processing(_) => "DC204.help.processing",
        };
        let locale = context.locale;
        findings.push(
            RULE.finding(
                used.location(),
                crate::t!(
                    locale,
                    "DC204.message",
                    holder = used.holder.describe(locale),
                    category = describe_category(context.policy, used.category, locale)
                ),
            )
            .with_label(crate::t!(locale, "DC204.label"))
            .with_help(crate::t!(locale, help, service = SERVICE_NEEDED)),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{lint_only, pointers};

    #[test]
    fn an_art9_exception_does_not_lift_it() {
        let yaml = "kind: processing\nid: accueil\nname: Accueil\ndata_subjects: [spectators, staff]\ndata_categories: [identity.name, special.health]\nart9_exception: { basis: a }\n";
        let findings = lint_only("DC204", yaml);
        assert_eq!(pointers(&findings), ["/data_categories/1"]);
        assert!(findings[0].message.contains("processing `accueil`"));
    }

    #[test]
    fn staff_health_data_and_other_special_categories_are_not_its_business() {
        let yaml = "kind: source\nid: rh\nname: RH\ntype: other\ndata_subjects: [staff]\nfields:\n  - { name: arret_maladie, category: special.health }\n---\nkind: source\nid: billetterie\nname: Billetterie\ntype: ticketing\ndata_subjects: [spectators]\nfields:\n  - { name: religion, category: special.religious-philosophical-beliefs }\n  - { name: service, category: accessibility-needs }\n";
        assert!(lint_only("DC204", yaml).is_empty());
    }
}
