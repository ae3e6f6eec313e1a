//! DC1xx: register completeness. Each rule checks one heading of the record of processing
//! activities that GDPR Art. 30(1) requires.

pub mod controller_contact_missing;
pub mod legal_basis_missing;
pub mod purpose_missing_or_vague;
pub mod recipients_undeclared;
pub mod retention_missing;
pub mod security_measures_missing;
pub mod subjects_or_categories_missing;
pub mod transfer_incomplete;

/// Lints a YAML workspace (documents separated by `---`) with only `code` selected, on
/// 2026-06-01 as `tests/rule_docs.rs` does: the unit tests of this family share it.
#[cfg(test)]
pub(crate) fn lint_only(code: &str, yaml: &str) -> Vec<crate::finding::Finding> {
    match crate::lint::lint_example(&[code], yaml, jiff::civil::date(2026, 6, 1)) {
        Ok(findings) => findings,
        Err(error) => panic!("built-in packs do not load: {error}"),
    }
}
