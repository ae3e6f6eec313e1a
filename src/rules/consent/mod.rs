//! DC5xx: legal basis, consent, minimisation (GDPR Art. 5(1)(c), 6, 7, 8; French CPCE L34-5).

pub mod category_beyond_purpose;
pub mod category_collected_but_unused;
pub mod consent_without_record;
pub mod email_prospecting_without_consent;
pub mod legitimate_interest_without_assessment;
pub mod minors_without_parental_consent;

/// Whether an optional free-text answer says nothing (absent, empty or only spaces).
fn is_blank(text: Option<&String>) -> bool {
    text.is_none_or(|text| text.trim().is_empty())
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::finding::Finding;

    /// Lints a one-file workspace with only `code` enabled, today being 2026-06-01.
    pub fn lint_only(code: &str, yaml: &str) -> Vec<Finding> {
        match crate::lint::lint_example(&[code], yaml, jiff::civil::date(2026, 6, 1)) {
            Ok(findings) => findings,
            Err(error) => panic!("built-in packs do not load: {error}"),
        }
    }
}
