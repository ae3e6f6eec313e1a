//! Counts of a lint run and the one-line summary printed after the human report.

use super::Diagnostic;
use crate::finding::Severity;
use serde::Serialize;
use std::fmt;

/// What a run looked at and what it found. Field order is the JSON contract's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings silenced by an inline comment or the configuration.
    pub suppressed: usize,
}

impl Summary {
    /// Counts the reported diagnostics by severity.
    pub fn new(
        files: usize,
        documents: usize,
        suppressed: usize,
        diagnostics: &[Diagnostic],
    ) -> Summary {
        let count = |severity| {
            diagnostics
                .iter()
                .filter(|diagnostic| diagnostic.severity == severity)
                .count()
        };
        Summary {
            files,
            documents,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            suppressed,
        }
    }
}

/// `2 errors, 1 warning in 7 files (3 suppressed)`, or `No problems found in 7 files`.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let counts: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.infos, "info"),
        ]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, noun)| counted(count, noun))
        .collect();
        let files = counted(self.files, "file");
        if counts.is_empty() {
            write!(f, "No problems found in {files}")?;
        } else {
            write!(f, "{} in {files}", counts.join(", "))?;
        }
        if self.suppressed > 0 {
            write!(f, " ({} suppressed)", self.suppressed)?;
        }
        Ok(())
    }
}

fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
