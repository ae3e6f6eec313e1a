//! The `--format github` report: GitHub Actions workflow commands, which GitHub shows as
//! annotations on the pull request, and a markdown summary for `$GITHUB_STEP_SUMMARY` (GitHub
//! shows only a few annotations per step; the summary lists them all).
//!
//! Escaping follows `@actions/core`: `%`, `\r`, `\n` in the message; also `:` and `,` in
//! properties (<https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts>).

use super::statistics::statistics;
use super::{Diagnostic, Report, sanitize};
use crate::finding::Severity;
use std::io::{self, Write};
use std::path::Path;

/// Rows of the step summary; past this, a line says how many were left out (GitHub caps a
/// summary at 1 MiB).
const SUMMARY_ROWS: usize = 500;

/// Writes one workflow command per diagnostic, then the summary line unless `quiet`. Files are
/// `path_prefix` + the workspace-relative path: GitHub wants them relative to the repository.
pub fn render_github(
    report: &Report,
    path_prefix: &str,
    quiet: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    for diagnostic in &report.diagnostics {
        writeln!(out, "{}", workflow_command(diagnostic, path_prefix))?;
    }
    if !quiet {
        writeln!(out, "{}", report.summary.line(report.locale))?;
    }
    Ok(())
}

fn workflow_command(diagnostic: &Diagnostic, path_prefix: &str) -> String {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let (start, end) = (diagnostic.span.start, diagnostic.span.end);
    let mut properties = vec![
        (
            "file",
            sanitize::inline(&format!("{path_prefix}{}", diagnostic.file)).into_owned(),
        ),
        ("line", start.line.to_string()),
        ("endLine", end.line.to_string()),
    ];
    // GitHub rejects columns on an annotation that spans several lines.
    if start.line == end.line {
        properties.push(("col", start.column.to_string()));
        properties.push(("endColumn", end.column.to_string()));
    }
    properties.push((
        "title",
        sanitize::inline(&format!("{} {}", diagnostic.code, diagnostic.name)).into_owned(),
    ));
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    let mut message = sanitize::keeping_breaks(&diagnostic.message).into_owned();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(&sanitize::keeping_breaks(help));
    }
    format!(
        "::{command} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// Escapes a workflow command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Writes the markdown step summary: the summary line, counts per code, then one table row
/// per diagnostic.
pub fn render_step_summary(
    report: &Report,
    path_prefix: &str,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(
        out,
        "### datacharter\n\n{}\n",
        report.summary.line(report.locale)
    )?;
    if report.diagnostics.is_empty() {
        return Ok(());
    }
    writeln!(out, "| code | name | count |\n|---|---|---:|")?;
    for count in statistics(report) {
        writeln!(
            out,
            "| {} | {} | {} |",
            cell(&count.code),
            cell(&count.name),
            count.count
        )?;
    }
    writeln!(
        out,
        "\n| severity | code | location | message |\n|---|---|---|---|"
    )?;
    for diagnostic in report.diagnostics.iter().take(SUMMARY_ROWS) {
        writeln!(
            out,
            "| {} | {} | `{}{}:{}:{}` | {} |",
            diagnostic.severity,
            cell(&diagnostic.code),
            code_cell(path_prefix),
            code_cell(&diagnostic.file),
            diagnostic.span.start.line,
            diagnostic.span.start.column,
            cell(&diagnostic.message),
        )?;
    }
    let left_out = report.diagnostics.len().saturating_sub(SUMMARY_ROWS);
    if left_out > 0 {
        writeln!(
            out,
            "\n… and {left_out} more (see the SARIF or JSON report)."
        )?;
    }
    writeln!(out)
}

/// Text safe inside a markdown table cell: no line break, no column separator, no HTML, no
/// link or image (the workspace's author writes the messages' quoted values).
fn cell(text: &str) -> String {
    sanitize::markdown(text)
}

/// Text safe inside a code span in a table cell (where entities would show literally; a code
/// span renders no markup, so only its own delimiter, the column separator and unsafe
/// characters need care).
fn code_cell(text: &str) -> String {
    sanitize::inline(text).replace('`', "'").replace('|', "\\|")
}

/// The workspace root's path inside its git repository, `/`-separated with a trailing `/`
/// (`governance/`), or empty when the root is the repository's root or in no repository.
/// GitHub resolves annotation and SARIF paths against the repository root.
pub fn repository_prefix(root: &Path) -> String {
    let Some(repository) = root.ancestors().find(|dir| dir.join(".git").exists()) else {
        return String::new();
    };
    let Ok(inside) = root.strip_prefix(repository) else {
        return String::new();
    };
    inside
        .components()
        .map(|part| format!("{}/", part.as_os_str().to_string_lossy()))
        .collect()
}
