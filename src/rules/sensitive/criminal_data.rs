//! DC203 criminal-data: data on criminal convictions and offences, anywhere.

use crate::finding::{Finding, Severity};
use crate::model::Sensitivity;
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC203",
    name: "criminal-data",
    family: Family::Sensitive,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: source\nid: benevoles\nname: Tableur des bénévoles\ntype: spreadsheet\ndata_subjects: [staff]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: extrait_casier_judiciaire, category: criminal }\n",
        passing: "kind: source\nid: benevoles\nname: Tableur des bénévoles\ntype: spreadsheet\ndata_subjects: [staff]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: mission, category: professional-life.job }\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    super::flag_category_uses(&RULE, context, findings, |used| {
        context.policy.sensitivity(used.category) == Some(Sensitivity::Art10)
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{lint_only, pointers};

    #[test]
    fn flags_sources_and_processings_for_any_subjects() {
        let yaml = "kind: source\nid: s\nname: S\ntype: other\nfields:\n  - { name: nom, category: identity.name }\n  - { name: condamnation, category: criminal }\n---\nkind: processing\nid: p\nname: P\ndata_subjects: [spectators]\ndata_categories: [identity, criminal]\n";
        let findings = lint_only("DC203", yaml);
        assert_eq!(
            pointers(&findings),
            ["/fields/1/category", "/data_categories/1"]
        );
        assert!(findings[1].message.contains("processing `p`"));
    }

    #[test]
    fn other_sensitive_categories_are_not_criminal() {
        let yaml =
            "kind: processing\nid: p\nname: P\ndata_categories: [special.health, national-id]\n";
        assert!(lint_only("DC203", yaml).is_empty());
    }
}
