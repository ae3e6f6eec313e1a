//! Any bytes as one file of a workspace beside a valid organisation: the whole pipeline
//! (schema, model, rules, suppressions) and the reporter must not panic.
#![no_main]

use datacharter::lint::{Options, lint_inputs};
use datacharter::report::{self, HumanOptions, Report};
use datacharter::rules::Selection;
use libfuzzer_sys::fuzz_target;

const ORGANISATION: &str = include_str!("../../examples/quatre-saisons/organisation.yaml");

fuzz_target!(|bytes: &[u8]| {
    let options = Options {
        threads: Some(1),
        ..Options::new(Selection::default(), jiff::civil::date(2026, 11, 28))
    };
    let inputs = [
        (
            "organisation.yaml".to_owned(),
            Ok(ORGANISATION.as_bytes().to_vec()),
        ),
        ("fuzz.yaml".to_owned(), Ok(bytes.to_vec())),
    ];
    let Ok(outcome) = lint_inputs(inputs, "datacharter.yaml", &options) else {
        return;
    };
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
    let _ = report::render_json(&report, &mut out);
    let _ = report::render_human(&report, &lookup, &HumanOptions::default(), &mut out);
});
