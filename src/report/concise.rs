//! The `--format concise` report: one `file:line:col: severity[CODE] message` line per
//! diagnostic, the shape editors' problem matchers and `grep` read.

use super::{Report, sanitize};
use std::io::{self, Write};

/// Writes one line per diagnostic, then the summary line unless `quiet`.
pub fn render_concise(report: &Report, quiet: bool, out: &mut impl Write) -> io::Result<()> {
    for diagnostic in &report.diagnostics {
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            // A line break in a file name would forge a diagnostic line of its own.
            sanitize::inline(&diagnostic.file),
            diagnostic.span.start.line,
            diagnostic.span.start.column,
            diagnostic.severity,
            diagnostic.code,
            sanitize::inline(&one_line(&diagnostic.message)),
        )?;
    }
    if !quiet {
        writeln!(out, "{}", report.summary.line(report.locale))?;
    }
    Ok(())
}

/// A message on one line: a line break would start what a reader takes for a new diagnostic.
pub(crate) fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
