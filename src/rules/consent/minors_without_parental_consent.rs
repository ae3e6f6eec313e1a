//! DC505 minors-without-parental-consent: minors processed on consent with no parental consent.

use crate::finding::{Finding, Severity};
use crate::model::LegalBasis;
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC505",
    name: "minors-without-parental-consent",
    family: Family::Consent,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: processing\nid: youth-workshops\nname: Ateliers théâtre jeunes\npurpose: customer-relationship\nlegal_basis: consent\nconsent:\n  mechanism: signed-form\n  record: \"signed sign-up forms, filed by season\"\n  withdrawal: \"by email to the box office\"\ndata_subjects: [minors]\ndata_categories: [identity.name, identity.email]\n",
        passing: "kind: processing\nid: youth-workshops\nname: Ateliers théâtre jeunes\npurpose: customer-relationship\nlegal_basis: consent\nconsent:\n  mechanism: signed-form\n  record: \"sign-up forms signed by the young person and a parent, filed by season\"\n  withdrawal: \"by email to the box office\"\n  parental: true\ndata_subjects: [minors]\ndata_categories: [identity.name, identity.email]\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    // Who may be a minor and the age of digital consent: the `consent` tables.
    let tables = &context.policy.consent;
    let locale = context.locale;
    // Who is concerned, worded once for the message and once for the help.
    let under_age = |part: &str| match tables.digital_consent_age {
        Some(age) => crate::t!(locale, &format!("DC505.under-age.{part}"), age = age),
        None => crate::t!(locale, &format!("DC505.below-consent-age.{part}")),
    };
    for processing in &context.inventory.processings {
        let item = &processing.item;
        if item.legal_basis != Some(LegalBasis::Consent) {
            continue;
        }
        let parental = item
            .consent
            .as_ref()
            .is_some_and(|consent| consent.parental);
        if parental {
            continue;
        }
        let Some(minors) = item
            .data_subjects
            .iter()
            .position(|s| tables.minor_subjects.contains(s))
        else {
            continue;
        };
        findings.push(
            RULE.finding(
                processing.at(format!("/data_subjects/{minors}")),
                crate::t!(
                    locale,
                    "DC505.message",
                    id = item.id,
                    under_age = under_age("in-message")
                ),
            )
            .with_label(crate::t!(locale, "DC505.label"))
            .with_secondary(
                processing.at("/legal_basis"),
                crate::t!(locale, "consent.basis-is-consent"),
            )
            .with_help(crate::t!(
                locale,
                "DC505.help",
                under_age = under_age("in-help")
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::rules::testing::lint_only;

    fn lint(rest: &str) -> Vec<Finding> {
        lint_only(
            "DC505",
            &format!("kind: processing\nid: workshops\nname: Ateliers\n{rest}"),
        )
    }

    #[test]
    fn minors_on_consent_alone_fire_on_the_subject() {
        let findings = lint("legal_basis: consent\ndata_subjects: [spectators, minors]\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/data_subjects/1"));
        let findings = lint(
            "legal_basis: consent\nconsent: { record: forms, withdrawal: email }\ndata_subjects: [minors]\n",
        );
        assert_eq!(findings.len(), 1);
    }

    #[test]
    fn parental_consent_lifts_it() {
        assert!(
            lint("legal_basis: consent\nconsent: { parental: true }\ndata_subjects: [minors]\n")
                .is_empty()
        );
    }

    #[test]
    fn other_bases_and_adults_are_not_concerned() {
        assert!(lint("legal_basis: contract\ndata_subjects: [minors]\n").is_empty());
        assert!(lint("legal_basis: consent\ndata_subjects: [spectators]\n").is_empty());
    }

    #[test]
    fn the_age_named_is_the_packs() {
        let minors = "legal_basis: consent\ndata_subjects: [minors]\n";
        let findings = lint(minors);
        assert!(
            findings[0].message.contains("under 15,"),
            "{}",
            findings[0].message
        );
        let findings = lint(&format!(
            "{minors}---\nkind: policy\nid: house\nconsent: {{ digital_consent_age: 16 }}\n"
        ));
        assert!(
            findings[0].message.contains("under 16,"),
            "{}",
            findings[0].message
        );
    }
}
