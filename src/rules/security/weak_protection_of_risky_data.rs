//! DC703 weak-protection-of-risky-data: payment, sensitive or large-scale data without
//! encryption and access control.

use crate::finding::{Finding, Location};
use crate::model::SecurityMeasure;
use crate::policy::PolicyTables;
use crate::rules::Context;
use crate::t;

declare_rule! {
    code: "DC703",
    name: "weak-protection-of-risky-data",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let (policy, locale) = (context.policy, context.locale);
    for source in &context.inventory.sources {
        let item = &source.item;
        // Messages are built only for a finding: most holders are protected.
        let Some((i, field)) = item
            .fields
            .iter()
            .enumerate()
            .find(|(_, field)| is_risky(policy, field.category.as_str()))
        else {
            continue;
        };
        let Some(lacking) = lacking(context, &item.security) else {
            continue;
        };
        let held = t!(
            locale,
            "DC703.held.field",
            field = field.name,
            category = field.category
        );
        let anchor = source.at(if item.security.is_empty() {
            "/id"
        } else {
            "/security"
        });
        report(
            findings,
            context,
            t!(locale, "DC703.holder.source", id = item.id),
            held,
            source.at(format!("/fields/{i}/category")),
            anchor,
            lacking,
        );
    }
    for processing in &context.inventory.processings {
        let item = &processing.item;
        let risky_category = item
            .data_categories
            .iter()
            .enumerate()
            .find(|(_, category)| is_risky(policy, category.as_str()));
        if risky_category.is_none() && !item.large_scale {
            continue;
        }
        let Some(lacking) = lacking(context, &item.security) else {
            continue;
        };
        let (held, place) = match risky_category {
            Some((i, category)) => (
                t!(locale, "DC703.held.category", category = category),
                processing.at(format!("/data_categories/{i}")),
            ),
            None => (
                t!(locale, "DC703.held.large-scale"),
                processing.at("/large_scale"),
            ),
        };
        let anchor = processing.at(if item.security.is_empty() {
            "/id"
        } else {
            "/security"
        });
        report(
            findings,
            context,
            t!(locale, "DC703.holder.processing", id = item.id),
            held,
            place,
            anchor,
            lacking,
        );
    }
}

/// Sensitive in the taxonomy, or one of the `risk.risky_categories` of the packs.
fn is_risky(policy: &PolicyTables, category: &str) -> bool {
    policy.sensitivity(category).is_some()
        || policy
            .risk
            .risky_categories
            .iter()
            .any(|risky| PolicyTables::covers(risky.as_str(), category))
}

/// Whether `declared` is one of `measures` or a kebab-case refinement of one
/// (`encryption-at-rest` refines `encryption`).
fn is_one_of(measures: &[SecurityMeasure], declared: &SecurityMeasure) -> bool {
    measures.iter().any(|measure| {
        declared
            .as_str()
            .strip_prefix(measure.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
    })
}

/// The catalogue key saying what `security` lacks, or `None` when it has both encryption and
/// access control.
fn lacking(context: &Context<'_>, security: &[SecurityMeasure]) -> Option<&'static str> {
    let risk = &context.policy.risk;
    let encrypted = security
        .iter()
        .any(|m| is_one_of(&risk.encryption_measures, m));
    let controlled = security
        .iter()
        .any(|m| is_one_of(&risk.access_control_measures, m));
    match (encrypted, controlled) {
        (true, true) => None,
        (false, true) => Some("DC703.lacking.encryption"),
        (true, false) => Some("DC703.lacking.access-control"),
        (false, false) => Some("DC703.lacking.both"),
    }
}

fn report(
    findings: &mut Vec<Finding>,
    context: &Context<'_>,
    holder: String,
    held: String,
    place: Location,
    anchor: Location,
    lacking: &str,
) {
    let locale = context.locale;
    let lacking = t!(locale, lacking);
    findings.push(
        RULE.finding(
            anchor,
            t!(
                locale,
                "DC703.message",
                holder = holder,
                held = held,
                lacking = lacking
            ),
        )
        .with_label(lacking)
        .with_secondary(place, t!(locale, "DC703.secondary"))
        .with_help(t!(locale, "DC703.help")),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    fn source(category: &str, security: &str) -> String {
        format!(
            "kind: source\nid: s\nname: S\ntype: crm\nfields:\n  - {{ name: f, category: {category} }}\nsecurity: {security}\n"
        )
    }

    #[test]
    fn both_measures_are_needed_for_payment_and_sensitive_data() {
        assert_eq!(
            lint_only("DC703", &source("payment.card-number", "[access-control]")).len(),
            1
        );
        assert_eq!(
            lint_only(
                "DC703",
                &source("special.health", "[encryption-in-transit]")
            )
            .len(),
            1
        );
        assert_eq!(lint_only("DC703", &source("national-id", "[]")).len(), 1);
        assert!(
            lint_only(
                "DC703",
                &source("payment", "[access-control, encryption-at-rest]")
            )
            .is_empty()
        );
        assert!(lint_only("DC703", &source("identity.email", "[]")).is_empty());
    }

    #[test]
    fn a_large_scale_processing_is_risky_whatever_its_categories() {
        let processing = "kind: processing\nid: p\nname: P\ndata_categories: [identity.email]\nlarge_scale: true\nsecurity: [access-control]\n";
        let findings = lint_only("DC703", processing);
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("no encryption"),
            "{}",
            findings[0].message
        );
        assert_eq!(findings[0].location.pointer(), Some("/security"));
        let small = processing.replace("large_scale: true\n", "");
        assert!(lint_only("DC703", &small).is_empty());
    }

    #[test]
    fn measures_count_with_their_refinements_and_the_packs_additions() {
        let payment = |security: &str| source("payment.iban", security);
        assert!(lint_only("DC703", &payment("[access-control, encryption]")).is_empty());
        assert_eq!(
            lint_only("DC703", &payment("[access-control, encryptions]")).len(),
            1
        );
        let house = "---\nkind: policy\nid: house\nrisk: { encryption_measures: [vault] }\n";
        let vaulted = format!("{}{house}", payment("[access-control, vault-storage]"));
        assert!(lint_only("DC703", &vaulted).is_empty());
    }
}
