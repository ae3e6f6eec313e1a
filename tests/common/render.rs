//! Renders a lint outcome as `datacharter lint` would, into memory: the findings located, then
//! the JSON and the human report, so that the reporter sees every position. Shared by the
//! robustness tests, the pipeline benchmark and the pipeline fuzz target.
//!
//! Include it with `#[path = "<to tests>/common/render.rs"] mod render;`.

use datacharter::lint::Outcome;
use datacharter::report::{self, HumanOptions, Report};

/// The JSON report followed by the human one; the first error of either.
pub fn render_json_and_human(outcome: &Outcome) -> std::io::Result<Vec<u8>> {
    let lookup = |path: &str| outcome.files.get(path);
    let diagnostics = report::locate(outcome.findings.clone(), &lookup);
    let report = Report::new(
        ".",
        outcome.file_count,
        outcome.document_count,
        0,
        diagnostics,
    );
    let mut out = Vec::new();
    report::render_json(&report, &mut out)?;
    report::render_human(&report, &lookup, &HumanOptions::default(), &mut out)?;
    Ok(out)
}
