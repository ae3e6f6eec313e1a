//! Escaping for everything a person reads: a workspace is written by someone else, and its
//! values, comments and file names must not drive the terminal (escape sequences, OSC 52
//! clipboard writes), reorder what is shown (bidi overrides), forge a line (line and paragraph
//! separators, carriage returns), run as a spreadsheet formula, or render as a link.
//!
//! Every writer calls these functions on what comes from the workspace; nothing else in the
//! report stage decides what is safe.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A character that must not reach a reader as itself: C0 controls (tab and line feed are
/// judged by the caller), DEL, C1 controls, and the invisible characters that change how
/// text is laid out (bidi embeddings, overrides, isolates and marks, line and paragraph
/// separators, the byte-order mark).
pub fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}'
            | '\u{b}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2069}'
            | '\u{feff}'
    )
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

fn escape_where(text: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escape(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text that may span lines (a message, a help): line feeds and tabs stay, every other
/// unsafe character becomes a visible `\u{…}` (a carriage return `\r`).
pub fn text(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c == '\r' || is_unsafe(c))
}

/// Text for a writer that encodes line breaks itself (GitHub workflow commands): line
/// feeds, carriage returns and tabs stay, every other unsafe character is escaped.
pub fn keeping_breaks(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c != '\r' && is_unsafe(c))
}

/// Text that must stay on one line (a file name, a workflow command property): line feeds,
/// carriage returns and tabs are escaped too.
pub fn inline(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| matches!(c, '\n' | '\r' | '\t') || is_unsafe(c))
}

/// A spreadsheet cell: one that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
/// would be read as a formula; a leading `'` makes it text (OWASP, "CSV injection").
pub fn csv_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Text inside a GitHub-flavoured markdown table cell: HTML is written as entities, the
/// column separator and the characters that start a link, an image, emphasis or code are
/// backslash-escaped, and so are `:`, `.` and `@`, which would start an autolink
/// (`https://…`, `www.…`, an e-mail address); line breaks become `<br>` (added after escaping,
/// so ours only); unsafe characters are escaped as in [`text`].
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push_str("<br>"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' | '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '(' | ')' | '!' | ':' | '.' | '@' => {
                out.push('\\');
                out.push(c);
            }
            c if is_unsafe(c) || c == '\t' => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// A URI reference for a `/`-separated relative path (RFC 3986 §3.3): the characters a path
/// segment may hold as they are (unreserved, sub-delimiters, `:`, `@`), every other byte of
/// the UTF-8 percent-encoded; a `:` in the first segment is encoded too, or the reference
/// would read as a scheme (§4.2).
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut first_segment = true;
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            )
            || (byte == b':' && !first_segment);
        if byte == b'/' {
            first_segment = false;
        }
        if keep {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// A file's text as a snippet shows it: each unsafe character replaced by one visible
/// character (a control picture such as `␛`, or `�`), and a lone carriage return made a line
/// feed so that the snippet breaks lines where the parser did. Byte offsets into the original
/// text are mapped with [`Shown::offset`].
#[derive(Debug)]
pub struct Shown<'a> {
    pub text: Cow<'a, str>,
    /// (original byte offset, bytes added by the replacements up to and including it).
    shifts: Vec<(usize, usize)>,
}

impl<'a> Shown<'a> {
    pub fn new(original: &'a str) -> Shown<'a> {
        let needs = original.char_indices().any(|(at, c)| {
            is_unsafe(c) || (c == '\r' && original.as_bytes().get(at + 1) != Some(&b'\n'))
        });
        if !needs {
            return Shown {
                text: Cow::Borrowed(original),
                shifts: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len() + 16);
        let mut shifts = Vec::new();
        let mut added = 0;
        for (at, c) in original.char_indices() {
            let shown = match c {
                '\r' if original.as_bytes().get(at + 1) != Some(&b'\n') => '\n',
                // Before a line feed, miette reads `\r\n` as one line end.
                '\r' => '\r',
                // The control pictures block mirrors C0: U+2400 + the code.
                '\u{0}'..='\u{1f}' if c != '\t' && c != '\n' && c != '\r' => {
                    char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}')
                }
                '\u{7f}' => '\u{2421}',
                c if is_unsafe(c) => '\u{fffd}',
                c => c,
            };
            text.push(shown);
            if shown.len_utf8() != c.len_utf8() {
                added += shown.len_utf8() - c.len_utf8();
                shifts.push((at, added));
            }
        }
        Shown {
            text: Cow::Owned(text),
            shifts,
        }
    }

    /// Where a byte offset of the original text lands in the shown text.
    pub fn offset(&self, original: usize) -> usize {
        // Characters strictly before `original` shift it.
        let before = self.shifts.partition_point(|(at, _)| *at < original);
        match before {
            0 => original,
            n => original + self.shifts[n - 1].1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_become_visible() {
        assert_eq!(text("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(text("x\u{202e}y\u{2066}"), "x\\u{202e}y\\u{2066}");
        assert_eq!(text("one\ntwo\r"), "one\ntwo\\r");
        assert_eq!(inline("a\nb\tc"), "a\\nb\\tc");
        assert_eq!(text("\u{9b}\u{7f}\u{2028}"), "\\u{9b}\\u{7f}\\u{2028}");
        assert!(matches!(text("plain é"), Cow::Borrowed(_)));
    }

    #[test]
    fn formulas_are_neutralised() {
        for formula in ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(formula), format!("'{formula}"));
        }
        assert_eq!(csv_cell("newsletter"), "newsletter");
    }

    #[test]
    fn markdown_renders_no_link_or_image() {
        assert_eq!(
            markdown("![x](https://e.vil/a.png) <b> www.x.org a@b"),
            "\\!\\[x\\]\\(https\\://e\\.vil/a\\.png\\) &lt;b&gt; www\\.x\\.org a\\@b"
        );
        assert_eq!(markdown("a\r\nb\rc|d"), "a<br>b<br>c\\|d");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            uri_path("dir/a b#%?é,c:1.yaml"),
            "dir/a%20b%23%25%3F%C3%A9,c:1.yaml"
        );
        assert_eq!(uri_path("c:/x\n"), "c%3A/x%0A");
    }

    #[test]
    fn snippet_text_keeps_offsets_mappable() {
        let original = "a\u{1b}b\rc\r\nd\u{202e}e";
        let shown = Shown::new(original);
        assert_eq!(shown.text, "a\u{241b}b\nc\r\nd\u{fffd}e");
        let b = original.find('b').unwrap_or(0);
        assert_eq!(&shown.text[shown.offset(b)..shown.offset(b) + 1], "b");
        let e = original.find('e').unwrap_or(0);
        assert_eq!(&shown.text[shown.offset(e)..], "e");
        assert_eq!(shown.offset(0), 0);
    }
}
