//! DC207 national-id: a national identification number (the French NIR) in audience or
//! customer data.

use crate::finding::{Finding, Severity};
use crate::model::Sensitivity;
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC207",
    name: "national-id",
    family: Family::Sensitive,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: source\nid: adhesions\nname: Tableur des adhésions\ntype: spreadsheet\ndata_subjects: [members]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: numero_secu, category: national-id, description: \"asked to check the reduced rate\" }\n",
        passing: "kind: source\nid: adhesions\nname: Tableur des adhésions\ntype: spreadsheet\ndata_subjects: [members]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: numero_adherent, category: identity.customer-id }\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    super::flag_category_uses(&RULE, context, findings, |used| {
        context.policy.sensitivity(used.category) == Some(Sensitivity::NationalId)
            && !used.holder.is_employment(context)
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{lint_only, pointers};

    #[test]
    fn staff_data_is_not_reported() {
        let yaml = "kind: source\nid: paie\nname: Paie\ntype: other\ndata_subjects: [staff]\nfields:\n  - { name: nir, category: national-id }\n";
        assert!(lint_only("DC207", yaml).is_empty());
    }

    #[test]
    fn a_processing_without_subjects_is_judged_by_its_sources() {
        let yaml = "kind: source\nid: billetterie\nname: Billetterie\ntype: ticketing\ndata_subjects: [spectators]\n---\nkind: processing\nid: ventes\nname: Ventes\nsources: [billetterie]\ndata_categories: [identity.name, national-id]\n";
        let findings = lint_only("DC207", yaml);
        assert_eq!(pointers(&findings), ["/data_categories/1"]);
        assert!(findings[0].message.contains("processing `ventes`"));
    }

    #[test]
    fn volunteers_are_not_exempt() {
        let yaml = "kind: source\nid: benevoles\nname: Bénévoles\ntype: spreadsheet\ndata_subjects: [volunteers]\nfields:\n  - { name: nir, category: national-id }\n";
        assert_eq!(lint_only("DC207", yaml).len(), 1);
        let mixed = yaml.replace("[volunteers]", "[staff, volunteers]");
        assert_eq!(lint_only("DC207", &mixed).len(), 1);
    }

    #[test]
    fn a_processing_with_only_staff_subjects_is_not_reported() {
        let yaml = "kind: source\nid: billetterie\nname: Billetterie\ntype: ticketing\ndata_subjects: [spectators]\n---\nkind: processing\nid: paie\nname: Paie\ndata_subjects: [staff]\nsources: [billetterie]\ndata_categories: [national-id]\n";
        assert!(lint_only("DC207", yaml).is_empty());
    }
}
