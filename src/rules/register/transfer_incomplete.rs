//! DC105 transfer-incomplete: a transfer lacks its country or its recipient.

use crate::finding::{Finding, Severity};
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC105",
    name: "transfer-incomplete",
    family: Family::Register,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: processing\nid: newsletter\nname: Lettre d'information\npurpose: newsletter\ntransfers:\n  - { recipient: mailpulse, safeguard: scc }\n",
        passing: "kind: processing\nid: newsletter\nname: Lettre d'information\npurpose: newsletter\ntransfers:\n  - { country: US, recipient: mailpulse, safeguard: scc }\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    for processing in &context.inventory.processings {
        for (index, transfer) in processing.item.transfers.iter().enumerate() {
            let (missing, label) = match (&transfer.country, &transfer.recipient) {
                (Some(_), Some(_)) => continue,
                (None, Some(_)) => ("DC105.missing.country", "DC105.label.country"),
                (Some(_), None) => ("DC105.missing.recipient", "DC105.label.recipient"),
                (None, None) => ("DC105.missing.both", "DC105.label.both"),
            };
            // Whatever the transfer does say about where the data goes.
            let to = match (&transfer.recipient, &transfer.country) {
                (Some(recipient), _) => {
                    crate::t!(locale, "DC105.to.recipient", recipient = recipient)
                }
                (None, Some(country)) => crate::t!(locale, "DC105.to.country", country = country),
                (None, None) => String::new(),
            };
            // Art. 30(1)(e) requires the third country; the recipient is good practice
            // (30(1)(d) asks for categories of recipients only): a warning.
            let (message, severity) = if transfer.country.is_some() {
                ("DC105.message-recipient", Severity::Warning)
            } else {
                ("DC105.message", Severity::Error)
            };
            let mut finding = RULE
                .finding(
                    processing.at(format!("/transfers/{index}")),
                    crate::t!(
                        locale,
                        message,
                        to = to,
                        processing = processing.item.id,
                        missing = crate::t!(locale, missing)
                    ),
                )
                .with_label(crate::t!(locale, label))
                .with_help(crate::t!(locale, "DC105.help"));
            finding.severity = severity;
            findings.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    const HEAD: &str = "kind: processing\nid: p\nname: Traitement\n";

    #[test]
    fn each_incomplete_transfer_is_pointed_at() {
        let yaml = format!(
            "{HEAD}transfers:\n  - {{ country: US, recipient: mailpulse }}\n  - {{ country: GB }}\n  - {{ safeguard: scc }}\n"
        );
        let findings = lint_only("DC105", &yaml);
        let pointers: Vec<_> = findings
            .iter()
            .filter_map(|f| f.location.pointer())
            .collect();
        assert_eq!(pointers, ["/transfers/1", "/transfers/2"]);
        assert!(
            findings[0].message.contains("to GB")
                && findings[0]
                    .message
                    .contains("no recipient: name who receives")
        );
        assert!(findings[1].message.contains("no country and recipient"));
        // The country is required by Art. 30(1)(e); the recipient is good practice.
        assert_eq!(findings[0].severity, crate::finding::Severity::Warning);
        assert_eq!(findings[1].severity, crate::finding::Severity::Error);
    }

    #[test]
    fn no_transfers_is_fine() {
        assert!(lint_only("DC105", &format!("{HEAD}transfers: []\n")).is_empty());
    }
}
