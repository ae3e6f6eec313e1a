//! Custom declarative rules: selection, evaluation, and invalid declarations.

use datacharter::finding::{Finding, Severity};
use datacharter::lint::{Options, lint_inputs};
use datacharter::rules::{Selection, Selector};

const RULES: &str = r#"kind: policy
id: house-rules
rules:
  - code: X001
    name: newsletter-double-opt-in
    severity: error
    message: "Newsletter `{id}` must use double opt-in (found: {value})"
    given: { kind: processing, where: { purpose: newsletter } }
    then: { path: /consent/mechanism, schema: { const: double-opt-in } }
  - code: X002
    name: spreadsheet-location
    severity: warning
    message: "Spreadsheet `{id}` does not say where it is stored"
    given: { kind: source, where: { type: spreadsheet } }
    then: { path: /location, present: true }
"#;

const DOCUMENTS: &str = r#"kind: organisation
id: salle
name: Salle des fêtes
---
kind: processing
id: newsletter
name: Lettre d'information
purpose: newsletter
consent: { mechanism: single-opt-in }
---
kind: processing
id: newsletter-jeune-public
name: Lettre jeune public
purpose: newsletter
consent: { mechanism: double-opt-in }
---
kind: processing
id: ticket-sales
name: Billetterie
purpose: ticketing
---
kind: source
id: invitations
name: Invitations
type: spreadsheet
---
kind: source
id: presse
name: Fichier presse
type: spreadsheet
location: "Nextcloud / Presse / contacts.xlsx"
"#;

fn lint(policy: &str, documents: &str, selection: Selection) -> Vec<Finding> {
    let options = Options::new(selection, jiff::civil::date(2026, 6, 1));
    let inputs = vec![
        (
            "policies/house-rules.yaml".to_owned(),
            Ok(policy.as_bytes().to_vec()),
        ),
        (
            "register.yaml".to_owned(),
            Ok(documents.as_bytes().to_vec()),
        ),
    ];
    lint_inputs(inputs, "datacharter.yaml", &options)
        .expect("packs load")
        .findings
}

fn only_x() -> Selection {
    Selection::new(
        vec![Selector::parse("X", &["X001", "X002"]).expect("selector")],
        vec![],
        vec![],
    )
}

#[test]
fn custom_rules_fire_where_their_condition_fails() {
    let findings = lint(RULES, DOCUMENTS, only_x());
    let custom: Vec<(&str, Option<&str>, Severity)> = findings
        .iter()
        .map(|f| (f.code.as_str(), f.location.pointer(), f.severity))
        .collect();
    assert_eq!(
        custom,
        [
            ("X001", Some("/consent/mechanism"), Severity::Error),
            ("X002", Some("/location"), Severity::Warning),
        ]
    );
    assert_eq!(
        findings[0].message,
        "Newsletter `newsletter` must use double opt-in (found: single-opt-in)"
    );
    assert_eq!(
        findings[1].message,
        "Spreadsheet `invitations` does not say where it is stored"
    );
    assert_eq!(findings[0].location.file, "register.yaml");
}

#[test]
fn custom_rules_follow_the_selection() {
    let ignore_x1 = Selection::new(
        vec![Selector::parse("X", &["X001"]).expect("selector")],
        vec![],
        vec![Selector::parse("X001", &["X001"]).expect("selector")],
    );
    let codes: Vec<String> = lint(RULES, DOCUMENTS, ignore_x1)
        .into_iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(codes, ["X002"]);
}

#[test]
fn absent_shorthand() {
    let policy = RULES.replace(
        "then: { path: /location, present: true }",
        "then: { path: /location, absent: true }",
    );
    let findings = lint(&policy, DOCUMENTS, only_x());
    let x2: Vec<&Finding> = findings.iter().filter(|f| f.code == "X002").collect();
    assert_eq!(x2.len(), 1);
    assert!(x2[0].message.contains("presse"));
}

#[test]
fn invalid_custom_rules_are_reported_in_the_policy_file() {
    let policy = r#"kind: policy
id: house-rules
rules:
  - code: X001
    name: bad-schema
    severity: error
    message: "m"
    given: { kind: processing }
    then: { path: /purpose, schema: { type: not-a-type } }
  - code: X002
    name: bad-pointer
    severity: error
    message: "m"
    given: { kind: processing }
    then: { path: "/a~2b", present: true }
  - code: X002
    name: clash
    severity: error
    message: "m"
    given: { kind: processing }
    then: { path: /purpose, present: true }
  - code: X003
    name: two-tests
    severity: error
    message: "m"
    given: { kind: processing }
    then: { path: /purpose, present: true, absent: true }
"#;
    let findings = lint(policy, DOCUMENTS, only_x());
    let found: Vec<(&str, &str, Option<&str>)> = findings
        .iter()
        .map(|f| {
            (
                f.code.as_str(),
                f.location.file.as_str(),
                f.location.pointer(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "DC002",
                "policies/house-rules.yaml",
                Some("/rules/0/then/schema")
            ),
            (
                "DC002",
                "policies/house-rules.yaml",
                Some("/rules/1/then/path")
            ),
            ("DC004", "policies/house-rules.yaml", Some("/rules/2/code")),
            ("DC002", "policies/house-rules.yaml", Some("/rules/3/then")),
        ]
    );
}

#[test]
fn custom_findings_can_be_suppressed_inline() {
    let documents = DOCUMENTS.replace(
        "consent: { mechanism: single-opt-in }",
        "consent: { mechanism: single-opt-in } # datacharter: ignore[X001] legacy list, migrated in March",
    );
    let codes: Vec<String> = lint(RULES, &documents, only_x())
        .into_iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(codes, ["X002"]);
}
