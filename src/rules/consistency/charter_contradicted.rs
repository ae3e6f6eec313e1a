//! DC806 charter-contradicted: the register contradicts a commitment of the charter.

use crate::finding::{Finding, Location, Severity};
use crate::model::{Charter, Commitments, Duration, Located, RetentionRule, Sensitivity};
use crate::rules::{Context, Docs, Family, Rule};
use crate::t;

pub static RULE: Rule = Rule {
    code: "DC806",
    name: "charter-contradicted",
    family: Family::Consistency,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: charter\ncommitments:\n  no_free_text: true\n---\nkind: source\nid: ticketing\nname: Logiciel de billetterie\ntype: ticketing\nfields:\n  - { name: nom, category: identity.name }\n  - { name: remarques, category: relationship.requests, free_text: true }\n",
        passing: "kind: charter\ncommitments:\n  no_free_text: true\n---\nkind: source\nid: ticketing\nname: Logiciel de billetterie\ntype: ticketing\nfields:\n  - { name: nom, category: identity.name }\n  - { name: type_demande, category: relationship.requests, description: \"closed list: exchange, refund, accessibility\" }\n",
    },
    check: Some(check),
};

/// Every charter document is held to what it says itself (as the DC4xx rules do).
fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for charter in &context.inventory.charters {
        if let Some(commitments) = &charter.item.commitments {
            check_commitments(context, charter, commitments, findings);
        }
    }
}

fn check_commitments(
    context: &Context<'_>,
    charter: &Located<Charter>,
    commitments: &Commitments,
    findings: &mut Vec<Finding>,
) {
    let (inventory, locale) = (context.inventory, context.locale);
    let promise = |key: &str| charter.at(format!("/commitments/{key}"));
    // `label` and `help` are catalogue keys.
    let contradiction =
        |location: Location, message: String, label: &str, commitment: &str, help: &str| {
            RULE.finding(location, message)
                .with_label(t!(locale, label))
                .with_secondary(promise(commitment), t!(locale, "DC806.secondary"))
                .with_help(t!(locale, help))
        };
    let is_special =
        |category: &str| context.policy.sensitivity(category) == Some(Sensitivity::Art9);

    for source in &inventory.sources {
        let item = &source.item;
        for (i, field) in item.fields.iter().enumerate() {
            if commitments.no_free_text && field.free_text {
                findings.push(contradiction(
                    source.at(format!("/fields/{i}/free_text")),
                    t!(
                        locale,
                        "DC806.free-text.message",
                        id = item.id,
                        field = field.name
                    ),
                    "DC806.free-text.label",
                    "no_free_text",
                    "DC806.free-text.help",
                ));
            }
            if commitments.no_special_categories && is_special(field.category.as_str()) {
                findings.push(contradiction(
                    source.at(format!("/fields/{i}/category")),
                    t!(
                        locale,
                        "DC806.special-source.message",
                        id = item.id,
                        category = field.category,
                        field = field.name
                    ),
                    "DC806.special-source.label",
                    "no_special_categories",
                    "DC806.special-source.help",
                ));
            }
        }
        if commitments.hosting_in_eea {
            let hosting = item.hosting.as_ref();
            let provider = hosting
                .and_then(|h| h.provider.as_ref())
                .and_then(|id| inventory.party(id.as_str()));
            let country = match (hosting.and_then(|h| h.country.as_ref()), provider) {
                (Some(country), _) => Some((country, source.at("/hosting/country"))),
                (None, Some(party)) => party
                    .item
                    .country
                    .as_ref()
                    .map(|country| (country, source.at("/hosting/provider"))),
                (None, None) => None,
            };
            if let Some((country, location)) = country
                && !context.policy.transfers.eea.contains(country)
            {
                findings.push(contradiction(
                    location,
                    t!(
                        locale,
                        "DC806.hosting.message",
                        id = item.id,
                        country = country
                    ),
                    "DC806.hosting.label",
                    "hosting_in_eea",
                    "DC806.hosting.help",
                ));
            }
        }
    }

    for processing in &inventory.processings {
        let item = &processing.item;
        if commitments.no_special_categories {
            for (i, category) in item.data_categories.iter().enumerate() {
                if is_special(category.as_str()) {
                    findings.push(contradiction(
                        processing.at(format!("/data_categories/{i}")),
                        t!(
                            locale,
                            "DC806.special-processing.message",
                            id = item.id,
                            category = category
                        ),
                        "DC806.special-processing.label",
                        "no_special_categories",
                        "DC806.special-processing.help",
                    ));
                }
            }
        }
        if let Some(ceiling) = commitments.max_retention {
            for (i, rule) in item.retention.iter().enumerate() {
                let kept = total_retention(rule);
                if kept > ceiling {
                    findings.push(contradiction(
                        processing.at(format!("/retention/{i}/duration")),
                        t!(
                            locale,
                            "DC806.retention.message",
                            id = item.id,
                            kept = kept,
                            ceiling = ceiling
                        ),
                        "DC806.retention.label",
                        "max_retention",
                        "DC806.retention.help",
                    ));
                }
            }
        }
    }
}

/// The active duration plus the intermediate-archive stage, if any.
fn total_retention(rule: &RetentionRule) -> Duration {
    let archive = rule.archive.as_ref().map(|archive| archive.duration);
    match (rule.duration, archive) {
        (
            Duration::Finite { months, hours },
            Some(Duration::Finite {
                months: more_months,
                hours: more_hours,
            }),
        ) => Duration::Finite {
            months: months.saturating_add(more_months),
            hours: hours.saturating_add(more_hours),
        },
        (Duration::Finite { .. }, None) => rule.duration,
        _ => Duration::Indefinite,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    fn charter(commitment: &str) -> String {
        format!("kind: charter\ncommitments: {{ {commitment} }}\n---\n")
    }

    #[test]
    fn special_categories_on_sources_and_processings() {
        let workspace = format!(
            "{}kind: source\nid: s\nname: S\ntype: crm\nfields:\n  - {{ name: handicap, category: special.health }}\n  - {{ name: nir, category: national-id }}\n---\nkind: processing\nid: p\nname: P\ndata_categories: [special]\n",
            charter("no_special_categories: true")
        );
        let findings = lint_only("DC806", &workspace);
        let pointers: Vec<Option<&str>> = findings.iter().map(|f| f.location.pointer()).collect();
        assert_eq!(
            pointers,
            vec![Some("/fields/0/category"), Some("/data_categories/0")]
        );
        assert_eq!(
            findings[0].labels[0].location.pointer(),
            Some("/commitments/no_special_categories")
        );
    }

    #[test]
    fn the_service_needed_is_a_special_category_and_la_reunion_is_in_the_eea() {
        let needs = format!(
            "{}kind: source\nid: s\nname: S\ntype: ticketing\nfields:\n  - {{ name: besoin, category: accessibility-needs }}\n",
            charter("no_special_categories: true")
        );
        assert_eq!(lint_only("DC806", &needs).len(), 1);
        let hosted = |country: &str| {
            format!(
                "{}kind: source\nid: site\nname: Site\ntype: website\nhosting: {{ country: {country} }}\n",
                charter("hosting_in_eea: true")
            )
        };
        assert!(lint_only("DC806", &hosted("RE")).is_empty());
        assert_eq!(lint_only("DC806", &hosted("NC")).len(), 1);
    }

    #[test]
    fn hosting_outside_the_eea_through_the_country_or_the_provider() {
        let workspace = format!(
            "{}kind: party\nid: cloud\nname: Cloud Inc\ncountry: US\n---\nkind: source\nid: a\nname: A\ntype: crm\nhosting: {{ provider: cloud }}\n---\nkind: source\nid: b\nname: B\ntype: crm\nhosting: {{ country: NO }}\n---\nkind: source\nid: c\nname: C\ntype: crm\nhosting: {{ country: CH, provider: cloud }}\n",
            charter("hosting_in_eea: true")
        );
        let pointers: Vec<String> = lint_only("DC806", &workspace)
            .iter()
            .map(|f| {
                format!(
                    "{}{}",
                    f.message.split('`').nth(1).unwrap_or(""),
                    f.location.pointer().unwrap_or("")
                )
            })
            .collect();
        assert_eq!(pointers, vec!["a/hosting/provider", "c/hosting/country"]);
    }

    #[test]
    fn the_retention_ceiling_counts_the_archive_stage() {
        let processing = |retention: &str| {
            format!(
                "{}kind: processing\nid: p\nname: P\nretention:\n  - {retention}\n",
                charter("max_retention: 10y")
            )
        };
        assert!(
            lint_only(
                "DC806",
                &processing("{ duration: 1y, archive: { duration: 9y } }")
            )
            .is_empty()
        );
        assert_eq!(
            lint_only(
                "DC806",
                &processing("{ duration: 2y, archive: { duration: 9y } }")
            )
            .len(),
            1
        );
        assert_eq!(
            lint_only("DC806", &processing("{ duration: indefinite }")).len(),
            1
        );
    }

    #[test]
    fn without_commitments_nothing_is_contradicted() {
        let workspace = "kind: charter\n---\nkind: source\nid: s\nname: S\ntype: crm\nfields:\n  - { name: notes, category: relationship.requests, free_text: true }\n";
        assert!(lint_only("DC806", workspace).is_empty());
    }
}
