use crate::finding::Finding;
use crate::lint::{Options, lint_inputs};
use crate::rules::Selection;

/// Lints one file with DC004 (duplicate ids) on; returns the remaining findings and the
/// number suppressed.
fn run_with(yaml: &str, configure: impl FnOnce(&mut Options)) -> (Vec<Finding>, usize) {
    let mut options = Options::new(Selection::only(&["DC004"]), jiff::civil::date(2026, 6, 1));
    configure(&mut options);
    let inputs = vec![("f.yaml".to_owned(), Ok(yaml.as_bytes().to_vec()))];
    let outcome = lint_inputs(inputs, "datacharter.yaml", &options).expect("packs load");
    (outcome.findings, outcome.suppressed)
}

fn run(yaml: &str) -> (Vec<Finding>, usize) {
    run_with(yaml, |_| {})
}

fn codes(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

const FIRST: &str = "kind: party\nid: billetel\nname: A\n---\n";

#[test]
fn trailing_comment_on_the_node_line_suppresses() {
    let yaml = format!(
        "{FIRST}kind: party\nid: billetel # datacharter: ignore[DC004] same vendor, two contracts\nname: B\n"
    );
    let (findings, suppressed) = run(&yaml);
    assert!(findings.is_empty(), "{findings:#?}");
    assert_eq!(suppressed, 1);
}

#[test]
fn comment_on_the_line_above_suppresses() {
    let yaml = format!(
        "{FIRST}kind: party\n# datacharter: ignore[DC004] same vendor, two contracts\n\nid: billetel\nname: B\n"
    );
    let (findings, suppressed) = run(&yaml);
    assert!(findings.is_empty(), "{findings:#?}");
    assert_eq!(suppressed, 1);
}

#[test]
fn comment_on_an_enclosing_node_covers_nodes_inside_it() {
    let yaml = "kind: organisation\nid: o\nname: O\npeople: # datacharter: ignore[DC004] two homonyms, fixed next week\n  - { id: amartin, name: A }\n  - { id: amartin, name: B }\n";
    let (findings, suppressed) = run(yaml);
    assert!(findings.is_empty(), "{findings:#?}");
    assert_eq!(suppressed, 1);
}

#[test]
fn comment_elsewhere_does_not_suppress_and_is_reported_unused() {
    let yaml = format!(
        "{FIRST}kind: party # datacharter: ignore[DC004] wrong line\nid: billetel\nname: B\n"
    );
    let (findings, suppressed) = run(&yaml);
    assert_eq!(codes(&findings), ["DC004", "DC007"]);
    assert_eq!(suppressed, 0);
}

#[test]
fn file_wide_suppression() {
    let yaml = format!(
        "# datacharter: ignore-file[DC004] legacy import, cleaned in 2027\n{FIRST}kind: party\nid: billetel\nname: B\n"
    );
    let (findings, suppressed) = run(&yaml);
    assert!(findings.is_empty(), "{findings:#?}");
    assert_eq!(suppressed, 1);
}

#[test]
fn hash_inside_block_or_quoted_scalars_is_text() {
    let yaml = format!(
        "{FIRST}kind: party\nid: billetel\nname: \"B # datacharter: ignore[DC004] not a comment\"\ndescription: |\n  # datacharter: ignore-file[DC004] not a comment either\n  text\n"
    );
    let (findings, suppressed) = run(&yaml);
    assert_eq!(codes(&findings), ["DC004"]);
    assert_eq!(suppressed, 0);
}

#[test]
fn unknown_code_and_malformed_comments_are_dc008() {
    let yaml = "kind: party # datacharter: ignore[DC999] typo\nid: a # datacharter: ignor[DC004]\nname: A\n";
    let (findings, _) = run(yaml);
    assert_eq!(codes(&findings), ["DC008", "DC008"]);
}

#[test]
fn missing_reason_when_required_is_dc008_and_does_not_suppress() {
    let yaml = format!("{FIRST}kind: party\nid: billetel # datacharter: ignore[DC004]\nname: B\n");
    let (findings, suppressed) = run_with(&yaml, |o| o.suppress.require_reason = true);
    assert_eq!(codes(&findings), ["DC004", "DC008"]);
    assert_eq!(suppressed, 0);
    let (findings, suppressed) = run(&yaml);
    assert!(findings.is_empty());
    assert_eq!(suppressed, 1);
}

#[test]
fn no_ignores_disregards_comments() {
    let yaml =
        format!("{FIRST}kind: party\nid: billetel # datacharter: ignore[DC004] reason\nname: B\n");
    let (findings, suppressed) = run_with(&yaml, |o| o.suppress.disregard_comments = true);
    assert_eq!(codes(&findings), ["DC004"]);
    assert_eq!(suppressed, 0);
}

#[test]
fn per_file_ignores_drop_findings_by_glob() {
    let yaml = format!("{FIRST}kind: party\nid: billetel\nname: B\n");
    let selectors = vec![crate::rules::Selector::parse("DC00", &["DC004"]).expect("selector")];
    let (findings, suppressed) = run_with(&yaml, |o| {
        o.suppress.per_file_ignores =
            vec![(glob::Pattern::new("*.yaml").expect("glob"), selectors)];
    });
    assert!(findings.is_empty());
    assert_eq!(
        suppressed, 0,
        "settings ignores are not counted as suppressions"
    );
}

#[test]
fn severity_override() {
    let yaml = format!("{FIRST}kind: party\nid: billetel\nname: B\n");
    let (findings, _) = run_with(&yaml, |o| {
        o.severity
            .insert("DC004".into(), crate::finding::Severity::Warning);
    });
    assert_eq!(findings[0].severity, crate::finding::Severity::Warning);
}
