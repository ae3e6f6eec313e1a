//! The human report: one miette snippet per diagnostic, then a summary line.

use super::sanitize::{self, Shown};
use super::{Diagnostic, FileLookup, LocatedLabel, Position, Report, Span};
use crate::finding::Severity;
use crate::i18n::Locale;
use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::borrow::Cow;
use std::ffi::OsStr;
use std::fmt;
use std::io::{self, IsTerminal, Write};

/// The `--color` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Whether to colour: always/never as asked; on `auto`, only on a terminal and when `NO_COLOR`
/// is unset or empty (<https://no-color.org>).
pub fn should_color(choice: ColorChoice, is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && no_color.is_none_or(OsStr::is_empty),
    }
}

/// `should_color` for a report written to this process's stdout.
pub fn stdout_should_color(choice: ColorChoice) -> bool {
    should_color(
        choice,
        io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanOptions {
    pub colored: bool,
    /// Columns to wrap messages at.
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            colored: false,
            width: 100,
        }
    }
}

/// Writes every diagnostic as a snippet of its file, then the summary line. `files` gives the
/// text the snippets show; a file it does not know is shown without text.
pub fn render_human(
    report: &Report,
    files: &FileLookup<'_>,
    options: &HumanOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    let theme = if options.colored {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_show_related_as_nested(true);
    for diagnostic in &report.diagnostics {
        let mut snippet = Snippet::of_diagnostic(diagnostic, files, report.locale);
        snippet.headline = headline(diagnostic, report.locale);
        // miette writes the word `help` itself: outside English the help line is ours.
        let own_help = report.locale != Locale::En;
        if own_help {
            snippet.help = None;
        }
        let mut text = String::new();
        handler
            .render_report(&mut text, &snippet)
            .map_err(|_| io::Error::other("could not render a diagnostic"))?;
        if own_help && let Some(help) = &diagnostic.help {
            let trimmed = text.trim_end_matches('\n').len();
            text.truncate(trimmed);
            text.push('\n');
            text.push_str(&help_lines(
                &sanitize::text(help),
                report.locale,
                options.width,
            ));
        }
        writeln!(out, "{text}")?;
    }
    writeln!(out, "{}", report.summary.line(report.locale))
}

/// `error[DC005]: message` in English, `erreur[DC005] : message` in French (a space before
/// the colon, as French typography wants): the severity word from the catalogue.
fn headline(diagnostic: &Diagnostic, locale: Locale) -> String {
    let severity = crate::t!(locale, &format!("severity.{}", diagnostic.severity));
    let colon = if locale == Locale::Fr { " :" } else { ":" };
    format!(
        "{severity}[{}]{colon} {}",
        sanitize::inline(&diagnostic.code),
        sanitize::text(&diagnostic.message)
    )
}

/// The help line as miette lays it out (`  help: ` then the text wrapped under itself), with
/// the catalogue's word for "help".
fn help_lines(help: &str, locale: Locale, width: usize) -> String {
    let word = crate::t!(locale, "human.help");
    let colon = if locale == Locale::Fr { " : " } else { ": " };
    let first = format!("  {word}{colon}");
    let indent = " ".repeat(first.chars().count());
    let mut lines: Vec<String> = Vec::new();
    let mut line = first.clone();
    let mut empty = true;
    for word in help.split_whitespace() {
        let fits = line.chars().count() + 1 + word.chars().count() <= width.max(40);
        if !empty && !fits {
            lines.push(std::mem::replace(&mut line, indent.clone()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    lines.push(line);
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// One diagnostic as miette sees it: a headline, a file's text and underlined spans in it, and
/// related snippets for labels that point into other files.
#[derive(Debug)]
struct Snippet<'a> {
    headline: String,
    severity: miette::Severity,
    help: Option<Cow<'a, str>>,
    source: FileSource<'a>,
    labels: Vec<LabeledSpan>,
    related: Vec<Snippet<'a>>,
}

impl<'a> Snippet<'a> {
    fn of_diagnostic<'f: 'a>(
        diagnostic: &'a Diagnostic,
        files: &FileLookup<'f>,
        locale: Locale,
    ) -> Snippet<'a> {
        let mut source = FileSource::of(&diagnostic.file, files);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(sanitize::text(&diagnostic.label).into_owned()),
            source.span(&diagnostic.span),
        )];
        let mut related = Vec::new();
        for label in &diagnostic.labels {
            match &label.span {
                span @ Span { bytes: Some(_), .. } if label.file == diagnostic.file => {
                    labels.push(LabeledSpan::new_with_span(
                        Some(sanitize::text(&label.message).into_owned()),
                        source.span(span),
                    ))
                }
                _ => related.push(Snippet::of_label(label, files, locale)),
            }
        }
        clamp_long_lines(&mut source, &mut labels, diagnostic.span.start, locale);
        Snippet {
            headline: format!(
                "{}[{}]: {}",
                diagnostic.severity,
                sanitize::inline(&diagnostic.code),
                sanitize::text(&diagnostic.message)
            ),
            severity: miette_severity(diagnostic.severity),
            help: diagnostic.help.as_deref().map(sanitize::text),
            source,
            labels,
            related,
        }
    }

    /// A label in another file, shown as a note with that file's snippet.
    fn of_label<'f: 'a>(
        label: &'a LocatedLabel,
        files: &FileLookup<'f>,
        locale: Locale,
    ) -> Snippet<'a> {
        let mut source = FileSource::of(&label.file, files);
        // The message is already the headline; the underline alone shows where.
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            None,
            source.span(&label.span),
        )];
        clamp_long_lines(&mut source, &mut labels, label.span.start, locale);
        Snippet {
            headline: sanitize::text(&label.message).into_owned(),
            severity: miette::Severity::Advice,
            help: None,
            source,
            labels,
            related: Vec::new(),
        }
    }
}

/// The longest line, in bytes, a snippet shows. miette pads underlines with a formatting
/// width, which panics past 65,535 columns (a one-line 66 KB file crashed 0.1.0); a tab is
/// four columns, so 1,000 bytes stay far below that, and a longer line is unreadable anyway.
const MAX_SNIPPET_LINE_BYTES: usize = 1_000;

/// The most lines a snippet shows; a span over more (a whole long document) is not drawn.
const MAX_SNIPPET_LINES: usize = 50;

/// When a snippet would show a line longer than [`MAX_SNIPPET_LINE_BYTES`] or more than
/// [`MAX_SNIPPET_LINES`] lines, replaces the text by a one-line note at the same position
/// (`start`, which the header still shows as `file:line:column`) and moves every label onto
/// it: the diagnostic keeps its message, labels and help, only the text is left out.
fn clamp_long_lines(
    source: &mut FileSource<'_>,
    labels: &mut [LabeledSpan],
    start: Position,
    locale: Locale,
) {
    let too_long = labels
        .iter()
        .find_map(|label| too_long_to_show(&source.shown.text, label.offset(), label.len()));
    let Some(reason) = too_long else {
        return;
    };
    source.elided = Some(Elided {
        note: reason.note(locale),
        line: start.line.saturating_sub(1),
        column: start.column.saturating_sub(1),
    });
    for label in labels.iter_mut() {
        *label = LabeledSpan::new(label.label().map(str::to_owned), 0, 0);
    }
}

/// Why a span's snippet is not drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TooLong {
    Line,
    Lines,
}

impl TooLong {
    fn note(self, locale: Locale) -> String {
        match self {
            TooLong::Line => crate::t!(locale, "snippet.long-line", bytes = MAX_SNIPPET_LINE_BYTES),
            TooLong::Lines => crate::t!(locale, "snippet.many-lines", lines = MAX_SNIPPET_LINES),
        }
    }
}

/// Looks at the lines a snippet of `offset..offset + len` would show (the span's lines and
/// one line of context on each side), stopping as soon as one is too long, so the cost is
/// bounded whatever the file.
fn too_long_to_show(text: &str, offset: usize, len: usize) -> Option<TooLong> {
    let bytes = text.as_bytes();
    let start = offset.min(bytes.len());
    let end = offset.saturating_add(len).min(bytes.len());
    // Only `\n` ends a line here, as in miette's drawing; the shown text has a `\n` where
    // the file has a lone `\r` (see [`Shown`]).
    let is_break = |byte: &u8| *byte == b'\n';
    // Back to the start of the line before the span's, at most two line breaks away.
    let mut from = start;
    let mut breaks = 0;
    while from > 0 {
        if is_break(&bytes[from - 1]) {
            breaks += 1;
            if breaks == 2 {
                break;
            }
        }
        from -= 1;
        if start - from > 2 * MAX_SNIPPET_LINE_BYTES + 2 {
            return Some(TooLong::Line);
        }
    }
    let mut lines = 0;
    let mut line_start = from;
    let mut at = from;
    let mut after_end = 0;
    while at < bytes.len() {
        if is_break(&bytes[at]) {
            lines += 1;
            if at >= end {
                after_end += 1;
                if after_end == 2 {
                    break;
                }
            }
            line_start = at + 1;
        } else if at - line_start >= MAX_SNIPPET_LINE_BYTES {
            return Some(TooLong::Line);
        }
        if lines > MAX_SNIPPET_LINES + 2 {
            return Some(TooLong::Lines);
        }
        at += 1;
    }
    None
}

fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

impl fmt::Display for Snippet<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline)
    }
}

impl std::error::Error for Snippet<'_> {}

impl MietteDiagnostic for Snippet<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_deref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display + 'b>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn MietteDiagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related
                .iter()
                .map(|snippet| snippet as &dyn MietteDiagnostic),
        ))
    }
}

/// A file's text for miette, which counts the column in its `[file:line:column]` header in
/// bytes; this wrapper recounts it in characters to match the JSON report. The text is the
/// one [`Shown`] makes safe for a terminal (one visible character per unsafe one, a lone
/// carriage return shown as the line end it is), and so is the name.
#[derive(Debug)]
struct FileSource<'a> {
    name: Cow<'a, str>,
    shown: Shown<'a>,
    /// Set by [`clamp_long_lines`]: show this note instead of the text.
    elided: Option<Elided>,
}

/// A note standing for text too long to draw, at a 0-based line and character column.
#[derive(Debug)]
struct Elided {
    note: String,
    line: usize,
    column: usize,
}

impl<'a> FileSource<'a> {
    fn of<'f: 'a>(name: &'a str, files: &FileLookup<'f>) -> FileSource<'a> {
        let original = files(name).map_or("", |file| file.source.text.as_str());
        FileSource {
            name: sanitize::inline(name),
            shown: Shown::new(original),
            elided: None,
        }
    }

    /// A span of the original text as a span of the shown text. An unknown position still
    /// gets an empty span at the start, so the file's name is printed.
    fn span(&self, span: &Span) -> SourceSpan {
        match &span.bytes {
            Some(bytes) => {
                let start = self.shown.offset(bytes.start);
                let end = self.shown.offset(bytes.end).max(start);
                (start..end).into()
            }
            None => (0, 0).into(),
        }
    }

    /// Characters between the start of the line and `offset`, or `None` when `offset` is not
    /// on a character boundary.
    fn char_column(&self, offset: usize) -> Option<usize> {
        let before = self.shown.text.get(..offset)?;
        let line_start = before.rfind(['\n', '\r']).map_or(0, |at| at + 1);
        Some(before[line_start..].chars().count())
    }
}

impl SourceCode for FileSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        if let Some(elided) = &self.elided {
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone().into_owned(),
                elided.note.as_bytes(),
                (0, elided.note.len()).into(),
                elided.line,
                elided.column,
                1,
            )));
        }
        let contents =
            self.shown
                .text
                .as_ref()
                .read_span(span, context_lines_before, context_lines_after)?;
        let column = self
            .char_column(contents.span().offset())
            .unwrap_or(contents.column());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone().into_owned(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}
