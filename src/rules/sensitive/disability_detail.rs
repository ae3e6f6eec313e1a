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
        // With an Art. 9(2) exception the data may be lawful (a child's allergy in a workshop,
        // an adapted dance class): a warning asking whether the service alone would do.
        let excepted = match used.holder {
            Holder::Source { source, .. } => source.item.art9_exception.is_some(),
            Holder::Processing(processing) => processing.item.art9_exception.is_some(),
        };
        let (message, help) = match (excepted, used.holder) {
            (false, Holder::Source { .. }) => ("DC204.message", "DC204.help.source"),
            (false, Holder::Processing(_)) => ("DC204.message", "DC204.help.processing"),
            (true, _) => ("DC204.excepted.message", "DC204.excepted.help"),
        };
        let locale = context.locale;
        let mut finding = RULE
            .finding(
                used.location(),
                crate::t!(
                    locale,
                    message,
                    holder = used.holder.describe(locale),
                    category = describe_category(context.policy, used.category, locale)
                ),
            )
            .with_label(crate::t!(locale, "DC204.label"))
            .with_help(crate::t!(locale, help, service = SERVICE_NEEDED));
        if excepted {
            finding.severity = Severity::Warning;
        }
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{lint_only, pointers};

    #[test]
    fn an_art9_exception_makes_it_a_warning() {
        let yaml = "kind: processing\nid: accueil\nname: Accueil\ndata_subjects: [spectators, staff]\ndata_categories: [identity.name, special.health]\n";
        let findings = lint_only("DC204", yaml);
        assert_eq!(pointers(&findings), ["/data_categories/1"]);
        assert_eq!(findings[0].severity, crate::finding::Severity::Error);
        assert!(findings[0].message.contains("processing `accueil`"));
        let excepted = format!("{yaml}art9_exception: {{ basis: a }}\n");
        let findings = lint_only("DC204", &excepted);
        assert_eq!(pointers(&findings), ["/data_categories/1"]);
        assert_eq!(findings[0].severity, crate::finding::Severity::Warning);
    }

    #[test]
    fn minors_volunteers_and_artists_are_not_audience_as_such() {
        let yaml = "kind: processing\nid: atelier\nname: Atelier jeunesse\ndata_subjects: [minors]\ndata_categories: [identity.name, special.health]\n---\nkind: processing\nid: repas\nname: Repas des bénévoles\ndata_subjects: [volunteers, artists]\ndata_categories: [special.health]\n";
        assert!(lint_only("DC204", yaml).is_empty());
    }

    #[test]
    fn staff_health_data_and_other_special_categories_are_not_its_business() {
        let yaml = "kind: source\nid: rh\nname: RH\ntype: other\ndata_subjects: [staff]\nfields:\n  - { name: arret_maladie, category: special.health }\n---\nkind: source\nid: billetterie\nname: Billetterie\ntype: ticketing\ndata_subjects: [spectators]\nfields:\n  - { name: religion, category: special.religious-philosophical-beliefs }\n  - { name: service, category: accessibility-needs }\n";
        assert!(lint_only("DC204", yaml).is_empty());
    }
}
