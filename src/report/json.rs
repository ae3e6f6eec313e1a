//! The `--format json` report: version 1 of the contract in `design/cli.md`.
//!
//! The serde structs below fix the field order; optional fields are left out rather than
//! written as `null`.

use super::{Diagnostic, LocatedLabel, Position, Report, Span, Summary};
use crate::finding::Severity;
use serde::Serialize;
use std::io::{self, Write};

/// Bumped only when the shape changes incompatibly.
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    root: &'a str,
    summary: &'a Summary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// The findings a suppression removed, each with its reason: nothing hidden from an audit.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressed: Vec<JsonSuppressed<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timings: Option<JsonTimings>,
}

/// Stage wall times in milliseconds (`--timings`).
#[derive(Serialize)]
struct JsonTimings {
    discover_ms: f64,
    parse_ms: f64,
    schema_ms: f64,
    model_ms: f64,
    rules_ms: f64,
    suppress_ms: f64,
    report_ms: f64,
    bytes: u64,
    documents: usize,
}

impl From<&crate::lint::Timings> for JsonTimings {
    fn from(t: &crate::lint::Timings) -> Self {
        let ms = |d: std::time::Duration| (d.as_secs_f64() * 1e6).round() / 1e3;
        JsonTimings {
            discover_ms: ms(t.discover),
            parse_ms: ms(t.parse),
            schema_ms: ms(t.schema),
            model_ms: ms(t.model),
            rules_ms: ms(t.rules),
            suppress_ms: ms(t.suppress),
            report_ms: ms(t.report),
            bytes: t.bytes,
            documents: t.documents,
        }
    }
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pointer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<usize>,
    range: JsonRange,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    audit: Option<&'a crate::finding::AuditFacts>,
}

#[derive(Serialize)]
struct JsonSuppressed<'a> {
    #[serde(flatten)]
    diagnostic: JsonDiagnostic<'a>,
    /// `comment` (an inline `# datacharter: ignore[…]`) or `settings` (`per-file-ignores`).
    by: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pointer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<usize>,
    range: JsonRange,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonRange {
    start: JsonPosition,
    end: JsonPosition,
}

#[derive(Serialize)]
struct JsonPosition {
    line: usize,
    column: usize,
}

impl From<Position> for JsonPosition {
    fn from(position: Position) -> Self {
        JsonPosition {
            line: position.line,
            column: position.column,
        }
    }
}

impl From<&Span> for JsonRange {
    fn from(span: &Span) -> Self {
        JsonRange {
            start: span.start.into(),
            end: span.end.into(),
        }
    }
}

impl<'a> From<&'a LocatedLabel> for JsonLabel<'a> {
    fn from(label: &'a LocatedLabel) -> Self {
        JsonLabel {
            file: &label.file,
            pointer: label.pointer.as_deref(),
            document: label.document,
            range: (&label.span).into(),
            message: &label.message,
        }
    }
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(diagnostic: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            code: &diagnostic.code,
            name: &diagnostic.name,
            severity: diagnostic.severity,
            message: &diagnostic.message,
            file: &diagnostic.file,
            pointer: diagnostic.pointer.as_deref(),
            document: diagnostic.document,
            range: (&diagnostic.span).into(),
            help: diagnostic.help.as_deref(),
            labels: diagnostic.labels.iter().map(JsonLabel::from).collect(),
            audit: diagnostic.audit.as_ref(),
        }
    }
}

/// Writes the report as pretty-printed JSON followed by a newline.
pub fn render_json(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let json = JsonReport {
        version: FORMAT_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        root: &report.root,
        summary: &report.summary,
        diagnostics: report
            .diagnostics
            .iter()
            .map(JsonDiagnostic::from)
            .collect(),
        suppressed: report
            .suppressed
            .iter()
            .map(|suppressed| JsonSuppressed {
                diagnostic: JsonDiagnostic::from(&suppressed.diagnostic),
                by: if suppressed.in_source {
                    "comment"
                } else {
                    "settings"
                },
                reason: suppressed.reason.as_deref(),
            })
            .collect(),
        timings: report.timings.as_ref().map(JsonTimings::from),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
