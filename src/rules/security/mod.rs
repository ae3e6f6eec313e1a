//! DC7xx: security, breach, DPIA.

pub mod breach_procedure_missing;
pub mod dpia_missing;
pub mod weak_protection_of_risky_data;

/// Lints a YAML workspace with only `code` enabled, today being 2026-06-01.
#[cfg(test)]
pub(crate) fn lint_only(code: &str, yaml: &str) -> Vec<crate::finding::Finding> {
    let options = crate::lint::Options {
        selection: crate::rules::Selection::only(&[code]),
        limits: crate::syntax::Limits::default(),
        today: jiff::civil::date(2026, 6, 1),
        threads: None,
    };
    let inputs = vec![("example.yaml".to_owned(), Ok(yaml.as_bytes().to_vec()))];
    match crate::lint::lint_inputs(inputs, "datacharter.yaml", &options) {
        Ok(outcome) => outcome.findings,
        Err(error) => panic!("built-in packs do not load: {error}"),
    }
}
