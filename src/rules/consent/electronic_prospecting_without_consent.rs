//! DC502 electronic-prospecting-without-consent: newsletter or prospecting sent by email or
//! SMS/MMS to prospects on a basis other than consent.

use crate::finding::{Finding, Severity};
use crate::model::{CategoryId, Channel, LegalBasis};
use crate::policy::PolicyTables;
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC502",
    name: "electronic-prospecting-without-consent",
    family: Family::Consent,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: processing\nid: newsletter\nname: Lettre d'information\npurpose: newsletter\nlegal_basis: legitimate-interests\nlegitimate_interest_assessment: \"LIA-2026-01\"\ndata_subjects: [spectators, prospects]\ndata_categories: [identity.email, identity.name]\n",
        passing: "kind: processing\nid: newsletter\nname: Lettre d'information\npurpose: newsletter\nlegal_basis: consent\nconsent:\n  mechanism: double-opt-in\n  record: \"the emailing platform keeps the date, time and IP address of the sign-up and of the confirmation click\"\n  withdrawal: \"unsubscribe link in every email\"\ndata_subjects: [spectators, prospects]\ndata_categories: [identity.email, identity.name]\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    // The purposes that send commercial messages, the people with whom there is no customer
    // relationship and the categories that make it electronic mail: the `consent` tables.
    let tables = &context.policy.consent;
    for processing in &context.inventory.processings {
        let item = &processing.item;
        let Some(purpose) = item.purpose.as_ref() else {
            continue;
        };
        // A missing basis is DC108's finding; consent is what this rule asks for.
        let Some(basis) = item
            .legal_basis
            .filter(|basis| *basis != LegalBasis::Consent)
        else {
            continue;
        };
        if !tables.prospecting_purposes.contains(purpose) {
            continue;
        }
        let Some(prospects) = item
            .data_subjects
            .iter()
            .position(|s| tables.prospect_subjects.contains(s))
        else {
            continue;
        };
        // A parent (`identity`) includes the email; a child of it is still email.
        let declares = |wanted: &[CategoryId]| {
            item.data_categories.iter().any(|category| {
                wanted.iter().any(|email| {
                    PolicyTables::covers(category.as_str(), email.as_str())
                        || PolicyTables::covers(email.as_str(), category.as_str())
                })
            })
        };
        // `channels` says how messages go out (`[]`: none, a suppression list); absent, an
        // email category means email. An SMS is electronic mail too (CPCE L34-5).
        let sends = |channel: Channel| {
            item.channels
                .as_ref()
                .map_or(channel == Channel::Email, |channels| {
                    channels.contains(&channel)
                })
        };
        let email = sends(Channel::Email) && declares(&tables.email_categories);
        let sms = sends(Channel::Sms) && declares(&tables.sms_categories);
        let channel = match (email, sms) {
            (false, false) => continue,
            (true, false) => "DC502.channel.email",
            (false, true) => "DC502.channel.sms",
            (true, true) => "DC502.channel.both",
        };
        let channel = crate::t!(locale, channel);
        findings.push(
            RULE.finding(
                processing.at("/legal_basis"),
                crate::t!(
                    locale,
                    "DC502.message",
                    id = item.id,
                    purpose = purpose,
                    channel = channel,
                    basis = basis_name(basis)
                ),
            )
            .with_label(crate::t!(locale, "DC502.label"))
            .with_secondary(
                processing.at(format!("/data_subjects/{prospects}")),
                crate::t!(locale, "DC502.secondary"),
            )
            .with_help(crate::t!(locale, "DC502.help")),
        );
    }
}

fn basis_name(basis: LegalBasis) -> &'static str {
    match basis {
        LegalBasis::Consent => "consent",
        LegalBasis::Contract => "contract",
        LegalBasis::LegalObligation => "legal-obligation",
        LegalBasis::VitalInterests => "vital-interests",
        LegalBasis::PublicTask => "public-task",
        LegalBasis::LegitimateInterests => "legitimate-interests",
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::rules::testing::lint_only;

    fn lint(purpose: &str, basis: &str, subjects: &str, categories: &str) -> Vec<Finding> {
        lint_only(
            "DC502",
            &format!(
                "kind: processing\nid: mailing\nname: Envoi\npurpose: {purpose}\nlegal_basis: {basis}\ndata_subjects: [{subjects}]\ndata_categories: [{categories}]\n"
            ),
        )
    }

    fn lint_channels(channels: &str, categories: &str) -> Vec<Finding> {
        lint_only(
            "DC502",
            &format!(
                "kind: processing\nid: mailing\nname: Envoi\npurpose: prospecting\nlegal_basis: legitimate-interests\ndata_subjects: [prospects]\ndata_categories: [{categories}]\nchannels: {channels}\n"
            ),
        )
    }

    #[test]
    fn sms_is_electronic_mail_and_a_processing_that_sends_nothing_is_not_concerned() {
        let findings = lint_channels("[sms]", "identity.phone");
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("by SMS"),
            "{}",
            findings[0].message
        );
        // Phone calls and post are not electronic mail.
        assert!(
            lint_channels("[phone, post]", "identity.phone, identity.postal-address").is_empty()
        );
        // A suppression list sends nothing.
        assert!(lint_channels("[]", "identity.email").is_empty());
        assert_eq!(lint_channels("[email]", "identity.email").len(), 1);
        // Without `channels`, a phone number alone is not taken for SMS.
        assert!(
            lint(
                "prospecting",
                "legitimate-interests",
                "prospects",
                "identity.phone"
            )
            .is_empty()
        );
    }

    #[test]
    fn prospecting_to_prospects_on_legitimate_interest_fires() {
        let findings = lint(
            "prospecting",
            "legitimate-interests",
            "prospects",
            "identity.email",
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/legal_basis"));
        assert!(findings[0].message.contains("legitimate-interests"));
        assert_eq!(
            findings[0].labels[0].location.pointer(),
            Some("/data_subjects/0")
        );
    }

    #[test]
    fn a_parent_category_covers_the_email() {
        assert_eq!(
            lint(
                "newsletter",
                "contract",
                "spectators, prospects",
                "identity"
            )
            .len(),
            1
        );
    }

    #[test]
    fn existing_customers_may_be_emailed_without_consent() {
        assert!(
            lint(
                "newsletter",
                "legitimate-interests",
                "spectators, subscribers",
                "identity.email"
            )
            .is_empty()
        );
    }

    #[test]
    fn postal_prospecting_is_not_concerned() {
        assert!(
            lint(
                "prospecting",
                "legitimate-interests",
                "prospects",
                "identity.name, identity.postal-address"
            )
            .is_empty()
        );
    }

    #[test]
    fn other_purposes_and_consent_are_not_concerned() {
        assert!(
            lint(
                "audience-survey",
                "legitimate-interests",
                "prospects",
                "identity.email"
            )
            .is_empty()
        );
        assert!(lint("newsletter", "consent", "prospects", "identity.email").is_empty());
    }

    #[test]
    fn a_workspace_pack_adds_prospecting_purposes() {
        let fundraising = lint_only(
            "DC502",
            "kind: processing\nid: appeal\nname: Appel aux dons\npurpose: fundraising\nlegal_basis: legitimate-interests\ndata_subjects: [prospects]\ndata_categories: [identity.email]\n---\nkind: policy\nid: house\nconsent: { prospecting_purposes: [fundraising] }\n",
        );
        assert_eq!(fundraising.len(), 1);
    }
}
