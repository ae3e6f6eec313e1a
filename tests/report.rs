//! The report stage: locating findings in real parsed YAML, and the human and JSON renderers.

use datacharter::finding::{Finding, Location, Severity, TextPos, TextRange};
use datacharter::report::{
    ColorChoice, Diagnostic, HumanOptions, Position, Report, Span, Summary, locate, render_human,
    render_json, should_color,
};
use datacharter::syntax::{Limits, ParsedFile, parse};
use std::collections::BTreeMap;
use std::ffi::OsStr;

type Files = BTreeMap<String, ParsedFile>;

fn parse_files(files: &[(&str, &str)]) -> Files {
    files
        .iter()
        .map(|(path, text)| {
            let parsed = parse(path, text.as_bytes(), &Limits::default());
            assert!(
                parsed.findings.is_empty(),
                "fixture {path} should parse cleanly: {:?}",
                parsed.findings
            );
            (path.to_string(), parsed)
        })
        .collect()
}

fn locate_in(files: &Files, findings: Vec<Finding>) -> Vec<Diagnostic> {
    locate(findings, &|path| files.get(path))
}

fn human(report: &Report, files: &Files) -> String {
    let mut out = Vec::new();
    let options = HumanOptions {
        colored: false,
        width: 100,
    };
    render_human(report, &|path| files.get(path), &options, &mut out).expect("render to memory");
    String::from_utf8(out).expect("the human report is UTF-8")
}

fn json(report: &Report) -> String {
    let mut out = Vec::new();
    render_json(report, &mut out).expect("render to memory");
    String::from_utf8(out).expect("the JSON report is UTF-8")
}

fn pos(line: usize, column: usize) -> Position {
    Position { line, column }
}

/// The text a diagnostic's byte span covers.
fn covered<'a>(files: &'a Files, file: &str, span: &Span) -> &'a str {
    let bytes = span
        .bytes
        .clone()
        .expect("a span in a known file has bytes");
    &files[file].source.text[bytes]
}

fn finding(code: &str, location: Location, message: &str) -> Finding {
    Finding::new(code, "test-rule", Severity::Error, location, message)
}

const TICKETING: &str = "\
id: ticketing
owner:
  team: support
fields:
  - name: notes
    category: health
    detail: wheelchair user
";

const DPO: &str = "\
id: dpo
name: Camille Durand
email: dpo@example.org
";

fn workspace() -> Files {
    parse_files(&[
        ("sources/ticketing.yaml", TICKETING),
        ("people/dpo.yaml", DPO),
    ])
}

#[test]
fn a_node_finding_underlines_the_value() {
    let files = workspace();
    let located = locate_in(
        &files,
        vec![finding(
            "DC204",
            Location::node("sources/ticketing.yaml", 0, "/fields/0/category"),
            "health data",
        )],
    );
    let diagnostic = &located[0];
    assert_eq!(diagnostic.span.start, pos(6, 15));
    assert_eq!(diagnostic.span.end, pos(6, 21));
    assert_eq!(
        covered(&files, "sources/ticketing.yaml", &diagnostic.span),
        "health"
    );
    assert_eq!(diagnostic.pointer.as_deref(), Some("/fields/0/category"));
    assert_eq!(
        diagnostic.document, None,
        "a single-document file has no index"
    );
    assert_eq!(
        diagnostic.label, "health data",
        "the label falls back to the message"
    );
}

#[test]
fn a_missing_key_is_reported_on_its_closest_ancestors_key() {
    let files = workspace();
    let located = locate_in(
        &files,
        vec![finding(
            "DC101",
            Location::node("sources/ticketing.yaml", 0, "/owner/email"),
            "no email",
        )],
    );
    let diagnostic = &located[0];
    assert_eq!(diagnostic.span.start, pos(2, 1));
    assert_eq!(diagnostic.span.end, pos(2, 6));
    assert_eq!(
        covered(&files, "sources/ticketing.yaml", &diagnostic.span),
        "owner"
    );
    assert_eq!(
        diagnostic.pointer.as_deref(),
        Some("/owner/email"),
        "the pointer stays the one the rule asked about"
    );
}

#[test]
fn a_missing_key_under_a_sequence_item_falls_back_to_the_items_value() {
    let files = workspace();
    let located = locate_in(
        &files,
        vec![finding(
            "DC101",
            Location::node("sources/ticketing.yaml", 0, "/fields/0/retention"),
            "no retention",
        )],
    );
    // A sequence item has no key: the whole item is the closest thing there is.
    assert_eq!(located[0].span.start, pos(5, 5));
    assert!(covered(&files, "sources/ticketing.yaml", &located[0].span).starts_with("name: notes"));
    let report = Report::new(".", 2, 2, 0, located);
    insta::assert_snapshot!("sequence_item_human", human(&report, &files));
}

#[test]
fn an_on_key_finding_underlines_the_key() {
    let files = workspace();
    let located = locate_in(
        &files,
        vec![finding(
            "DC002",
            Location::node("sources/ticketing.yaml", 0, "/fields/0/detail").on_key(),
            "unknown key",
        )],
    );
    assert_eq!(located[0].span.start, pos(7, 5));
    assert_eq!(located[0].span.end, pos(7, 11));
    assert_eq!(
        covered(&files, "sources/ticketing.yaml", &located[0].span),
        "detail"
    );
}

#[test]
fn text_and_file_targets() {
    let files = workspace();
    let range = TextRange {
        start: TextPos {
            index: 11,
            line: 2,
            column: 3,
        },
        end: TextPos {
            index: 14,
            line: 2,
            column: 6,
        },
    };
    let located = locate_in(
        &files,
        vec![
            finding(
                "DC001",
                Location::text("people/dpo.yaml", None, range),
                "bad YAML",
            ),
            finding(
                "DC005",
                Location::whole_file("sources/ticketing.yaml"),
                "too large",
            ),
        ],
    );
    // Sorted by file: people/ before sources/.
    let text = &located[0];
    assert_eq!((text.span.start, text.span.end), (pos(2, 4), pos(2, 7)));
    assert_eq!(covered(&files, "people/dpo.yaml", &text.span), "e: ");
    assert_eq!(text.pointer, None);

    let whole = &located[1];
    assert_eq!((whole.span.start, whole.span.end), (pos(1, 1), pos(1, 1)));
    assert_eq!(whole.span.bytes, Some(0..0));
    assert_eq!(whole.pointer, None);
}

#[test]
fn a_missing_file_or_document_is_reported_at_the_start_without_text() {
    let files = workspace();
    let located = locate_in(
        &files,
        vec![
            finding(
                "DC004",
                Location::whole_file("gone.yaml"),
                "cannot read file",
            ),
            finding(
                "DC204",
                Location::node("sources/ticketing.yaml", 3, "/id"),
                "no such document",
            ),
        ],
    );
    for diagnostic in &located {
        assert_eq!(diagnostic.span.start, pos(1, 1));
        assert_eq!(diagnostic.span.end, pos(1, 1));
        assert_eq!(diagnostic.span.bytes, None);
    }
    let report = Report::new(".", 2, 2, 0, located);
    insta::assert_snapshot!("missing_file_human", human(&report, &files));
}

#[test]
fn bom_and_crlf() {
    let files = parse_files(&[("crlf.yaml", "\u{feff}id: x\r\nowner:\r\n  team: ops\r\n")]);
    let located = locate_in(
        &files,
        vec![finding(
            "DC204",
            Location::node("crlf.yaml", 0, "/owner/team"),
            "unknown team",
        )],
    );
    let diagnostic = &located[0];
    assert_eq!(diagnostic.span.start, pos(3, 9));
    assert_eq!(diagnostic.span.end, pos(3, 12));
    // The BOM is dropped from the text, so byte offsets count from `i`.
    assert_eq!(diagnostic.span.bytes, Some(23..26));
    assert_eq!(covered(&files, "crlf.yaml", &diagnostic.span), "ops");
    let report = Report::new(".", 1, 1, 0, located);
    insta::assert_snapshot!("crlf_human", human(&report, &files));
}

#[test]
fn columns_count_characters_not_bytes() {
    let files = parse_files(&[("names.yaml", "title: café 😀\npair: {é: 😀😀, b: target}\n")]);
    let located = locate_in(
        &files,
        vec![finding(
            "DC204",
            Location::node("names.yaml", 0, "/pair/b"),
            "after multi-byte text",
        )],
    );
    let diagnostic = &located[0];
    // `pair: {é: 😀😀, b: ` is 17 characters but 24 bytes.
    assert_eq!(diagnostic.span.start, pos(2, 18));
    assert_eq!(diagnostic.span.end, pos(2, 24));
    assert_eq!(diagnostic.span.bytes, Some(42..48));
    assert_eq!(covered(&files, "names.yaml", &diagnostic.span), "target");
    let report = Report::new(".", 1, 1, 0, located);
    let rendered = human(&report, &files);
    assert!(
        rendered.contains("[names.yaml:2:18]"),
        "the snippet header counts characters too:\n{rendered}"
    );
    insta::assert_snapshot!("multibyte_human", rendered);
}

#[test]
fn a_file_with_two_documents_reports_the_document_index() {
    let files = parse_files(&[
        ("multi.yaml", "---\nid: first\n---\nid: second\nrole: x\n"),
        ("single.yaml", "id: only\n"),
    ]);
    let located = locate_in(
        &files,
        vec![
            finding(
                "DC204",
                Location::node("multi.yaml", 1, "/role"),
                "bad role",
            ),
            finding("DC204", Location::node("single.yaml", 0, "/id"), "bad id"),
        ],
    );
    assert_eq!(located[0].document, Some(1));
    assert_eq!(located[0].span.start, pos(5, 7));
    assert_eq!(located[1].document, None);
    let report = Report::new(".", 2, 3, 0, located);
    insta::assert_snapshot!("two_documents_json", json(&report));
}

#[test]
fn diagnostics_are_sorted_by_file_line_column_code_and_message() {
    let files = workspace();
    let ticketing = |pointer: &str| Location::node("sources/ticketing.yaml", 0, pointer);
    let findings = vec![
        finding("DC300", ticketing("/fields/0/category"), "b"),
        finding("DC300", ticketing("/fields/0/category"), "a"),
        finding("DC200", ticketing("/fields/0/category"), "z"),
        finding("DC900", ticketing("/id"), "first line"),
        finding("DC100", Location::node("people/dpo.yaml", 0, "/email"), "x"),
    ];
    let order = |diagnostics: &[Diagnostic]| -> Vec<(String, String)> {
        diagnostics
            .iter()
            .map(|d| (d.code.clone(), d.message.clone()))
            .collect()
    };
    let sorted = locate_in(&files, findings.clone());
    assert_eq!(
        order(&sorted),
        [
            ("DC100", "x"),
            ("DC900", "first line"),
            ("DC200", "z"),
            ("DC300", "a"),
            ("DC300", "b"),
        ]
        .map(|(code, message)| (code.to_string(), message.to_string()))
    );
    let reversed = locate_in(&files, findings.into_iter().rev().collect());
    assert_eq!(sorted, reversed);
}

/// A finding with everything: its own label, help, a secondary label in the same file and one
/// in another file, next to a warning and an info.
fn full_report(files: &Files) -> Report {
    let findings = vec![
        Finding::new(
            "DC204",
            "disability-detail",
            Severity::Error,
            Location::node("sources/ticketing.yaml", 0, "/fields/0/detail"),
            "Free-text field `detail` records a disability",
        )
        .with_label("health data in free text")
        .with_help("Keep only what the processing needs, or declare the field as health data.")
        .with_secondary(
            Location::node("sources/ticketing.yaml", 0, "/fields/0/category"),
            "declared here as `health`",
        )
        .with_secondary(
            Location::node("people/dpo.yaml", 0, "/name"),
            "the DPO who must review it",
        ),
        Finding::new(
            "DC101",
            "missing-contact",
            Severity::Warning,
            Location::node("sources/ticketing.yaml", 0, "/owner/email"),
            "The owner has no contact email",
        )
        .with_help("Add `email:` under `owner`."),
        Finding::new(
            "DC900",
            "naming",
            Severity::Info,
            Location::node("sources/ticketing.yaml", 0, "/id"),
            "Ids are usually plural",
        ),
    ];
    Report::new(".", 2, 2, 1, locate_in(files, findings))
}

#[test]
fn secondary_labels_are_located_in_their_own_files() {
    let files = workspace();
    let report = full_report(&files);
    let detail = report
        .diagnostics
        .iter()
        .find(|d| d.code == "DC204")
        .expect("the DC204 finding is reported");
    let [same_file, other_file] = detail.labels.as_slice() else {
        panic!("two labels expected, got {:?}", detail.labels);
    };
    assert_eq!(same_file.span.start, pos(6, 15));
    assert_eq!(other_file.file, "people/dpo.yaml");
    assert_eq!(other_file.span.start, pos(2, 7));
    assert_eq!(
        covered(&files, "people/dpo.yaml", &other_file.span),
        "Camille Durand"
    );
}

#[test]
fn human_report() {
    let files = workspace();
    insta::assert_snapshot!("full_human", human(&full_report(&files), &files));
}

#[test]
fn json_report() {
    let files = workspace();
    let rendered = json(&full_report(&files));
    let value: serde_json::Value = serde_json::from_str(&rendered).expect("valid JSON");
    assert_eq!(value["version"], 1);
    assert_eq!(value["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(rendered.ends_with("}\n"));
    insta::assert_snapshot!("full_json", rendered);
}

#[test]
fn rendering_is_byte_identical_across_runs() {
    let files = workspace();
    let first = full_report(&files);
    let second = full_report(&files);
    assert_eq!(json(&first), json(&second));
    assert_eq!(human(&first, &files), human(&second, &files));
}

#[test]
fn a_clean_run() {
    let files = workspace();
    let report = Report::new(".", 7, 9, 0, Vec::new());
    assert_eq!(human(&report, &files), "No problems found in 7 files\n");
    insta::assert_snapshot!("clean_json", json(&report));
}

#[test]
fn summary_line() {
    let summary = |errors, warnings, infos, files, suppressed| {
        Summary {
            files,
            documents: files,
            errors,
            warnings,
            infos,
            suppressed,
            ..Summary::default()
        }
        .to_string()
    };
    assert_eq!(summary(2, 1, 0, 7, 0), "2 errors, 1 warning in 7 files");
    assert_eq!(summary(1, 0, 0, 1, 0), "1 error in 1 file");
    assert_eq!(summary(0, 2, 1, 3, 0), "2 warnings, 1 info in 3 files");
    assert_eq!(summary(0, 0, 0, 1, 0), "No problems found in 1 file");
    assert_eq!(
        summary(0, 0, 0, 7, 2),
        "No problems found in 7 files (2 suppressed)"
    );
    assert_eq!(
        summary(1, 0, 3, 2, 1),
        "1 error, 3 infos in 2 files (1 suppressed)"
    );
}

#[test]
fn summary_counts_severities() {
    let files = workspace();
    let report = full_report(&files);
    assert_eq!(
        report.summary,
        Summary {
            files: 2,
            documents: 2,
            errors: 1,
            warnings: 1,
            infos: 1,
            suppressed: 1,
            ..Summary::default()
        }
    );
}

#[test]
fn colour_decision() {
    let unset = None;
    let empty = Some(OsStr::new(""));
    let set = Some(OsStr::new("1"));
    assert!(should_color(ColorChoice::Always, false, set));
    assert!(!should_color(ColorChoice::Never, true, unset));
    assert!(should_color(ColorChoice::Auto, true, unset));
    assert!(should_color(ColorChoice::Auto, true, empty));
    assert!(!should_color(ColorChoice::Auto, true, set));
    assert!(!should_color(ColorChoice::Auto, false, unset));
}

#[test]
fn colour_adds_escape_codes_only_when_asked() {
    let files = workspace();
    let report = full_report(&files);
    let mut coloured = Vec::new();
    let options = HumanOptions {
        colored: true,
        width: 100,
    };
    render_human(&report, &|path| files.get(path), &options, &mut coloured)
        .expect("render to memory");
    assert!(String::from_utf8_lossy(&coloured).contains('\u{1b}'));
    assert!(!human(&report, &files).contains('\u{1b}'));
}

#[test]
fn an_empty_file_and_a_position_at_the_end_of_the_text_still_render() {
    let files = parse_files(&[("empty.yaml", ""), ("cut.yaml", "id: x\nname: y")]);
    let end = files["cut.yaml"].source.end_pos();
    let located = locate_in(
        &files,
        vec![
            finding("DC005", Location::whole_file("empty.yaml"), "empty file"),
            finding(
                "DC001",
                Location::text("cut.yaml", None, TextRange { start: end, end }),
                "unexpected end",
            ),
        ],
    );
    assert_eq!(located[0].span.start, pos(2, 8));
    assert_eq!(located[0].span.bytes, Some(13..13));
    assert_eq!(located[1].span.bytes, Some(0..0));
    let report = Report::new(".", 2, 1, 0, located);
    insta::assert_snapshot!("end_of_text_human", human(&report, &files));
}
