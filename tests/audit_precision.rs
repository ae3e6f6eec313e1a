//! Precision on the labelled synthetic corpus (`tests/fixtures/audit-corpus`): the checksum
//! tests (NIR, IBAN, Luhn) never take a non-identifier for one; the free-text vocabulary (DA201)
//! is right at least 90 % of the time; a shared name alone never makes a duplicate.

use datacharter::audit::{values, vocabulary};

fn corpus(name: &str) -> Vec<Vec<String>> {
    let path = format!(
        "{}/tests/fixtures/audit-corpus/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// (true positives, false positives, false negatives) of a test against a label.
fn score(rows: &[Vec<String>], label: &str, test: fn(&str) -> bool) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    for row in rows {
        match (test(&row[1]), row[0] == label) {
            (true, true) => counts.0 += 1,
            (true, false) => counts.1 += 1,
            (false, true) => counts.2 += 1,
            (false, false) => {}
        }
    }
    counts
}

#[test]
fn checksum_tests_have_full_precision() {
    let rows = corpus("identifiers.csv");
    assert!(rows.len() > 500);
    for (label, test) in [
        ("nir", values::is_nir as fn(&str) -> bool),
        ("iban", values::is_iban),
        ("card", values::is_card_number),
    ] {
        let (tp, fp, fn_) = score(&rows, label, test);
        eprintln!("{label}: {tp} found, {fp} false positives, {fn_} missed");
        assert_eq!(fp, 0, "{label}: a value of another kind is taken for one");
        assert_eq!(fn_, 0, "{label}: a labelled value is missed");
    }
}

#[test]
fn free_text_vocabulary_precision_is_at_least_ninety_percent() {
    let rows = corpus("free-text.csv");
    let vocabulary = vocabulary::builtin().expect("the built-in vocabulary loads");
    let (mut tp, mut fp, mut missed) = (0, 0, 0);
    for row in &rows {
        let found = vocabulary.categories_in(&row[2]);
        match (found.is_empty(), row[0] == "sensitive") {
            (false, true) => {
                tp += 1;
                assert!(
                    found.contains(&row[1].as_str()),
                    "{}: found {found:?}, expected {}",
                    row[2],
                    row[1]
                );
            }
            (false, false) => {
                eprintln!("false positive: {} -> {found:?}", row[2]);
                fp += 1;
            }
            (true, true) => {
                eprintln!("missed: {}", row[2]);
                missed += 1;
            }
            (true, false) => {}
        }
    }
    let precision = tp as f64 / (tp + fp) as f64;
    eprintln!(
        "DA201 vocabulary: precision {precision:.3}, {tp} found, {fp} false, {missed} missed"
    );
    assert!(precision >= 0.9, "precision {precision}");
    assert!(tp >= 25, "recall too low: {tp} found, {missed} missed");
}

#[test]
fn common_names_alone_are_never_duplicates() {
    use datacharter::audit::{self, AuditOptions};
    use datacharter::lint::{Options, lint_inputs};
    use datacharter::rules::Selection;
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("E-mail;nom;code_postal;telephone\n");
    let names = [
        "Marie Martin",
        "Jean Dupont",
        "Nathalie Bernard",
        "Pierre Petit",
        "Sophie Durand",
    ];
    for i in 0..200 {
        // Same five names over and over; every email, phone and postal code differs.
        csv.push_str(&format!(
            "p{i}@example.org;{};{:05};06 {:02} {:02} 00 00\n",
            names[i % 5],
            10_000 + i,
            10 + i / 100,
            i % 100
        ));
    }
    std::fs::write(dir.path().join("contacts.csv"), csv).unwrap();
    let workspace = "kind: source\nid: contacts\nname: C\ntype: spreadsheet\nexport: { path: contacts.csv }\nfields:\n  - { name: email, category: identity.email, column: E-mail }\n  - { name: nom, category: identity.name }\n  - { name: code_postal, category: identity.postal-address }\n  - { name: telephone, category: identity.phone }\n";
    let today = jiff::civil::date(2026, 6, 1);
    let options = Options::new(Selection::default(), today);
    let outcome = lint_inputs(
        vec![("w.yaml".to_owned(), Ok(workspace.as_bytes().to_vec()))],
        "datacharter.yaml",
        &options,
    )
    .unwrap();
    let audit_options = AuditOptions {
        today,
        locale: datacharter::i18n::Locale::En,
        show_rows: false,
        min_count: 3,
        exports: Vec::new(),
        sources: Vec::new(),
        limits: audit::read::Limits::default(),
        link: None,
        hasher: std::collections::hash_map::RandomState::new(),
    };
    let context = audit::audit(
        dir.path(),
        &outcome.inventory,
        &outcome.policy,
        &audit_options,
    )
    .unwrap();
    let source = &context.sources[0];
    assert_eq!(
        (source.certain_duplicates, source.possible_duplicates),
        (0, 0)
    );
    let findings = audit::rules::run(&context, &Selection::default());
    assert!(!findings.iter().any(|f| f.code == "DA403"), "{findings:#?}");
}
