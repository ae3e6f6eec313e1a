//! Any bytes as a policy pack (`kind: policy`, custom rules with JSON Schemas) in a workspace
//! with the example's documents: compiling and running the custom rules must not panic or
//! hang (schemas are bounded before they compile, and each rule has a validation budget).
#![no_main]

use datacharter::lint::{Options, lint_inputs};
use datacharter::rules::Selection;
use libfuzzer_sys::fuzz_target;

const ORGANISATION: &str = include_str!("../../examples/quatre-saisons/organisation.yaml");
const PROCESSING: &str =
    include_str!("../../examples/quatre-saisons/processings/newsletter.yaml");
const POLICY: &str = include_str!("../../examples/quatre-saisons/policies/house-rules.yaml");

fuzz_target!(|bytes: &[u8]| {
    let options = Options {
        threads: Some(1),
        ..Options::new(Selection::default(), jiff::civil::date(2026, 11, 28))
    };
    // The input is the pack's text; without its own `kind`, it follows the example pack's head
    // so that most inputs reach the rule compiler rather than the schema.
    let text = String::from_utf8_lossy(bytes);
    let pack = if text.contains("kind:") {
        bytes.to_vec()
    } else {
        let head: String = POLICY.lines().take(6).collect::<Vec<_>>().join("\n");
        format!("{head}\n{text}").into_bytes()
    };
    let inputs = [
        ("organisation.yaml".to_owned(), Ok(ORGANISATION.as_bytes().to_vec())),
        ("processings/newsletter.yaml".to_owned(), Ok(PROCESSING.as_bytes().to_vec())),
        ("policies/fuzz.yaml".to_owned(), Ok(pack)),
    ];
    let _ = lint_inputs(inputs, "datacharter.yaml", &options);
});
