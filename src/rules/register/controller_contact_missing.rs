//! DC101 controller-contact-missing: the organisation has no name or no contact details.

use crate::finding::Finding;
use crate::model::Contact;
use crate::rules::Context;

declare_rule! {
    code: "DC101",
    name: "controller-contact-missing",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for organisation in &context.inventory.organisations {
        let has_name = organisation.item.name.as_deref().is_some_and(is_filled);
        let has_contact = organisation.item.contact.as_ref().is_some_and(reachable);
        // Each case is a whole sentence in the catalogue, so that a translation need not
        // assemble "no name" and "no contact details" with its own grammar.
        let (message, label, help) = match (has_name, has_contact) {
            (true, true) => continue,
            (false, true) => ("DC101.message.name", "DC101.label.name", "DC101.help.name"),
            (true, false) => (
                "DC101.message.contact",
                "DC101.label.contact",
                "DC101.help.contact",
            ),
            (false, false) => ("DC101.message.both", "DC101.label.both", "DC101.help.both"),
        };
        // A blank name or an empty `contact:` is underlined itself; an absent one at the id.
        let pointer = match (has_name, &organisation.item.contact) {
            (false, _) if organisation.item.name.is_some() => "/name",
            (true, Some(_)) => "/contact",
            _ => "/id",
        };
        let locale = context.locale;
        findings.push(
            RULE.finding(
                organisation.at(pointer),
                crate::t!(locale, message, organisation = organisation.item.id),
            )
            .with_label(crate::t!(locale, label))
            .with_help(crate::t!(locale, help)),
        );
    }
}

fn is_filled(text: &str) -> bool {
    !text.trim().is_empty()
}

/// A contact reaches someone when at least one of its means is filled in.
fn reachable(contact: &Contact) -> bool {
    [&contact.email, &contact.address, &contact.phone]
        .into_iter()
        .any(|means| means.as_deref().is_some_and(is_filled))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    fn pointers(yaml: &str) -> Vec<String> {
        lint_only("DC101", yaml)
            .iter()
            .map(|f| f.location.pointer().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn blank_contact_is_no_contact() {
        let yaml = "kind: organisation\nid: qs\nname: Théâtre\ncontact: { email: \"  \" }\n";
        assert_eq!(pointers(yaml), ["/contact"]);
    }

    #[test]
    fn phone_alone_is_enough() {
        let yaml = "kind: organisation\nid: qs\nname: Théâtre\ncontact: { phone: \"+33 4 00 00 00 00\" }\n";
        assert!(pointers(yaml).is_empty());
    }

    #[test]
    fn missing_name_points_at_id_and_says_so() {
        let yaml = "kind: organisation\nid: qs\ncontact: { email: contact@qs.example }\n";
        let findings = lint_only("DC101", yaml);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/id"));
        assert!(
            findings[0].message.contains("has no name:"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn every_organisation_document_is_checked() {
        let yaml = "kind: organisation\nid: qs\nname: Théâtre\ncontact: { email: a@qs.example }\n---\nkind: organisation\nid: amis\nname: \" \"\n";
        let findings = lint_only("DC101", yaml);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/name"));
        assert!(
            findings[0]
                .message
                .contains("no name and no contact details")
        );
    }
}
