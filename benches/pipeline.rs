//! Stage and whole-run benchmarks on generated workspaces (divan):
//!
//! ```text
//! cargo bench --bench pipeline
//! ```
//!
//! Each size is a number of processings, ten to a file, as `examples/gen-workspace.rs` writes
//! them. The rules' cost is `lint_every_rule` minus `lint_required_rules_only` (the DC0xx
//! checks, which cannot be turned off). `scripts/bench.sh` times whole CLI runs and checks the
//! targets of docs/performance.md.

#[allow(dead_code)] // `main` and `write` serve the example binary only
#[path = "../examples/gen-workspace.rs"]
mod gen_workspace;
#[path = "../tests/common/render.rs"]
mod render;

use datacharter::lint::{Options, Outcome, lint_inputs};
use datacharter::model::{Inventory, TypedDocument};
use datacharter::rules::{REGISTRY, Selection, Selector};
use datacharter::syntax::{self, Limits, ParsedFile};
use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use render::render_json_and_human;

fn main() {
    divan::main();
}

/// 1,000 and 10,000 processings: the tenfold step checks that cost grows linearly.
const SIZES: [usize; 2] = [1_000, 10_000];
/// The whole-run comparisons use the issue's reference workspace.
const REFERENCE: usize = 10_000;

/// Files of a generated workspace (settings left out), as the pipeline takes them.
fn inputs(processings: usize, violations: f64) -> Vec<(String, Vec<u8>)> {
    let spec = gen_workspace::Spec {
        processings,
        files: processings / 10,
        seed: 1,
        violations,
        out: Default::default(),
    };
    match gen_workspace::generate(&spec) {
        Ok(generated) => generated
            .files
            .into_iter()
            .filter(|(path, _)| path != "datacharter.yaml")
            .map(|(path, text)| (path, text.into_bytes()))
            .collect(),
        Err(message) => panic!("cannot generate the workspace: {message}"),
    }
}

fn total_bytes(files: &[(String, Vec<u8>)]) -> usize {
    files.iter().map(|(_, bytes)| bytes.len()).sum()
}

fn parse_all(files: &[(String, Vec<u8>)]) -> Vec<ParsedFile> {
    files
        .iter()
        .map(|(path, bytes)| syntax::parse(path, bytes, &Limits::default()))
        .collect()
}

fn options(selection: Selection, threads: usize) -> Options {
    Options {
        threads: Some(threads),
        ..Options::new(selection, jiff::civil::date(2026, 11, 28))
    }
}

/// Only the always-on DC0xx checks: selecting DC001 keeps them and nothing else.
fn required_rules_only() -> Selection {
    let known: Vec<&str> = REGISTRY.iter().map(|rule| rule.code).collect();
    match Selector::parse("DC001", &known) {
        Ok(selector) => Selection::new(vec![selector], Vec::new(), Vec::new()),
        Err(error) => panic!("DC001 is not a rule: {error:?}"),
    }
}

fn lint(files: &[(String, Vec<u8>)], options: &Options) -> Outcome {
    let inputs = files
        .iter()
        .map(|(path, bytes)| (path.clone(), Ok(bytes.clone())));
    match lint_inputs(inputs, "datacharter.yaml", options) {
        Ok(outcome) => outcome,
        Err(error) => panic!("lint failed: {error}"),
    }
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn parse(bencher: Bencher, processings: usize) {
    let files = inputs(processings, 0.0);
    bencher
        .counter(BytesCount::new(total_bytes(&files)))
        .bench(|| parse_all(black_box(&files)));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn schema(bencher: Bencher, processings: usize) {
    let parsed = parse_all(&inputs(processings, 0.0));
    bencher.bench(|| {
        parsed
            .iter()
            .flat_map(|file| {
                file.documents.iter().map(|document| {
                    datacharter::schema::validate_document(
                        &file.source.path,
                        document.index,
                        &document.value,
                    )
                })
            })
            .collect::<Vec<_>>()
    });
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn model(bencher: Bencher, processings: usize) {
    let parsed = parse_all(&inputs(processings, 0.0));
    bencher.bench(|| {
        let typed = parsed.iter().flat_map(|file| {
            file.documents.iter().filter_map(|document| {
                TypedDocument::from_value(&document.value)
                    .ok()
                    .map(|typed| (file.source.path.clone(), document.index, typed))
            })
        });
        Inventory::new(typed)
    });
}

/// Reading from memory, parsing, schema, model, every rule, suppressions: one thread.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn lint_every_rule(bencher: Bencher, processings: usize) {
    let files = inputs(processings, 0.0);
    let options = options(Selection::default(), 1);
    bencher.bench(|| lint(&files, &options));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn lint_required_rules_only(bencher: Bencher, processings: usize) {
    let files = inputs(processings, 0.0);
    let options = options(required_rules_only(), 1);
    bencher.bench(|| lint(&files, &options));
}

/// The same run on 1 and 2 worker threads.
#[divan::bench(args = [1, 2], sample_count = 5, sample_size = 1)]
fn lint_threads(bencher: Bencher, threads: usize) {
    let files = inputs(REFERENCE, 0.0);
    let options = options(Selection::default(), threads);
    bencher.bench(|| lint(&files, &options));
}

/// Locating and rendering findings (JSON and human) of a workspace with 10% defects.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn report(bencher: Bencher, processings: usize) {
    let outcome = lint(&inputs(processings, 0.1), &options(Selection::default(), 1));
    bencher.bench(|| match render_json_and_human(&outcome) {
        Ok(out) => out.len(),
        Err(error) => panic!("rendering to memory failed: {error}"),
    });
}
