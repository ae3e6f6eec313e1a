//! Plain-language wording for the YAML parser's errors: the people who edit these files are
//! data-protection officers and venue staff, not parser authors. The words are in the
//! catalogues, under `DC001.scan.*`.

use crate::i18n::Locale;

/// Rewrites a saphyr scan error in words a non-programmer can act on.
pub(crate) fn friendly_scan_error(info: &str, locale: Locale) -> String {
    let key = if info.contains("mapping values are not allowed") {
        "mapping-values"
    } else if info.contains("did not find expected key") {
        "expected-key"
    } else if info.contains("did not find expected '-' indicator") {
        "expected-item"
    } else if info.contains("tab") {
        "tab"
    } else if info.contains("quoted scalar, found unexpected end of stream")
        || info.contains("unclosed")
    {
        "unclosed-quote"
    } else if info.contains("expected ',' or ']'") {
        "unclosed-list"
    } else if info.contains("expected ',' or '}'") {
        "unclosed-mapping"
    } else if info.contains("cannot start any token") || info.contains("unexpected character") {
        "bad-start"
    } else if info.contains("unknown anchor") {
        "unknown-anchor"
    } else if info.contains("duplicated anchor") {
        "duplicated-anchor"
    } else if info.contains("invalid indentation") {
        "indentation"
    } else if info.contains("unprintable character") {
        "control-character"
    } else if info.contains("recursion limit") {
        "too-deep"
    } else if info.contains("escape") {
        "escape"
    } else if info.contains("illegal placement of ':'") {
        "misplaced-colon"
    } else if info.contains("block sequence entries are not allowed") {
        "item-not-allowed"
    } else if info.contains("did not find expected node content") {
        "missing-value"
    } else {
        return crate::t!(locale, "DC001.scan.other", detail = info);
    };
    crate::t!(locale, &format!("DC001.scan.{key}"))
}

#[cfg(test)]
mod tests {
    use super::friendly_scan_error;
    use crate::i18n::Locale;

    #[test]
    fn known_errors_are_reworded_and_unknown_ones_kept() {
        assert!(
            friendly_scan_error("mapping values are not allowed in this context", Locale::En)
                .contains("check the indentation")
        );
        assert_eq!(
            friendly_scan_error("something new", Locale::En),
            "invalid YAML: something new"
        );
    }

    #[test]
    fn errors_are_reworded_in_french() {
        assert!(
            friendly_scan_error("mapping values are not allowed in this context", Locale::Fr)
                .contains("indentation"),
        );
        assert_eq!(
            friendly_scan_error("something new", Locale::Fr),
            "YAML invalide : something new"
        );
    }
}
