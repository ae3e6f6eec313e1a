//! Report stage: resolve each finding's (file, pointer) to lines, columns and byte spans, then
//! render the result for people (miette snippets) or machines (the versioned JSON contract).

mod human;
mod json;
mod locate;
mod summary;

pub use human::{ColorChoice, HumanOptions, render_human, should_color, stdout_should_color};
pub use json::render_json;
pub use locate::{Diagnostic, FileLookup, LocatedLabel, Position, Span, locate};
pub use summary::Summary;

/// Everything a renderer needs about one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The workspace root as the user should see it (e.g. `.`).
    pub root: String,
    pub summary: Summary,
    /// Sorted by file, line, column, code, message (as `locate` returns them).
    pub diagnostics: Vec<Diagnostic>,
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
        }
    }
}
