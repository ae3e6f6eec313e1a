//! Docs as tests: every rule's documented failing example fires exactly that rule, its passing
//! example does not, and no rule lacks a documentation section.

use datacharter::finding::Finding;
use datacharter::i18n::{Locale, catalogue};
use datacharter::lint::lint_example;
use datacharter::rules::{REGISTRY, Rule, Section};

fn run(rule: &Rule, example: &str) -> Vec<Finding> {
    let today = jiff::civil::date(2026, 6, 1);
    lint_example(&[rule.code], example, today).expect("built-in packs load")
}

/// Rules whose examples are not workspaces: DC009's are baseline files, and its examples are
/// run end to end, against a workspace, in tests/baseline.rs.
const NOT_WORKSPACE_EXAMPLES: &[&str] = &["DC009"];

#[test]
fn failing_examples_fire_exactly_their_rule() {
    for rule in REGISTRY
        .iter()
        .filter(|rule| !NOT_WORKSPACE_EXAMPLES.contains(&rule.code))
    {
        let findings = run(rule, rule.docs.failing);
        assert!(
            findings.iter().any(|f| f.code == rule.code),
            "{}: the failing example does not fire it; findings: {findings:#?}",
            rule.code
        );
        let others: Vec<&Finding> = findings.iter().filter(|f| f.code != rule.code).collect();
        assert!(
            others.is_empty(),
            "{}: the failing example fires other codes too: {others:#?}",
            rule.code
        );
    }
}

#[test]
fn passing_examples_are_clean() {
    for rule in REGISTRY
        .iter()
        .filter(|rule| !NOT_WORKSPACE_EXAMPLES.contains(&rule.code))
    {
        // Only this rule runs, so any finding is this rule's or a syntax/schema problem.
        let findings = run(rule, rule.docs.passing);
        assert!(
            findings.is_empty(),
            "{}: the passing example is not clean: {findings:#?}",
            rule.code
        );
    }
}

#[test]
fn every_rule_is_fully_documented() {
    for rule in REGISTRY {
        for locale in Locale::ALL {
            for section in Section::ALL {
                let text = rule.text(section, locale);
                let key = format!("{}.{}", rule.code, section.key());
                assert!(
                    catalogue(locale).contains_key(&key) && !text.trim().is_empty(),
                    "{} lacks its `{}` section in {locale}",
                    rule.code,
                    section.key()
                );
            }
        }
        for (section, text) in [
            ("failing", rule.docs.failing),
            ("passing", rule.docs.passing),
        ] {
            assert!(
                !text.trim().is_empty(),
                "{} lacks its `{section}` example",
                rule.code
            );
        }
        assert!(
            rule.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'),
            "{} name `{}` is not kebab-case",
            rule.code,
            rule.name
        );
    }
}

#[test]
fn codes_are_unique_and_sorted() {
    let codes: Vec<&str> = REGISTRY.iter().map(|rule| rule.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        codes, sorted,
        "the registry must list each code once, in order"
    );
}
