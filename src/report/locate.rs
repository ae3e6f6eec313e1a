//! Turns findings, which speak in (file, document, JSON pointer), into diagnostics with lines,
//! columns and byte spans.

use crate::finding::{Finding, Location, Severity, Target, TextPos, TextRange};
use crate::syntax::ParsedFile;
use std::cmp::Ordering;
use std::ops::Range;

/// Looks up a parsed file by its path relative to the workspace root.
pub type FileLookup<'a> = dyn Fn(&str) -> Option<&'a ParsedFile> + 'a;

/// A 1-based line and a 1-based column counted in Unicode characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The first character of a file.
    pub const START: Position = Position { line: 1, column: 1 };

    fn from_text_pos(pos: TextPos) -> Position {
        // The parser's line is 1-based and its column 0-based; `max` guards a default `TextPos`.
        Position {
            line: pos.line.max(1),
            column: pos.column + 1,
        }
    }
}

/// Where a diagnostic or a label lands: a line/column range (`end` exclusive) and, when the file's
/// text is known, the matching byte range for rendering snippets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: Position,
    pub end: Position,
    /// Byte offsets into `SourceText::text`; `None` when the file or document is unavailable.
    pub bytes: Option<Range<usize>>,
}

impl Span {
    /// Line 1, column 1, with no text to show.
    fn unknown() -> Span {
        Span {
            start: Position::START,
            end: Position::START,
            bytes: None,
        }
    }

    fn from_range(range: TextRange, source: Option<&ParsedFile>) -> Span {
        let start = Position::from_text_pos(range.start);
        let end = Position::from_text_pos(range.end).max(start);
        let bytes = source.map(|file| {
            let first = file.source.byte_offset(range.start.index);
            let last = file.source.byte_offset(range.end.index).max(first);
            first..last
        });
        Span { start, end, bytes }
    }
}

/// A secondary place of a diagnostic, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedLabel {
    pub file: String,
    pub pointer: Option<String>,
    /// Set only when the file holds several documents.
    pub document: Option<usize>,
    pub span: Span,
    pub message: String,
}

/// A finding with its position resolved, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    /// The finding's pointer as the rule gave it (it may name a missing key).
    pub pointer: Option<String>,
    /// Set only when the file holds several documents.
    pub document: Option<usize>,
    pub span: Span,
    /// Text under the underlined YAML; never empty (falls back to the message).
    pub label: String,
    pub help: Option<String>,
    pub labels: Vec<LocatedLabel>,
    /// What the finding is about, stable across locales, re-orderings and insertions above
    /// (`--new-since`, the baseline, SARIF's `datacharter/v2` fingerprint).
    pub key: crate::finding_key::FindingKey,
    /// What `datacharter audit` measured (file, column, rows, ratio); `None` for lint findings.
    pub audit: Option<crate::finding::AuditFacts>,
}

/// Locates every finding and sorts the result by file, line, column, code and message, so
/// that two runs on the same input give the same order whatever order the rules ran in.
pub fn locate(findings: Vec<Finding>, files: &FileLookup<'_>) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = findings
        .into_iter()
        .map(|finding| locate_one(finding, files))
        .collect();
    diagnostics.sort_by(compare);
    diagnostics
}

fn locate_one(finding: Finding, files: &FileLookup<'_>) -> Diagnostic {
    let Finding {
        code,
        name,
        severity,
        message,
        location,
        label,
        labels,
        help,
        key_args,
        audit,
    } = finding;
    let key = finding_key(&code, &location, &key_args, files);
    let place = locate_location(&location, files);
    let labels = labels
        .into_iter()
        .map(|label| {
            let place = locate_location(&label.location, files);
            LocatedLabel {
                file: label.location.file,
                pointer: place.pointer,
                document: place.document,
                span: place.span,
                message: label.message,
            }
        })
        .collect();
    let label = if label.is_empty() {
        message.clone()
    } else {
        label
    };
    Diagnostic {
        code,
        name,
        severity,
        message,
        file: location.file,
        pointer: place.pointer,
        document: place.document,
        span: place.span,
        label,
        help,
        labels,
        key,
        audit,
    }
}

fn finding_key(
    code: &str,
    location: &Location,
    args: &[String],
    files: &FileLookup<'_>,
) -> crate::finding_key::FindingKey {
    let document = location.document().map(|index| {
        let value = files(&location.file)
            .and_then(|file| file.documents.iter().find(|d| d.index == index))
            .map(|document| &document.value);
        (index, value)
    });
    crate::finding_key::key(code, &location.file, document, location.pointer(), args)
}

/// The located parts of a `Location` (its file name is moved separately).
struct Place {
    pointer: Option<String>,
    document: Option<usize>,
    span: Span,
}

fn locate_location(location: &Location, files: &FileLookup<'_>) -> Place {
    let file = files(&location.file);
    let pointer = location.pointer().map(str::to_owned);
    // The document index only helps a reader when the file has more than one.
    let document = location
        .document()
        .filter(|_| file.is_some_and(|file| file.documents.len() > 1));
    let span = match (&location.target, file) {
        (
            Target::Node {
                document,
                pointer,
                on_key,
            },
            Some(file),
        ) => match file.documents.get(*document) {
            Some(doc) => {
                let resolved = doc.resolve(pointer);
                let range = match resolved.key {
                    // A missing key is reported on its closest ancestor's key, the line a
                    // reader would add it under.
                    Some(key) if *on_key || !resolved.exact => key,
                    _ => resolved.value,
                };
                Span::from_range(range, Some(file))
            }
            None => Span::unknown(),
        },
        (Target::Node { .. }, None) => Span::unknown(),
        // A text range carries its own line and column; without the file there is just no
        // snippet to show.
        (Target::Text { range, .. }, file) => Span::from_range(*range, file),
        (Target::File, file) => Span {
            start: Position::START,
            end: Position::START,
            bytes: file.map(|_| 0..0),
        },
    };
    Place {
        pointer,
        document,
        span,
    }
}

fn compare(a: &Diagnostic, b: &Diagnostic) -> Ordering {
    (&a.file, a.span.start, &a.code, &a.message)
        .cmp(&(&b.file, b.span.start, &b.code, &b.message))
        // Tie-breakers so that equal keys still come out in one fixed order.
        .then_with(|| a.span.end.cmp(&b.span.end))
        .then_with(|| a.document.cmp(&b.document))
        .then_with(|| a.pointer.cmp(&b.pointer))
        .then_with(|| a.label.cmp(&b.label))
}
