//! Reading one `# datacharter: ignore[…] reason` comment.

use crate::finding::{TextPos, TextRange};
use crate::i18n::Locale;
use crate::syntax::Comment;

/// What a suppression covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Findings on the node starting at this line (1-based) and the nodes inside it.
    Line(usize),
    /// Every finding of the file.
    File,
}

/// A well-formed suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub scope: Scope,
    /// Codes as written, upper-cased.
    pub codes: Vec<String>,
    pub reason: Option<String>,
    /// The comment's text range, for DC007 / DC008.
    pub range: TextRange,
}

/// Why a `datacharter:` comment is not a valid suppression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveError {
    /// Neither `ignore[…]` nor `ignore-file[…]`.
    Malformed,
    /// The list of codes has no closing `]`.
    Unclosed,
    /// `ignore[]`.
    NoCodes,
}

impl DirectiveError {
    /// The DC008 message.
    pub fn message(self, locale: Locale) -> String {
        let key = match self {
            DirectiveError::Malformed => "DC008.malformed",
            DirectiveError::Unclosed => "DC008.unclosed",
            DirectiveError::NoCodes => "DC008.no-codes",
        };
        crate::t!(locale, key)
    }
}

const MARKER: &str = "datacharter:";

/// `None` for an ordinary comment; `Some(Err(why))` for a `datacharter:` comment that is not
/// a valid suppression. `text` is the file's text: a comment on a line of its own applies to
/// the next line that holds YAML.
pub fn parse_directive(comment: &Comment, text: &str) -> Option<Result<Directive, DirectiveError>> {
    let body = comment.text.trim_start().strip_prefix(MARKER)?.trim_start();
    let (file_wide, rest) = if let Some(rest) = body.strip_prefix("ignore-file[") {
        (true, rest)
    } else if let Some(rest) = body.strip_prefix("ignore[") {
        (false, rest)
    } else {
        return Some(Err(DirectiveError::Malformed));
    };
    let Some((list, reason)) = rest.split_once(']') else {
        return Some(Err(DirectiveError::Unclosed));
    };
    let codes: Vec<String> = list
        .split(',')
        .map(|code| code.trim().to_ascii_uppercase())
        .filter(|code| !code.is_empty())
        .collect();
    if codes.is_empty() {
        return Some(Err(DirectiveError::NoCodes));
    }
    let reason = reason.trim();
    let scope = if file_wide {
        Scope::File
    } else if comment.own_line {
        Scope::Line(next_content_line(text, comment.line))
    } else {
        Scope::Line(comment.line)
    };
    Some(Ok(Directive {
        scope,
        codes,
        reason: (!reason.is_empty()).then(|| reason.to_owned()),
        range: comment_range(comment),
    }))
}

/// The text range of a comment, from its `#` to the end of its line.
pub fn comment_range(comment: &Comment) -> TextRange {
    let start = TextPos {
        index: comment.index,
        line: comment.line,
        column: comment.column,
    };
    let length = 1 + comment.text.chars().count();
    TextRange {
        start,
        end: TextPos {
            index: start.index + length,
            column: start.column + length,
            ..start
        },
    }
}

/// The first line after `line` that is neither blank nor only a comment.
fn next_content_line(text: &str, line: usize) -> usize {
    crate::syntax::lines(text)
        .map(|(content, _)| content)
        .enumerate()
        .skip(line)
        .find(|(_, content)| {
            let trimmed = content.trim();
            !trimmed.is_empty() && !trimmed.starts_with('#')
        })
        .map_or(line + 1, |(index, _)| index + 1)
}
