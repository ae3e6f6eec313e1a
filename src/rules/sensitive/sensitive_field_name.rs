//! DC209 sensitive-field-name: a field whose name suggests sensitive data but whose declared
//! category is not sensitive.

use super::{describe_category, describe_sensitivity, name_contains, words};
use crate::finding::{Finding, Severity};
use crate::model::Sensitivity;
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC209",
    name: "sensitive-field-name",
    family: Family::Sensitive,
    severity: Severity::Warning,
    docs: Docs {
        failing: "kind: source\nid: billetterie\nname: Logiciel de billetterie\ntype: ticketing\ndata_subjects: [spectators]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: allergies, category: identity, description: \"for the bar before the show\" }\n",
        passing: "kind: source\nid: billetterie\nname: Logiciel de billetterie\ntype: ticketing\ndata_subjects: [spectators]\nfields:\n  - { name: nom, category: identity.name }\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let policy = context.policy;
    let locale = context.locale;
    let sensitive: Vec<(&str, Sensitivity, &[String])> = policy
        .categories
        .iter()
        .filter(|(_, entry)| !entry.keywords.is_empty())
        .filter_map(|(id, entry)| {
            policy
                .sensitivity(id)
                .map(|sensitivity| (id.as_str(), sensitivity, entry.keywords.as_slice()))
        })
        .collect();
    for source in &context.inventory.sources {
        for (index, field) in source.item.fields.iter().enumerate() {
            let declared = field.category.as_str();
            if policy.sensitivity(declared).is_some() {
                continue;
            }
            let name = words(&field.name);
            let matched = sensitive
                .iter()
                .find_map(|(category, sensitivity, keywords)| {
                    keywords
                        .iter()
                        .find(|keyword| name_contains(&name, keyword))
                        .map(|keyword| (*category, *sensitivity, keyword))
                });
            let Some((suggested, sensitivity, keyword)) = matched else {
                continue;
            };
            findings.push(
                RULE.finding(
                    source.at(format!("/fields/{index}/category")),
                    crate::t!(
                        locale,
                        "DC209.message",
                        field = field.name,
                        source = source.item.id,
                        declared = describe_category(policy, declared, locale),
                        keyword = keyword,
                        suggested = describe_category(policy, suggested, locale),
                        sensitivity = describe_sensitivity(sensitivity, locale)
                    ),
                )
                .with_label(crate::t!(locale, "DC209.label"))
                .with_secondary(
                    source.at(format!("/fields/{index}/name")),
                    crate::t!(locale, "DC209.secondary"),
                )
                .with_help(crate::t!(locale, "DC209.help", category = suggested)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{lint_only, pointers};

    fn source(fields: &str) -> String {
        format!(
            "kind: source\nid: s\nname: S\ntype: spreadsheet\ndata_subjects: [spectators]\nfields:\n{fields}"
        )
    }

    #[test]
    fn the_issue_keywords_declared_as_identity_are_flagged() {
        let fields: String = ["handicap", "allergies", "religion", "maladie", "syndicat"]
            .iter()
            .map(|name| format!("  - {{ name: {name}, category: identity }}\n"))
            .collect();
        let findings = lint_only("DC209", &source(&fields));
        assert_eq!(findings.len(), 5, "{findings:#?}");
        assert!(findings[0].message.contains("`special.health`"));
        assert!(
            findings[4]
                .message
                .contains("`special.trade-union-membership`")
        );
    }

    #[test]
    fn names_match_across_case_separators_and_accents_written_both_ways() {
        let yaml = source(
            "  - { name: Regime_Alimentaire, category: transaction.order }\n  - { name: numeroSecuriteSociale, category: identity.customer-id }\n  - { name: extrait-casier-judiciaire, category: professional-life.job }\n",
        );
        let findings = lint_only("DC209", &yaml);
        assert_eq!(
            pointers(&findings),
            [
                "/fields/0/category",
                "/fields/1/category",
                "/fields/2/category"
            ]
        );
        assert!(findings[1].message.contains("GDPR Art. 87"));
        assert!(findings[2].message.contains("GDPR Art. 10"));
    }

    #[test]
    fn sensitive_declarations_and_innocent_names_are_left_alone() {
        let yaml = source(
            "  - { name: handicap, category: special.health }\n  - { name: besoin_accessibilite, category: accessibility-needs }\n  - { name: code_insee_commune, category: identity.postal-address }\n  - { name: casier_vestiaire, category: transaction.order }\n  - { name: ville, category: location }\n",
        );
        assert!(
            lint_only("DC209", &yaml).is_empty(),
            "{:#?}",
            lint_only("DC209", &yaml)
        );
    }

    #[test]
    fn the_service_needed_is_health_data_already_declared_sensitive() {
        // `accessibility-needs` is health data (it reveals the impairment): a field declared so
        // is under the Art. 9 rules already (DC201), whatever its name.
        let findings = lint_only(
            "DC209",
            &source("  - { name: handicap, category: accessibility-needs }\n"),
        );
        assert!(findings.is_empty(), "{findings:#?}");
    }

    #[test]
    fn a_health_plan_is_social_protection_not_health() {
        // Membership of the company health plan (mutuelle) is not health data (F18).
        let findings = lint_only(
            "DC209",
            &source("  - { name: mutuelle, category: professional-life }\n"),
        );
        assert!(findings.is_empty(), "{findings:#?}");
    }
}
