//! DC201 special-category-without-exception: special-category data without a documented
//! Art. 9(2) exception.

use super::{Holder, category_uses, describe_category};
use crate::finding::{Finding, Severity};
use crate::model::Sensitivity;
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC201",
    name: "special-category-without-exception",
    family: Family::Sensitive,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: source\nid: ateliers\nname: Inscriptions aux ateliers de théâtre\ntype: spreadsheet\ndata_subjects: [members]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: regime_alimentaire, category: special.religious-philosophical-beliefs }\n",
        passing: "kind: source\nid: ateliers\nname: Inscriptions aux ateliers de théâtre\ntype: spreadsheet\ndata_subjects: [members]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: regime_alimentaire, category: special.religious-philosophical-beliefs }\nart9_exception:\n  basis: a\n  description: \"members tick a box to give the meal they need for the workshop lunch\"\n  reference: \"Formulaire d'inscription aux ateliers 2026, case de consentement\"\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for used in category_uses(context.inventory) {
        if context.policy.sensitivity(used.category) != Some(Sensitivity::Art9) {
            continue;
        }
        let exception = match used.holder {
            Holder::Source { source, .. } => &source.item.art9_exception,
            Holder::Processing(processing) => &processing.item.art9_exception,
        };
        if exception.is_some() {
            continue;
        }
        // One sentence per kind of document: "la source" and "le traitement" do not take the
        // same article, nor the same preposition ("à la", "au").
        let (document, message, help) = match used.holder {
            Holder::Source { source, .. } => (
                source.item.id.as_str(),
                "DC201.message.source",
                "DC201.help.source",
            ),
            Holder::Processing(processing) => (
                processing.item.id.as_str(),
                "DC201.message.processing",
                "DC201.help.processing",
            ),
        };
        let locale = context.locale;
        findings.push(
            RULE.finding(
                used.location(),
                crate::t!(
                    locale,
                    message,
                    holder = used.holder.describe(locale),
                    category = describe_category(context.policy, used.category, locale),
                    document = document
                ),
            )
            .with_label(crate::t!(locale, "DC201.label"))
            .with_help(crate::t!(locale, help, document = document)),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{lint_only, pointers};

    const SOURCE: &str = "kind: source\nid: crm\nname: CRM\ntype: crm\ndata_subjects: [staff]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: syndicat, category: special.trade-union-membership }\n  - { name: sante, category: special }\n";

    #[test]
    fn flags_each_special_field_including_the_parent_category() {
        let findings = lint_only("DC201", SOURCE);
        assert_eq!(
            pointers(&findings),
            ["/fields/1/category", "/fields/2/category"]
        );
        assert!(
            findings[0]
                .message
                .contains("field `syndicat` of source `crm`")
        );
        assert!(
            findings[0]
                .message
                .contains("`special.trade-union-membership`")
        );
    }

    #[test]
    fn an_exception_on_the_source_lifts_it() {
        let yaml = format!("{SOURCE}art9_exception: {{ basis: b }}\n");
        assert!(lint_only("DC201", &yaml).is_empty());
    }

    #[test]
    fn a_processing_needs_its_own_exception() {
        let processing = "kind: processing\nid: paie\nname: Paie\ndata_subjects: [staff]\ndata_categories: [identity.name, special.health]\n";
        let findings = lint_only("DC201", processing);
        assert_eq!(pointers(&findings), ["/data_categories/1"]);
        assert!(findings[0].message.contains("processing `paie`"));
        let lifted =
            format!("{processing}art9_exception: {{ basis: b, reference: \"Code du travail\" }}\n");
        assert!(lint_only("DC201", &lifted).is_empty());
    }

    #[test]
    fn criminal_and_national_id_are_not_special_categories() {
        let yaml = "kind: processing\nid: rh\nname: RH\ndata_categories: [criminal, national-id, identity]\n";
        assert!(lint_only("DC201", yaml).is_empty());
    }
}
