//! Any bytes as one file of a workspace beside a valid organisation: the whole pipeline
//! (schema, model, rules, suppressions) and the reporter must not panic.
#![no_main]

use datacharter::lint::{Options, lint_inputs};
use datacharter::rules::Selection;
use libfuzzer_sys::fuzz_target;
use render::render_json_and_human;

#[path = "../../tests/common/render.rs"]
mod render;

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
    let _ = render_json_and_human(&outcome);
});
