//! Plain-language wording for the YAML parser's errors: the people who edit these files are
//! data-protection officers and venue staff, not parser authors.

/// Rewrites a saphyr scan error in words a non-programmer can act on.
pub(crate) fn friendly_scan_error(info: &str) -> String {
    let explained = if info.contains("mapping values are not allowed") {
        "unexpected `:` — a `key: value` pair is not allowed here; check the indentation, or put the value in quotes if it contains `: `"
    } else if info.contains("did not find expected key") {
        "the indentation is inconsistent here: a `key:` was expected at this level"
    } else if info.contains("did not find expected '-' indicator") {
        "the indentation is inconsistent here: a list item `- ` was expected at this level"
    } else if info.contains("tab") {
        "a tab character is used for indentation or inside a plain value; YAML allows only spaces for indentation"
    } else if info.contains("quoted scalar, found unexpected end of stream")
        || info.contains("unclosed")
    {
        "a quoted text is never closed: add the missing closing quote"
    } else if info.contains("expected ',' or ']'") {
        "a list written with `[ ]` is not closed or lacks a `,` between items"
    } else if info.contains("expected ',' or '}'") {
        "a mapping written with `{ }` is not closed or lacks a `,` between entries"
    } else if info.contains("cannot start any token") || info.contains("unexpected character") {
        "this character cannot start a YAML value; put the value in quotes (values starting with `@`, `` ` ``, `%` or `|` must be quoted)"
    } else if info.contains("unknown anchor") {
        "this alias (`*name`) refers to an anchor (`&name`) that is not defined before it"
    } else if info.contains("duplicated anchor") {
        "this anchor name (`&name`) is already defined in this document"
    } else if info.contains("invalid indentation") {
        "the indentation is inconsistent here"
    } else if info.contains("unprintable character") {
        "the file contains a control character (such as a NUL byte) that YAML does not allow; is it really a text file?"
    } else if info.contains("recursion limit") {
        "the YAML is nested too deeply"
    } else if info.contains("escape") {
        "a backslash escape in a double-quoted text is not valid; write `\\\\` for a backslash, or use single quotes"
    } else if info.contains("illegal placement of ':'") {
        "unexpected `:` — often a list `[ ]` or mapping `{ }` above was not closed, or a value containing `: ` needs quotes"
    } else if info.contains("block sequence entries are not allowed") {
        "a list item `- ` is not allowed here; check the indentation"
    } else if info.contains("did not find expected node content") {
        "a value is missing here"
    } else {
        return format!("invalid YAML: {info}");
    };
    explained.to_owned()
}

#[cfg(test)]
mod tests {
    use super::friendly_scan_error;

    #[test]
    fn known_errors_are_reworded_and_unknown_ones_kept() {
        assert!(
            friendly_scan_error("mapping values are not allowed in this context")
                .contains("check the indentation")
        );
        assert_eq!(
            friendly_scan_error("something new"),
            "invalid YAML: something new"
        );
    }
}
