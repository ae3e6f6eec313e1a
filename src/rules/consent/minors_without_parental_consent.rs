//! DC505 minors-without-parental-consent: minors processed on consent with no parental consent.

use crate::finding::{Finding, Severity};
use crate::model::LegalBasis;
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC505",
    name: "minors-without-parental-consent",
    family: Family::Consent,
    severity: Severity::Error,
    legal: "GDPR Art. 8; French Data Protection Act art. 45 (15 years)",
    docs: Docs {
        failing: "kind: processing\nid: youth-workshops\nname: Ateliers théâtre jeunes\npurpose: customer-relationship\nlegal_basis: consent\nconsent:\n  mechanism: signed-form\n  record: \"signed sign-up forms, filed by season\"\n  withdrawal: \"by email to the box office\"\ndata_subjects: [minors]\ndata_categories: [identity.name, identity.email]\n",
        passing: "kind: processing\nid: youth-workshops\nname: Ateliers théâtre jeunes\npurpose: customer-relationship\nlegal_basis: consent\nconsent:\n  mechanism: signed-form\n  record: \"sign-up forms signed by the young person and a parent, filed by season\"\n  withdrawal: \"by email to the box office\"\n  parental: true\ndata_subjects: [minors]\ndata_categories: [identity.name, identity.email]\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    // Who may be a minor and the age of digital consent: the `consent` tables.
    let tables = &context.policy.consent;
    let under_age = tables.digital_consent_age.map_or_else(
        || "below the age of digital consent".to_owned(),
        |age| format!("under {age}"),
    );
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
                format!(
                    "processing `{}` relies on the consent of minors but collects no parental consent; {under_age}, consent must be given jointly by the minor and a parent (GDPR Art. 8; French law, art. 45)",
                    item.id
                ),
            )
            .with_label("minors, consenting alone")
            .with_secondary(processing.at("/legal_basis"), "the legal basis is consent")
            .with_help(format!("collect a parent's consent together with the minor's for those {under_age}, keep it with the consent record, and set `parental: true` in the `consent` section")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::rules::consent::testing::lint_only;

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
