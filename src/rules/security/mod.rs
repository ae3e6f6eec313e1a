//! DC7xx: security, breach, DPIA.

pub mod breach_procedure_missing;
pub mod dpia_missing;
pub mod weak_protection_of_risky_data;

/// Lints a YAML workspace with only `code` enabled, today being 2026-06-01 (the unit tests of
/// the DC7xx–DC9xx families share it).
#[cfg(test)]
pub(crate) fn lint_only(code: &str, yaml: &str) -> Vec<crate::finding::Finding> {
    match crate::lint::lint_example(&[code], yaml, jiff::civil::date(2026, 6, 1)) {
        Ok(findings) => findings,
        Err(error) => panic!("built-in packs do not load: {error}"),
    }
}
