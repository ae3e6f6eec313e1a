//! The `--format junit` report, for CI systems that show test results (GitLab, Jenkins,
//! Azure…): one `<testsuite>` per file, one `<testcase>` per rule per file, and a `<failure>`
//! listing the findings of each case that has any.
//!
//! No timestamps or durations: two runs on the same input give the same bytes.

use super::{Diagnostic, Report};
use crate::rules::Rule;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Writes the JUnit XML. `files` are the files linted (a file without findings still gets its
/// passing cases) and `rules` those that ran; a file or a code that has diagnostics is added
/// even when missing from them.
pub fn render_junit(
    report: &Report,
    files: &[&str],
    rules: &[&Rule],
    out: &mut impl Write,
) -> io::Result<()> {
    let files: BTreeSet<&str> = files
        .iter()
        .copied()
        .chain(report.diagnostics.iter().map(|d| d.file.as_str()))
        .collect();
    let mut suites = String::new();
    let (mut tests, mut failures) = (0, 0);
    for file in files {
        let in_file: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.file == file)
            .collect();
        let mut cases: Vec<(&str, &str)> =
            rules.iter().map(|rule| (rule.code, rule.name)).collect();
        for diagnostic in &in_file {
            if !cases.iter().any(|(code, _)| *code == diagnostic.code) {
                cases.push((&diagnostic.code, &diagnostic.name));
            }
        }
        let mut body = String::new();
        let mut suite_failures = 0;
        let mut suite_skipped = 0;
        for (code, name) in &cases {
            let found: Vec<&&Diagnostic> = in_file.iter().filter(|d| d.code == *code).collect();
            let _ = write!(
                body,
                "    <testcase classname=\"{}\" name=\"{}\"",
                escape(file),
                escape(&format!("{code} {name}"))
            );
            if found.is_empty() {
                // A case whose only findings were suppressed is skipped, with the reasons.
                let silenced = suppressed_lines(report, file, code);
                if silenced.is_empty() {
                    body.push_str("/>\n");
                } else {
                    suite_skipped += 1;
                    let _ = write!(
                        body,
                        ">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                        escape(&silenced.join("\n")),
                    );
                }
                continue;
            }
            suite_failures += 1;
            let worst = found.iter().map(|d| d.severity).max();
            let lines: Vec<String> = found
                .iter()
                .map(|d| {
                    format!(
                        "{}:{} {}",
                        d.span.start.line, d.span.start.column, d.message
                    )
                })
                .collect();
            let _ = write!(
                body,
                ">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                escape(&counted(found.len())),
                worst.map_or("error", |severity| severity.as_str()),
                escape(&lines.join("\n")),
            );
        }
        tests += cases.len();
        failures += suite_failures;
        let _ = write!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{suite_failures}\" errors=\"0\" skipped=\"{suite_skipped}\">\n{body}  </testsuite>\n",
            escape(file),
            cases.len(),
        );
    }
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"datacharter\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n\
         {suites}</testsuites>\n"
    )
}

/// `line:column suppressed: reason` for each suppressed finding of this file and code.
fn suppressed_lines(report: &Report, file: &str, code: &str) -> Vec<String> {
    report
        .suppressed
        .iter()
        .filter(|s| s.diagnostic.file == file && s.diagnostic.code == code)
        .map(|s| {
            let span = &s.diagnostic.span;
            match &s.reason {
                Some(reason) => format!(
                    "{}:{} suppressed: {reason}",
                    span.start.line, span.start.column
                ),
                None => format!("{}:{} suppressed", span.start.line, span.start.column),
            }
        })
        .collect()
}

fn counted(count: usize) -> String {
    if count == 1 {
        "1 finding".to_owned()
    } else {
        format!("{count} findings")
    }
}

/// Escapes text for an XML attribute or element. Characters XML 1.0 forbids (most control
/// characters) become U+FFFD; line breaks and tabs are written as references so that
/// attributes keep them.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            '\t' => escaped.push_str("&#9;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => escaped.push('\u{fffd}'),
            c => escaped.push(c),
        }
    }
    escaped
}
