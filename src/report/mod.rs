//! Report stage: resolve each finding's (file, pointer) to lines, columns and byte spans, then
//! render the result for people (miette snippets, concise lines), machines (the versioned JSON
//! contract, SARIF, JUnit) and GitHub Actions (workflow commands, step summary).

mod concise;
mod github;
mod human;
mod json;
mod junit;
mod locate;
pub mod sanitize;
mod sarif;
mod statistics;
mod summary;

pub use concise::render_concise;
pub use github::{
    escape_data, escape_property, render_github, render_step_summary, repository_prefix,
};
pub use human::{ColorChoice, HumanOptions, render_human, should_color, stdout_should_color};
pub use json::render_json;
pub use junit::render_junit;
pub use locate::{Diagnostic, FileLookup, LocatedLabel, Position, Span, locate};
pub use sarif::render_sarif;
pub use statistics::{CodeCount, render_statistics, render_statistics_json, statistics};
pub use summary::Summary;

/// Everything a renderer needs about one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The workspace root as the user should see it (e.g. `.`).
    pub root: String,
    pub summary: Summary,
    /// Sorted by file, line, column, code, message (as `locate` returns them).
    pub diagnostics: Vec<Diagnostic>,
    /// Stage times, shown in the JSON report when `--timings` asks for them.
    pub timings: Option<crate::lint::Timings>,
    /// The language of the summary line (English unless set).
    pub locale: crate::i18n::Locale,
    /// Findings removed by a suppression, with its reason: the JSON report lists them under
    /// `suppressed`, SARIF as suppressed results, JUnit as skipped cases.
    pub suppressed: Vec<SuppressedDiagnostic>,
}

/// A located finding that a suppression removed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressedDiagnostic {
    pub diagnostic: Diagnostic,
    /// The reason the comment gave; `None` when it gave none.
    pub reason: Option<String>,
    /// `true`: a comment in the file; `false`: the settings' `per-file-ignores`.
    pub in_source: bool,
}

impl Report {
    /// Builds a report, counting the diagnostics by severity for the summary.
    pub fn new(
        root: impl Into<String>,
        files: usize,
        documents: usize,
        suppressed: usize,
        diagnostics: Vec<Diagnostic>,
    ) -> Report {
        Report {
            root: root.into(),
            summary: Summary::new(files, documents, suppressed, &diagnostics),
            diagnostics,
            timings: None,
            locale: crate::i18n::Locale::default(),
            suppressed: Vec::new(),
        }
    }
}
