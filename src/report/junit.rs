//! The `--format junit` report, for CI systems that show test results (GitLab, Jenkins,
//! Azure…): one `<testsuite>` per file, one `<testcase>` per rule per file, and a `<failure>`
//! listing the findings of each case that has any.
//!
//! No timestamps or durations: two runs on the same input give the same bytes.

use super::{Diagnostic, Report, sanitize};
use crate::rules::Rule;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};

/// One file's diagnostics, by code in the order its cases are written.
struct Suite<'a> {
    file: &'a str,
    /// The rules' codes first, then the codes only this file's diagnostics have.
    cases: Vec<(&'a str, &'a str)>,
    found: HashMap<&'a str, Vec<&'a Diagnostic>>,
    /// `line:column suppressed: reason` of the suppressed findings, by code: a case with no
    /// open finding but suppressed ones is marked skipped, with the reasons.
    silenced: HashMap<&'a str, Vec<String>>,
}

/// Writes the JUnit XML. `files` are the files linted (a file without findings still gets its
/// passing cases) and `rules` those that ran; a file or a code that has diagnostics is added
/// even when missing from them. Linear in files × rules plus diagnostics, and written as it
/// goes: nothing but the grouping is held in memory.
pub fn render_junit(
    report: &Report,
    files: &[&str],
    rules: &[&Rule],
    out: &mut impl Write,
) -> io::Result<()> {
    let rule_codes: HashSet<&str> = rules.iter().map(|rule| rule.code).collect();
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> =
        files.iter().map(|file| (*file, Vec::new())).collect();
    for diagnostic in &report.diagnostics {
        by_file
            .entry(diagnostic.file.as_str())
            .or_default()
            .push(diagnostic);
    }
    let mut silenced_by_file: HashMap<&str, HashMap<&str, Vec<String>>> = HashMap::new();
    for suppressed in &report.suppressed {
        let diagnostic = &suppressed.diagnostic;
        let start = &diagnostic.span.start;
        let line = match &suppressed.reason {
            Some(reason) => format!("{}:{} suppressed: {reason}", start.line, start.column),
            None => format!("{}:{} suppressed", start.line, start.column),
        };
        silenced_by_file
            .entry(diagnostic.file.as_str())
            .or_default()
            .entry(diagnostic.code.as_str())
            .or_default()
            .push(line);
    }
    let suites: Vec<Suite<'_>> = by_file
        .into_iter()
        .map(|(file, diagnostics)| {
            let mut cases: Vec<(&str, &str)> =
                rules.iter().map(|rule| (rule.code, rule.name)).collect();
            let mut found: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
            for diagnostic in diagnostics {
                let code = diagnostic.code.as_str();
                let list = found.entry(code).or_default();
                if list.is_empty() && !rule_codes.contains(code) {
                    cases.push((code, &diagnostic.name));
                }
                list.push(diagnostic);
            }
            let silenced = silenced_by_file.remove(file).unwrap_or_default();
            Suite {
                file,
                cases,
                found,
                silenced,
            }
        })
        .collect();
    let tests: usize = suites.iter().map(|suite| suite.cases.len()).sum();
    let failures: usize = suites.iter().map(|suite| suite.found.len()).sum();
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"datacharter\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n"
    )?;
    for suite in &suites {
        write_suite(suite, out)?;
    }
    writeln!(out, "</testsuites>")
}

fn write_suite(suite: &Suite<'_>, out: &mut impl Write) -> io::Result<()> {
    let file = escape(suite.file);
    let skipped = suite
        .cases
        .iter()
        .filter(|(code, _)| !suite.found.contains_key(code) && suite.silenced.contains_key(code))
        .count();
    writeln!(
        out,
        "  <testsuite name=\"{file}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{skipped}\">",
        suite.cases.len(),
        suite.found.len(),
    )?;
    for (code, name) in &suite.cases {
        write!(
            out,
            "    <testcase classname=\"{file}\" name=\"{}\"",
            escape(&format!("{code} {name}"))
        )?;
        let Some(found) = suite.found.get(code) else {
            match suite.silenced.get(code) {
                Some(lines) => writeln!(
                    out,
                    ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                    escape(&lines.join("\n"))
                )?,
                None => writeln!(out, "/>")?,
            }
            continue;
        };
        let worst = found.iter().map(|d| d.severity).max();
        write!(
            out,
            ">\n      <failure message=\"{}\" type=\"{}\">",
            escape(&counted(found.len())),
            worst.map_or("error", |severity| severity.as_str()),
        )?;
        for (at, d) in found.iter().enumerate() {
            let line = format!(
                "{}{}:{} {}",
                if at == 0 { "" } else { "\n" },
                d.span.start.line,
                d.span.start.column,
                d.message
            );
            out.write_all(escape(&line).as_bytes())?;
        }
        writeln!(out, "</failure>\n    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")
}

fn counted(count: usize) -> String {
    if count == 1 {
        "1 finding".to_owned()
    } else {
        format!("{count} findings")
    }
}

/// Escapes text for an XML attribute or element. Characters XML 1.0 forbids (most control
/// characters) and the other unsafe ones (DEL, C1, bidi) become U+FFFD; line breaks and tabs are written as references so that
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
            // DEL, C1 controls and bidi characters are valid XML but would drive a terminal or
            // reorder text where a CI system shows the report.
            c if sanitize::is_unsafe(c) => escaped.push('\u{fffd}'),
            c => escaped.push(c),
        }
    }
    escaped
}
