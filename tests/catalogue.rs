//! The rule codes are a public contract: the registry matches the catalogue of the design
//! (`../shared/design/rules.md`) code for code, with the same names and default severities.

use datacharter::finding::Severity;
use datacharter::rules::REGISTRY;
use std::path::Path;

/// `(code, name, severities)` of every row of the catalogue's tables (`E/W` rules allow both).
fn catalogue() -> Option<Vec<(String, String, Vec<Severity>)>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/design/rules.md");
    let text = std::fs::read_to_string(path).ok()?;
    let rows = text
        .lines()
        .filter(|line| line.starts_with("| DC"))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let severities = cells[4]
                .split('/')
                .filter_map(|letter| match letter {
                    "E" => Some(Severity::Error),
                    "W" => Some(Severity::Warning),
                    "I" => Some(Severity::Info),
                    _ => None,
                })
                .collect();
            (cells[1].to_owned(), cells[2].to_owned(), severities)
        })
        .collect();
    Some(rows)
}

#[test]
fn registry_matches_the_design_catalogue() {
    let Some(catalogue) = catalogue() else {
        eprintln!("SKIPPED: ../shared/design/rules.md is not beside the project");
        return;
    };
    assert_eq!(catalogue.len(), 63, "the catalogue has 63 rules");
    let codes: Vec<&str> = REGISTRY.iter().map(|rule| rule.code).collect();
    let expected: Vec<&str> = catalogue.iter().map(|(code, _, _)| code.as_str()).collect();
    assert_eq!(
        codes, expected,
        "every catalogued code, in order, and no other"
    );
    for (rule, (code, name, severities)) in REGISTRY.iter().zip(&catalogue) {
        assert_eq!(rule.name, name, "{code}: name");
        assert!(
            severities.contains(&rule.severity),
            "{code}: default severity {} not in the catalogue's {severities:?}",
            rule.severity
        );
    }
}
