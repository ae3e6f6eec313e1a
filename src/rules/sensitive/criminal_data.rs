//! DC203 criminal-data: data on criminal convictions and offences, anywhere.

use super::{Holder, category_uses, describe_category};
use crate::finding::{Finding, Severity};
use crate::model::{Processing, Sensitivity};
use crate::policy::PolicyTables;
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
    let locale = context.locale;
    for used in category_uses(context.inventory) {
        if context.policy.sensitivity(used.category) != Some(Sensitivity::Art10) {
            continue;
        }
        let holder = used.holder.describe(locale);
        let category = describe_category(context.policy, used.category, locale);
        // A case of loi I&L art. 46 documented on the processing (or on every processing
        // that uses the source) makes it a judgement for the DPO, not a breach: a warning that
        // asks for a retention limited to that case.
        let based: Vec<&Processing> = match used.holder {
            Holder::Processing(processing) => vec![&processing.item],
            Holder::Source { source, .. } => context
                .inventory
                .processings
                .iter()
                .map(|processing| &processing.item)
                .filter(|processing| {
                    processing
                        .sources
                        .iter()
                        .any(|id| id.as_str() == source.item.id.as_str())
                })
                .collect(),
        };
        let documented = !based.is_empty()
            && based
                .iter()
                .all(|processing| processing.art10_basis.is_some());
        if !documented {
            findings.push(RULE.localized(
                locale,
                used.location(),
                &[("holder", &holder), ("category", &category)],
            ));
            continue;
        }
        let bounded = based
            .iter()
            .all(|processing| keeps_for_a_limited_time(processing, used.category));
        let help = if bounded {
            "DC203.art46.help.bounded"
        } else {
            "DC203.art46.help.unbounded"
        };
        let mut finding = RULE
            .finding(
                used.location(),
                crate::t!(
                    locale,
                    "DC203.art46.message",
                    holder = holder,
                    category = category
                ),
            )
            .with_label(crate::t!(locale, "DC203.art46.label"))
            .with_help(crate::t!(locale, help));
        finding.severity = Severity::Warning;
        findings.push(finding);
    }
}

/// Whether a finite retention rule of the processing covers the category.
fn keeps_for_a_limited_time(processing: &Processing, category: &str) -> bool {
    processing.retention.iter().any(|rule| {
        !rule.duration.is_indefinite()
            && (rule.categories.is_empty()
                || rule
                    .categories
                    .iter()
                    .any(|kept| PolicyTables::covers(kept.as_str(), category)))
    })
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
    fn a_case_of_article_46_makes_it_a_warning_with_a_retention_check() {
        let yaml = "kind: processing\nid: incidents\nname: Incidents\ndata_subjects: [spectators]\ndata_categories: [criminal]\nart10_basis: { article: \"46-3\", description: \"complaint after an assault of an usher\" }\n";
        let findings = lint_only("DC203", yaml);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, crate::finding::Severity::Warning);
        assert!(
            findings[0]
                .help
                .as_deref()
                .is_some_and(|help| help.contains("no retention")),
            "{:?}",
            findings[0].help
        );
        let bounded = format!("{yaml}retention:\n  - {{ duration: 6y, from: event }}\n");
        let findings = lint_only("DC203", &bounded);
        assert_eq!(findings[0].severity, crate::finding::Severity::Warning);
        assert!(
            findings[0]
                .help
                .as_deref()
                .is_some_and(|help| !help.contains("no retention")),
            "{:?}",
            findings[0].help
        );
        // A source is lifted only when every processing that uses it documents the case.
        let source = "kind: source\nid: s\nname: S\ntype: other\nfields:\n  - { name: plainte, category: criminal }\n---\nkind: processing\nid: p\nname: P\nsources: [s]\nart10_basis: { article: \"46-3\" }\n---\nkind: processing\nid: q\nname: Q\nsources: [s]\n";
        let findings = lint_only("DC203", source);
        assert_eq!(findings[0].severity, crate::finding::Severity::Error);
    }

    #[test]
    fn other_sensitive_categories_are_not_criminal() {
        let yaml =
            "kind: processing\nid: p\nname: P\ndata_categories: [special.health, national-id]\n";
        assert!(lint_only("DC203", yaml).is_empty());
    }
}
