//! DC702 breach-procedure-missing: no breach procedure, or one that notifies too late.

use crate::finding::{Finding, Location, Severity};
use crate::i18n::Locale;
use crate::model::Duration;
use crate::rules::{Context, Docs, Family, Rule};
use crate::t;

pub static RULE: Rule = Rule {
    code: "DC702",
    name: "breach-procedure-missing",
    family: Family::Security,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: charter\ndata_referent: cleroy\nbreach:\n  notify_authority_within: 5d\n  register: \"Nextcloud / Administration / RGPD / Registre des violations.xlsx\"\n  contact: bdurand\n",
        passing: "kind: charter\ndata_referent: cleroy\nbreach:\n  notify_authority_within: 72h\n  register: \"Nextcloud / Administration / RGPD / Registre des violations.xlsx\"\n  contact: bdurand\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let (inventory, locale) = (context.inventory, context.locale);
    // The Art. 33(1) deadline, from the `governance` pack; without one only the procedure's
    // presence is checked.
    let legal = context
        .policy
        .governance
        .breach_notification_max
        .as_ref()
        .map(|max| max.duration);
    let within = legal
        .map(|deadline| {
            t!(
                locale,
                "DC702.within",
                deadline = in_words(deadline, locale)
            )
        })
        .unwrap_or_default();
    let written = legal.map_or_else(|| "…".to_owned(), as_written);
    if inventory.charters.is_empty() {
        let location = match inventory.organisation() {
            Some(organisation) => organisation.at("/id"),
            None => Location::whole_file(context.settings_file),
        };
        findings.push(
            RULE.finding(
                location,
                t!(locale, "DC702.no-charter.message", within = within),
            )
            .with_label(t!(locale, "DC702.no-charter.label"))
            .with_help(t!(locale, "DC702.no-charter.help", written = written)),
        );
        return;
    }
    for charter in &inventory.charters {
        let anchor = if charter.item.id.is_some() {
            "/id"
        } else {
            "/kind"
        };
        let Some(breach) = &charter.item.breach else {
            findings.push(
                RULE.finding(
                    charter.at(anchor),
                    t!(locale, "DC702.no-breach.message", within = within),
                )
                .with_label(t!(locale, "DC702.no-breach.label"))
                .with_help(t!(locale, "DC702.no-breach.help", written = written)),
            );
            continue;
        };
        if let Some(deadline) = breach.notify_authority_within
            && let Some(legal) = legal
            && deadline > legal
        {
            let allowed = in_words(legal, locale);
            findings.push(
                RULE.finding(
                    charter.at("/breach/notify_authority_within"),
                    t!(
                        locale,
                        "DC702.too-late.message",
                        deadline = deadline,
                        allowed = allowed
                    ),
                )
                .with_label(t!(locale, "DC702.too-late.label", allowed = allowed))
                .with_help(t!(locale, "DC702.too-late.help", written = written)),
            );
        }
        let mut missing = Vec::new();
        if breach.notify_authority_within.is_none() {
            missing.push(t!(locale, "DC702.missing.deadline"));
        }
        if breach
            .register
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
        {
            missing.push(t!(locale, "DC702.missing.register"));
        }
        if breach.contact.is_none() {
            missing.push(t!(locale, "DC702.missing.contact"));
        }
        if !missing.is_empty() {
            findings.push(
                RULE.finding(
                    charter.at("/breach"),
                    t!(
                        locale,
                        "DC702.incomplete.message",
                        missing = missing.join(&t!(locale, "DC702.incomplete.separator"))
                    ),
                )
                .with_label(t!(locale, "DC702.incomplete.label"))
                .with_help(t!(locale, "DC702.incomplete.help", written = written)),
            );
        }
    }
}

/// The deadline as the law words it: "72 hours" (Art. 33(1) counts in hours, where the
/// canonical short form would say `3d`).
fn in_words(deadline: Duration, locale: Locale) -> String {
    match deadline {
        Duration::Finite {
            months: 0,
            hours: 1,
        } => t!(locale, "DC702.hours.one", count = 1),
        Duration::Finite { months: 0, hours } => t!(locale, "DC702.hours.other", count = hours),
        other => format!("`{other}`"),
    }
}

/// The deadline as a charter would write it: `72h`.
fn as_written(deadline: Duration) -> String {
    match deadline {
        Duration::Finite { months: 0, hours } => format!("{hours}h"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    #[test]
    fn no_charter_is_reported_on_the_organisation() {
        let findings = lint_only("DC702", "kind: organisation\nid: o\nname: O\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/id"));
    }

    #[test]
    fn charter_without_breach_and_incomplete_breach() {
        let findings = lint_only("DC702", "kind: charter\ndata_referent: cleroy\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/kind"));
        let findings = lint_only("DC702", "kind: charter\nbreach: { register: \" \" }\n");
        assert_eq!(findings.len(), 1);
        let message = &findings[0].message;
        assert!(
            message.contains("notify_authority_within")
                && message.contains("register")
                && message.contains("contact"),
            "{message}"
        );
    }

    #[test]
    fn deadline_of_exactly_72_hours_in_any_unit_passes() {
        for ok in ["72h", "3d", "PT72H", "48h"] {
            let yaml = format!(
                "kind: charter\nbreach: {{ notify_authority_within: {ok}, register: r, contact: c }}\n"
            );
            assert!(lint_only("DC702", &yaml).is_empty(), "{ok}");
        }
        let late =
            "kind: charter\nbreach: { notify_authority_within: 73h, register: r, contact: c }\n";
        let findings = lint_only("DC702", late);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].location.pointer(),
            Some("/breach/notify_authority_within")
        );
    }

    #[test]
    fn the_deadline_is_the_packs() {
        let charter =
            "kind: charter\nbreach: { notify_authority_within: 72h, register: r, contact: c }\n";
        let house = "---\nkind: policy\nid: house\ngovernance: { breach_notification_max: { duration: 48h } }\n";
        let findings = lint_only("DC702", &format!("{charter}{house}"));
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0]
                .message
                .contains("where feasible, within 48 hours"),
            "{}",
            findings[0].message
        );
    }
}
