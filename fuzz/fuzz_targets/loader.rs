//! Any bytes through the YAML loader: it must return (documents and findings), never panic,
//! and every finding's text range must lie inside the source.
#![no_main]

use datacharter::finding::Target;
use datacharter::syntax::{Limits, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let parsed = parse("fuzz.yaml", bytes, &Limits::default());
    let length = parsed.source.text.chars().count();
    for finding in &parsed.findings {
        if let Target::Text { range, .. } = &finding.location.target {
            assert!(range.start.index <= range.end.index && range.end.index <= length);
        }
    }
    for document in &parsed.documents {
        // Every pointer the loader indexed resolves.
        let _ = document.resolve("");
    }
});
