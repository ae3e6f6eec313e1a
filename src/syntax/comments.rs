//! The comments of a file, found outside quoted and block scalars.

/// A real YAML comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// 1-based line of the `#`.
    pub line: usize,
    /// 0-based column of the `#`, in characters.
    pub column: usize,
    /// Character index of the `#` in the text.
    pub index: usize,
    /// The text after `#`, without the line break.
    pub text: String,
    /// True when nothing but blanks precedes the `#` on its line.
    pub own_line: bool,
}

/// Finds every `#` that starts a comment: at the start of a line or after a blank, and not
/// inside a quoted or block scalar (`protected`: sorted character ranges, end exclusive).
/// A plain scalar always stops before ` #`, so plain text needs no protection.
pub(crate) fn collect_comments(text: &str, protected: &[(usize, usize)]) -> Vec<Comment> {
    let mut comments = Vec::new();
    let mut protected = protected.iter().peekable();
    let mut char_index = 0;
    // A lone carriage return ends a line too, as it does for the parser.
    for (line_number, (line, line_break)) in super::source::lines(text).enumerate() {
        let mut previous_blank = true;
        let mut column = 0;
        let mut chars = line.char_indices();
        while let Some((byte, c)) = chars.next() {
            let index = char_index + column;
            while protected.next_if(|(_, end)| *end <= index).is_some() {}
            let inside = protected
                .peek()
                .is_some_and(|(start, end)| *start <= index && index < *end);
            if c == '#' && previous_blank && !inside {
                let body = line[byte + 1..].trim_end_matches('\r');
                comments.push(Comment {
                    line: line_number + 1,
                    column,
                    index,
                    text: body.to_owned(),
                    own_line: line[..byte].trim().is_empty(),
                });
                column += 1 + line[byte + 1..].chars().count();
                chars = "".char_indices();
                continue;
            }
            previous_blank = c == ' ' || c == '\t';
            column += 1;
        }
        char_index += column + line_break;
    }
    comments
}
