//! Docs as tests: every rule's documented failing example fires exactly that rule, its passing
//! example does not, no rule lacks a documentation section or a message in either language, and
//! each rule is declared where its name and code say (`<family>/<rule_name>.rs`, examples beside).

use datacharter::finding::Finding;
use datacharter::i18n::{Locale, catalogue};
use datacharter::lint::{lint_example, lint_example_in};
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

/// `declare_rule!` states a rule's code and name once; the family comes from the module. This
/// keeps the three in agreement with where the rule lives: the file is the name in snake case,
/// its directory the family, and the hundreds digit of the code the family's.
#[test]
fn each_rule_lives_where_its_name_and_code_say() {
    for rule in REGISTRY {
        let path = std::path::Path::new(rule.source);
        let stem = path.file_stem().and_then(|stem| stem.to_str());
        assert_eq!(
            stem,
            Some(rule.name.replace('-', "_").as_str()),
            "{}: declared in {}, not in a file named after `{}`",
            rule.code,
            rule.source,
            rule.name
        );
        let directory = path
            .parent()
            .and_then(|parent| parent.file_name())
            .and_then(|name| name.to_str());
        assert_eq!(
            directory,
            Some(rule.family.slug()),
            "{}: family directory",
            rule.code
        );
        let digit = rule.code.chars().nth(2).and_then(|c| c.to_digit(10));
        assert_eq!(
            digit,
            Some(rule.family as u32),
            "{}: the hundreds digit of the code is not family {}'s",
            rule.code,
            rule.family.slug()
        );
    }
}

/// Every catalogue key a rule looks up while linting its examples exists in both languages:
/// a missing one would show the user a generic text instead of the rule's message.
#[test]
fn every_message_of_every_example_is_in_both_catalogues() {
    let today = jiff::civil::date(2026, 6, 1);
    for rule in REGISTRY {
        for locale in Locale::ALL {
            for example in [rule.docs.failing, rule.docs.passing] {
                let findings =
                    lint_example_in(&[rule.code], example, today, locale).expect("packs load");
                for finding in &findings {
                    let texts = [&finding.message, &finding.label]
                        .into_iter()
                        .chain(finding.help.iter())
                        .chain(finding.labels.iter().map(|label| &label.message));
                    for text in texts {
                        assert!(
                            !text.contains(&format!("{}.", rule.code)),
                            "{} in {locale}: a bare key in `{text}`",
                            rule.code
                        );
                    }
                }
            }
        }
    }
    let missing = datacharter::i18n::missing_keys();
    assert!(
        missing.is_empty(),
        "keys missing from a catalogue: {missing:?}"
    );
}

/// A rule file or an example file the registry does not know is a rule that never runs: every
/// `declare_rule!` under `src/rules/` is in the registry, and every example file is one of a
/// registered rule.
#[test]
fn every_declared_rule_and_example_is_registered() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources: std::collections::BTreeSet<String> = REGISTRY
        .iter()
        .map(|rule| rule.source.replace('\\', "/"))
        .collect();
    let examples: std::collections::BTreeSet<String> = REGISTRY
        .iter()
        .flat_map(|rule| {
            let family = rule.family.slug();
            ["fail", "pass"]
                .map(|kind| format!("src/rules/{family}/examples/{}-{kind}.yaml", rule.code))
        })
        .collect();
    let mut problems = Vec::new();
    let families = std::fs::read_dir(root.join("src/rules")).expect("src/rules is readable");
    for family in families.flatten().filter(|entry| entry.path().is_dir()) {
        let family_name = family.file_name().to_string_lossy().into_owned();
        for entry in std::fs::read_dir(family.path())
            .expect("a family is readable")
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = format!("src/rules/{family_name}/{name}");
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            if name.ends_with(".rs")
                && text.contains("declare_rule! {")
                && !sources.contains(&relative)
            {
                problems.push(format!(
                    "{relative} declares a rule the registry does not list"
                ));
            }
        }
        let Ok(files) = std::fs::read_dir(family.path().join("examples")) else {
            continue;
        };
        for entry in files.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = format!("src/rules/{family_name}/examples/{name}");
            if !examples.contains(&relative) {
                problems.push(format!("{relative} is the example of no registered rule"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
