//! The comments of a file, found outside quoted and block scalars.

/// A real YAML comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// 1-based line of the `#`.
    pub line: usize,
    /// 0-based column of the `#`, in characters.
    pub column: usize,
    /// The text after `#`, without the line break.
    pub text: String,
    /// True when nothing but blanks precedes the `#` on its line.
    pub own_line: bool,
}
