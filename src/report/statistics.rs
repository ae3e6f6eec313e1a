//! `--statistics`: how many diagnostics each code produced, as a table or as JSON.

use super::Report;
use crate::finding::Severity;
use serde::Serialize;
use std::io::{self, Write};

/// The count of one code's diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeCount {
    pub code: String,
    pub name: String,
    /// The worst severity this code was reported at.
    pub severity: Severity,
    pub count: usize,
}

/// Counts per code, most frequent first, then by code.
pub fn statistics(report: &Report) -> Vec<CodeCount> {
    let mut counts: Vec<CodeCount> = Vec::new();
    // Index by code: linear in the number of diagnostics, whatever the number of codes.
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for diagnostic in &report.diagnostics {
        match index
            .get(diagnostic.code.as_str())
            .and_then(|at| counts.get_mut(*at))
        {
            Some(count) => {
                count.count += 1;
                count.severity = count.severity.max(diagnostic.severity);
            }
            None => {
                index.insert(&diagnostic.code, counts.len());
                counts.push(CodeCount {
                    code: diagnostic.code.clone(),
                    name: diagnostic.name.clone(),
                    severity: diagnostic.severity,
                    count: 1,
                });
            }
        }
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
    counts
}

/// An aligned table (count, code, name, severity), then the summary line unless `quiet`.
pub fn render_statistics(report: &Report, quiet: bool, out: &mut impl Write) -> io::Result<()> {
    let counts = statistics(report);
    let count_width = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(0);
    let code_width = counts.iter().map(|c| c.code.len()).max().unwrap_or(0);
    let name_width = counts.iter().map(|c| c.name.len()).max().unwrap_or(0);
    for count in &counts {
        writeln!(
            out,
            "{:>count_width$}  {:<code_width$}  {:<name_width$}  {}",
            count.count,
            super::sanitize::inline(&count.code),
            super::sanitize::inline(&count.name),
            count.severity
        )?;
    }
    if !quiet {
        writeln!(out, "{}", report.summary.line(report.locale))?;
    }
    Ok(())
}

/// The statistics as a pretty JSON array of `{code, name, severity, count}`.
pub fn render_statistics_json(report: &Report, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &statistics(report))?;
    writeln!(out)
}
