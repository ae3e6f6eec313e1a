//! `datacharter audit` benchmarks on generated exports (divan):
//!
//! ```text
//! cargo bench --bench audit
//! ```
//!
//! `csv_parse_only` is the `csv` crate reading every record (`ByteRecord`), the floor the audit
//! is compared with; `audit_csv` reads the same bytes through the profile (every shape test,
//! the vocabulary on the free-text column, duplicate keys) and runs every DA rule;
//! `audit_xlsx` streams a spreadsheet. Figures are in docs/performance.md.

#[allow(dead_code)] // `main` and `write` serve the example binary only
#[path = "../examples/gen-export.rs"]
mod gen_export;

use datacharter::audit::{self, AuditOptions};
use datacharter::lint::{Options, lint_inputs};
use datacharter::rules::Selection;
use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use std::path::PathBuf;

fn main() {
    divan::main();
}

const ROWS: [usize; 2] = [10_000, 100_000];

/// A folder holding the generated workspace and export.
fn workspace(rows: usize, xlsx: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    gen_export::write(dir.path(), gen_export::Spec { rows, seed: 1 }, xlsx).expect("writes");
    let file = dir.path().join(if xlsx {
        "contacts.xlsx"
    } else {
        "contacts.csv"
    });
    (dir, file)
}

#[divan::bench(args = ROWS)]
fn csv_parse_only(bencher: Bencher, rows: usize) {
    let (_dir, file) = workspace(rows, false);
    let bytes = std::fs::read(&file).expect("reads");
    bencher.counter(BytesCount::of_slice(&bytes)).bench(|| {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(bytes.as_slice());
        let mut record = csv::ByteRecord::new();
        let mut fields = 0usize;
        while reader.read_byte_record(&mut record).unwrap_or(false) {
            fields += record.len();
        }
        black_box(fields)
    });
}

fn run_audit(dir: &std::path::Path, workspace: &str) -> usize {
    let today = jiff::civil::date(2026, 6, 1);
    let options = Options::new(Selection::default(), today);
    let inputs = vec![(
        "workspace.yaml".to_owned(),
        Ok(workspace.as_bytes().to_vec()),
    )];
    let outcome = lint_inputs(inputs, "datacharter.yaml", &options).expect("packs load");
    let audit_options = AuditOptions {
        today,
        locale: datacharter::i18n::Locale::En,
        show_rows: false,
        min_count: 3,
        exports: Vec::new(),
        sources: Vec::new(),
        limits: audit::read::Limits::default(),
        link: None,
        hasher: std::collections::hash_map::RandomState::new(),
    };
    let context =
        audit::audit(dir, &outcome.inventory, &outcome.policy, &audit_options).expect("audits");
    audit::rules::run(&context, &Selection::default()).len()
}

#[divan::bench(args = ROWS)]
fn audit_csv(bencher: Bencher, rows: usize) {
    let (dir, file) = workspace(rows, false);
    let size = std::fs::metadata(&file).expect("exists").len() as usize;
    let workspace = std::fs::read_to_string(dir.path().join("workspace.yaml")).expect("reads");
    bencher
        .counter(BytesCount::new(size))
        .bench(|| black_box(run_audit(dir.path(), &workspace)));
}

#[divan::bench(args = [10_000])]
fn audit_xlsx(bencher: Bencher, rows: usize) {
    let (dir, _) = workspace(rows, true);
    let workspace = std::fs::read_to_string(dir.path().join("workspace.yaml")).expect("reads");
    bencher.bench(|| black_box(run_audit(dir.path(), &workspace)));
}
