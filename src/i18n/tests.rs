use super::*;
use std::collections::BTreeSet;

#[test]
fn catalogues_parse() {
    for locale in Locale::ALL {
        let mut seen = BTreeSet::new();
        for (path, text) in locale.sources() {
            let catalogue = load(path, text).unwrap_or_else(|e| panic!("{path}: {e}"));
            for key in catalogue.keys() {
                assert!(
                    seen.insert(key.clone()),
                    "`{key}` is defined twice ({path})"
                );
            }
        }
        assert!(!catalogue(locale).is_empty(), "{locale} has no message");
    }
}

#[test]
fn every_key_exists_in_every_language() {
    let en: BTreeSet<&String> = catalogue(Locale::En).keys().collect();
    let fr: BTreeSet<&String> = catalogue(Locale::Fr).keys().collect();
    let only_en: Vec<_> = en.difference(&fr).collect();
    let only_fr: Vec<_> = fr.difference(&en).collect();
    assert!(only_en.is_empty(), "missing in French: {only_en:?}");
    assert!(only_fr.is_empty(), "missing in English: {only_fr:?}");
}

#[test]
fn placeholders_match_between_languages() {
    let placeholders = |text: &str| -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let tail = &rest[open + 1..];
            match tail.find('}') {
                Some(close) if !tail.starts_with('{') => {
                    names.insert(tail[..close].to_owned());
                    rest = &tail[close + 1..];
                }
                _ => rest = tail.get(1..).unwrap_or(""),
            }
        }
        names
    };
    for (key, english) in catalogue(Locale::En) {
        if let Some(french) = catalogue(Locale::Fr).get(key) {
            assert_eq!(
                placeholders(english),
                placeholders(french),
                "placeholders of `{key}` differ"
            );
        }
    }
}

#[test]
fn fill_replaces_named_placeholders() {
    let count = 3;
    assert_eq!(
        fill(
            "{n} errors in {files} files",
            &[("n", &count), ("files", &"7")]
        ),
        "3 errors in 7 files"
    );
    assert_eq!(
        fill("keep {{braces}} and {unknown}", &[]),
        "keep {braces} and {unknown}"
    );
    // A missing key gives the generic text, never the key (issue 13).
    assert_eq!(
        crate::t!(Locale::Fr, "no.such.key"),
        "datacharter n'a pas de texte pour ce message (un défaut de cette version : merci de le signaler)"
    );
}

#[test]
fn locale_from_posix_values() {
    assert_eq!(Locale::from_posix("fr_FR.UTF-8"), Some(Locale::Fr));
    assert_eq!(Locale::from_posix("en_GB"), Some(Locale::En));
    assert_eq!(Locale::from_posix("C"), None);
}

#[test]
fn a_missing_key_never_reaches_the_user() {
    let message = format(Locale::Fr, "DC999.message", &[("processing", &"p")]);
    assert_eq!(
        message,
        "la règle DC999 a trouvé un problème ici, mais cette version n'a pas de texte pour le dire : `datacharter rule DC999` explique la règle (merci de signaler le texte manquant)"
    );
    assert_eq!(format(Locale::En, "DC999.missing.label", &[]), "here");
    assert_eq!(
        format(Locale::En, "report.no-such-heading", &[]),
        "datacharter has no text for this message (a defect of this version: please report it)"
    );
    let missing = missing_keys();
    assert!(
        missing.contains(&"fr: DC999.message".to_owned()),
        "{missing:?}"
    );
    assert!(
        missing.contains(&"en: DC999.missing.label".to_owned()),
        "{missing:?}"
    );
}
