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
    summary: "`special.health` on an audience source/processing: record the service needed (`accessibility-needs`), not the impairment",
    legal: "GDPR Art. 9(1), 5(1)(c); CNIL",
    docs: Docs {
        what: "Reports health data (`special.health` and its children: disability type, diagnosis, allergies, disability-card number) held by a source's field or listed in a processing's `data_categories` when the data concerns the audience or customers: spectators, subscribers, members, prospects, donors, group leaders, minors or website visitors. A processing that lists no data subjects is judged by its sources'. An Art. 9(2) exception does not lift it: the point is that the data is not needed.",
        why: "To welcome a spectator with a disability, a venue needs to know the service to provide (a wheelchair space, an induction loop, a companion seat, audio description), not the impairment. Recording the impairment is health data, prohibited by GDPR Art. 9(1), and more than the purpose needs (data minimisation, Art. 5(1)(c)); the CNIL's guidance for cultural venues says to record the need, not the disability.",
        failing: "kind: source\nid: billetterie\nname: Logiciel de billetterie\ntype: ticketing\ndata_subjects: [spectators]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: handicap, category: special.health, description: \"type of disability, typed by the box office\" }\n",
        passing: "kind: source\nid: billetterie\nname: Logiciel de billetterie\ntype: ticketing\ndata_subjects: [spectators]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: besoin_accessibilite, category: accessibility-needs, description: \"closed list: wheelchair space, induction loop, companion seat, audio description\" }\n",
        fix: "Replace the field by the service needed, chosen from a closed list, declared as `accessibility-needs` (ask for explicit consent and keep it for the event plus a short follow-up: see DC205). Empty the health data already typed, and tell the box office, in the charter's `entry_rules`, never to write down the impairment.",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for used in category_uses(context.inventory) {
        if !PolicyTables::covers(HEALTH, used.category) || !used.holder.is_audience(context) {
            continue;
        }
        let what = match used.holder {
            Holder::Source { .. } => "replace this field by the service needed",
            Holder::Processing(_) => "list the service needed instead",
        };
        findings.push(
            RULE.finding(
                used.location,
                format!(
                    "{} holds {} about the audience: record the service a spectator needs, not their impairment or health (GDPR Art. 9(1), 5(1)(c))",
                    used.holder.describe(),
                    describe_category(context.policy, used.category),
                ),
            )
            .with_label("health data about spectators")
            .with_help(format!(
                "{what}, from a closed list (wheelchair space, induction loop, companion seat…), declared as `{SERVICE_NEEDED}`"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::sensitive::testing::{lint_only, pointers};

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
