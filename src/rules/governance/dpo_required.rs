//! DC401 dpo-required: a DPO is mandatory (public body, large-scale monitoring, large-scale
//! special-category data) and none is designated.

use super::{charter_anchor, charter_name, is_designated};
use crate::finding::{Finding, Location};
use crate::model::{LegalForm, Sensitivity};
use crate::rules::Context;
use crate::t;

declare_rule! {
    code: "DC401",
    name: "dpo-required",
    severity: Error,
    check: check,
}

/// What makes the DPO mandatory, and where the workspace says so.
struct Reason {
    location: Location,
    text: String,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let reasons = reasons(context);
    let Some(first) = reasons.first() else {
        return;
    };
    let locale = context.locale;
    let help = t!(locale, "DC401.help.charter");
    if context.inventory.charters.is_empty() {
        let finding = RULE
            .finding(
                first.location.clone(),
                t!(locale, "DC401.message.no-charter", reason = first.text),
            )
            .with_label(t!(locale, "DC401.label.no-charter"))
            .with_help(t!(locale, "DC401.help.no-charter", help = help));
        findings.push(with_other_reasons(finding, &reasons[1..]));
        return;
    }
    for charter in &context.inventory.charters {
        let location = match &charter.item.dpo {
            Some(dpo) if is_designated(dpo) => continue,
            Some(_) => charter.at("/dpo"),
            None => charter_anchor(charter),
        };
        let finding = RULE
            .finding(
                location,
                t!(
                    locale,
                    "DC401.message.charter",
                    charter = charter_name(charter, locale),
                    reason = first.text,
                ),
            )
            .with_label(t!(locale, "DC401.label.charter"))
            .with_help(help.clone());
        findings.push(with_other_reasons(finding, &reasons));
    }
}

fn with_other_reasons(mut finding: Finding, reasons: &[Reason]) -> Finding {
    for reason in reasons {
        finding = finding.with_secondary(reason.location.clone(), reason.text.clone());
    }
    finding
}

/// Every ground of Art. 37(1) the workspace declares, organisation first.
fn reasons(context: &Context<'_>) -> Vec<Reason> {
    let locale = context.locale;
    let mut reasons = Vec::new();
    let organisation = context.inventory.organisation();
    if let Some(organisation) = organisation {
        let item = &organisation.item;
        let pointer = if item.public_body == Some(true) {
            Some("/public_body")
        } else if item.legal_form == Some(LegalForm::PublicBody) {
            Some("/legal_form")
        } else {
            None
        };
        if let Some(pointer) = pointer {
            reasons.push(Reason {
                location: organisation.at(pointer),
                text: t!(locale, "DC401.reason.public-body", organisation = item.id),
            });
        }
    }
    let organisation_large_scale = organisation.is_some_and(|o| o.item.large_scale);
    for processing in &context.inventory.processings {
        let item = &processing.item;
        if !(item.large_scale || organisation_large_scale) {
            continue;
        }
        if item.systematic_monitoring {
            reasons.push(Reason {
                location: processing.at("/systematic_monitoring"),
                text: t!(locale, "DC401.reason.monitoring", processing = item.id),
            });
        }
        let sensitive = item
            .data_categories
            .iter()
            .enumerate()
            .find(|(_, category)| {
                matches!(
                    context.policy.sensitivity(category.as_str()),
                    Some(Sensitivity::Art9 | Sensitivity::Art10)
                )
            });
        if let Some((index, category)) = sensitive {
            reasons.push(Reason {
                location: processing.at(format!("/data_categories/{index}")),
                text: t!(
                    locale,
                    "DC401.reason.special",
                    processing = item.id,
                    category = category,
                ),
            });
        }
    }
    reasons
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    const PUBLIC: &str =
        "kind: organisation\nid: ville\nname: Théâtre municipal\npublic_body: true\n";
    const PRIVATE: &str = "kind: organisation\nid: qs\nname: Quatre Saisons\n";

    #[test]
    fn public_body_without_charter_points_at_public_body() {
        let findings = lint_only("DC401", PUBLIC);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/public_body"));
        assert!(
            findings[0].message.contains("`ville` is a public body"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn legal_form_public_body_counts() {
        let yaml = "kind: organisation\nid: epcc\nname: EPCC\nlegal_form: public-body\n---\nkind: charter\n";
        let findings = lint_only("DC401", yaml);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/kind"));
        assert_eq!(
            findings[0].labels[0].location.pointer(),
            Some("/legal_form")
        );
    }

    #[test]
    fn an_empty_dpo_entry_is_no_dpo() {
        let yaml = format!("{PUBLIC}---\nkind: charter\ndpo: {{ published: true }}\n");
        let findings = lint_only("DC401", &yaml);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/dpo"));
    }

    #[test]
    fn private_small_organisation_needs_no_dpo() {
        let yaml = format!(
            "{PRIVATE}---\nkind: processing\nid: cctv\nname: Vidéoprotection\nsystematic_monitoring: true\n"
        );
        assert!(lint_only("DC401", &yaml).is_empty());
    }

    #[test]
    fn large_scale_monitoring_needs_a_dpo() {
        let yaml = format!(
            "{PRIVATE}---\nkind: processing\nid: cctv\nname: Vidéoprotection\nlarge_scale: true\nsystematic_monitoring: true\n"
        );
        let findings = lint_only("DC401", &yaml);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].location.pointer(),
            Some("/systematic_monitoring")
        );
    }

    #[test]
    fn organisation_scale_and_special_subcategory_need_a_dpo() {
        // `special.health` inherits `art9` from `special`; the scale comes from the organisation.
        let yaml = "kind: organisation\nid: qs\nname: QS\nlarge_scale: true\n---\nkind: processing\nid: care\nname: Accueil\ndata_categories: [identity.name, special.health]\n---\nkind: charter\ndpo: { published: true }\n";
        let findings = lint_only("DC401", yaml);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].labels[0].location.pointer(),
            Some("/data_categories/1")
        );
    }

    #[test]
    fn an_external_dpo_is_a_dpo() {
        let yaml = format!("{PUBLIC}---\nkind: charter\ndpo: {{ party: cdg-rgpd }}\n");
        assert!(lint_only("DC401", &yaml).is_empty());
    }
}
