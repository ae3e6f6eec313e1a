//! DC6xx: processors and transfers (GDPR Art. 26, 28, 30(1)(e), 44–49).
//!
//! Which countries are in the EEA and which adequacy decisions are in force come from the
//! `transfers` policy pack; "today" is the context's date, so that a decision's start or sunset
//! can be tested.

pub mod dpa_expired;
pub mod joint_controller_without_arrangement;
pub mod processor_without_dpa;
pub mod systematic_derogation;
pub mod transfer_without_safeguard;
pub mod us_transfer_not_certified;
pub mod vendor_abroad_without_transfer;

use crate::model::{AdequacyDecision, Party};
use crate::policy::PolicyTables;
use jiff::civil::Date;

/// Whether the country is a member of the European Economic Area.
fn in_eea(policy: &PolicyTables, country: &str) -> bool {
    policy.transfers.eea.iter().any(|c| c.as_str() == country)
}

/// The adequacy decisions for this country that are in force today: adopted, and not past
/// their sunset.
fn decisions_in_force<'p>(
    policy: &'p PolicyTables,
    country: &str,
    today: Date,
) -> impl Iterator<Item = &'p AdequacyDecision> {
    policy.transfers.adequacy.iter().filter(move |decision| {
        decision.country.as_str() == country
            && decision.date.is_none_or(|date| date.civil() <= today)
            && decision.sunset.is_none_or(|sunset| today <= sunset.civil())
    })
}

/// Whether a decision in force covers a transfer to this recipient: one that covers the whole
/// country, or one limited to certified organisations when the recipient is certified.
fn adequacy_covers(
    policy: &PolicyTables,
    country: &str,
    recipient: Option<&Party>,
    today: Date,
) -> bool {
    decisions_in_force(policy, country, today).any(|decision| {
        !decision.requires_certification || recipient.is_some_and(|party| party.dpf_certified)
    })
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::finding::Finding;

    /// Lints a one-file workspace with only `code` enabled, today being 2026-06-01.
    pub fn lint_only(code: &str, yaml: &str) -> Vec<Finding> {
        lint_on(code, yaml, jiff::civil::date(2026, 6, 1))
    }

    /// The same on another day.
    pub fn lint_on(code: &str, yaml: &str, today: jiff::civil::Date) -> Vec<Finding> {
        match crate::lint::lint_example(&[code], yaml, today) {
            Ok(findings) => findings,
            Err(error) => panic!("built-in packs do not load: {error}"),
        }
    }
}
