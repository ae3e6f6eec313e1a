//! DC505 minors-without-parental-consent: minors under the age of digital consent consenting
//! alone to an online service (error); minors whose ages are not stated, or under that age for
//! a service that is not online (warning).

use crate::finding::{Finding, Severity};
use crate::model::{Channel, Inventory, LegalBasis, Processing, SourceType};
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC505",
    name: "minors-without-parental-consent",
    family: Family::Consent,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: processing\nid: youth-workshops\nname: Ateliers théâtre jeunes\npurpose: customer-relationship\nlegal_basis: consent\nconsent:\n  mechanism: signed-form\n  record: \"signed sign-up forms, filed by season\"\n  withdrawal: \"by email to the box office\"\ndata_subjects: [minors]\nminors_age: { min: 11, max: 17 }\nchannels: [email]\ndata_categories: [identity.name, identity.email]\n",
        passing: "kind: processing\nid: youth-workshops\nname: Ateliers théâtre jeunes\npurpose: customer-relationship\nlegal_basis: consent\nconsent:\n  mechanism: signed-form\n  record: \"sign-up forms signed by the young person and a parent, filed by season\"\n  withdrawal: \"by email to the box office\"\n  parental: true\ndata_subjects: [minors]\nminors_age: { min: 11, max: 17 }\nchannels: [email]\ndata_categories: [identity.name, identity.email]\n",
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
        // Art. 8 and loi I&L art. 45 concern information-society services offered directly to
        // a child: from the age of digital consent a minor consents alone; below it, with a
        // holder of parental authority. Outside online services, civil law applies: a warning.
        let age = tables.digital_consent_age.unwrap_or(15);
        let (message, severity, at) = match item.minors_age {
            Some(band) if band.min >= age => continue,
            Some(_) if is_online(context.inventory, item) => (
                "DC505.message",
                Severity::Error,
                format!("/data_subjects/{minors}"),
            ),
            Some(_) => (
                "DC505.offline.message",
                Severity::Warning,
                "/minors_age/min".to_owned(),
            ),
            None => (
                "DC505.no-age.message",
                Severity::Warning,
                format!("/data_subjects/{minors}"),
            ),
        };
        let mut finding = RULE
            .finding(
                processing.at(at),
                crate::t!(
                    locale,
                    message,
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
            ));
        finding.severity = severity;
        findings.push(finding);
    }
}

/// Whether the processing is an online service: it sends email, SMS or notifications
/// (`channels`), or uses a website, an emailing tool or a social network.
fn is_online(inventory: &Inventory, processing: &Processing) -> bool {
    let channels = processing.channels.as_deref().unwrap_or_default();
    channels
        .iter()
        .any(|channel| matches!(channel, Channel::Email | Channel::Sms | Channel::Push))
        || processing
            .sources
            .iter()
            .filter_map(|id| inventory.source(id.as_str()))
            .any(|source| {
                matches!(
                    source.item.source_type,
                    SourceType::Website | SourceType::Emailing | SourceType::SocialNetwork
                )
            })
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
    fn the_age_band_and_the_online_service_decide() {
        let severity = |rest: &str| {
            lint(&format!(
                "legal_basis: consent\ndata_subjects: [minors]\n{rest}"
            ))
            .iter()
            .map(|f| f.severity)
            .collect::<Vec<_>>()
        };
        use crate::finding::Severity::{Error, Warning};
        // 16-17-year-olds consent alone (loi I&L art. 45), online or not.
        assert!(severity("minors_age: { min: 16, max: 17 }\n").is_empty());
        assert!(severity("minors_age: { min: 15 }\nchannels: [email]\n").is_empty());
        // Under 15 and online: the error of Art. 8.
        assert_eq!(
            severity("minors_age: { min: 12 }\nchannels: [push]\n"),
            [Error]
        );
        let website = "---\nkind: source\nid: site\nname: Site\ntype: website\n";
        assert_eq!(
            severity(&format!(
                "minors_age: {{ min: 12 }}\nsources: [site]\n{website}"
            )),
            [Error]
        );
        // Under 15, not online: civil law, a judgement for the DPO.
        assert_eq!(
            severity("minors_age: { min: 12 }\nchannels: [post]\n"),
            [Warning]
        );
        // Ages not stated: a warning asking for them.
        assert_eq!(severity(""), [Warning]);
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
