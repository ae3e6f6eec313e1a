//! Nothing hidden from an audit: a suppressed finding is listed with its reason in the JSON
//! report (`suppressed`), carried by SARIF as a result with `suppressions` (kind `inSource`,
//! the justification) and marked skipped in JUnit. The workspace is the example with one lawful
//! DC209 suppression added (the one the README shows): a donation to a charity named after a
//! disability is not health data.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

const REASON: &str = "donation earmarked for the gala's partner charity, Handicap International; not health data (checked by the DPO, 2026-09)";

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("creates the directory");
    for entry in fs::read_dir(from).expect("reads the example") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copies a file");
        }
    }
}

/// The example with a suppressed DC209 on a new field of `sources/ticketing.yaml`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/quatre-saisons"),
        dir.path(),
    );
    let source = dir.path().join("sources/ticketing.yaml");
    let text = fs::read_to_string(&source).expect("reads the source");
    let anchor = "  - { name: abonnement, category: transaction.subscription }\n";
    assert!(
        text.contains(anchor),
        "the example's ticketing source changed"
    );
    let field = format!(
        "{anchor}  # datacharter: ignore[DC209] {REASON}\n  - {{ name: don_handicap_international, category: transaction.order, description: \"donation to the partner charity added to the order\" }}\n"
    );
    fs::write(&source, text.replacen(anchor, &field, 1)).expect("writes the source");
    dir
}

fn report(format: &str) -> String {
    let dir = workspace();
    let output = Command::cargo_bin("datacharter")
        .expect("binary is built")
        .env("DATACHARTER_TODAY", "2026-11-28")
        .args(["lint", "--format", format])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn json_lists_suppressed_findings_with_their_reason() {
    let json: Value = serde_json::from_str(&report("json")).expect("JSON");
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(0));
    assert_eq!(json["summary"]["suppressed"], 1);
    let suppressed = json["suppressed"].as_array().expect("a list");
    assert_eq!(suppressed.len(), 1);
    let finding = &suppressed[0];
    assert_eq!(finding["code"], "DC209");
    assert_eq!(finding["file"], "sources/ticketing.yaml");
    assert_eq!(finding["by"], "comment");
    assert_eq!(finding["reason"], REASON);
    assert!(finding["range"]["start"]["line"].as_u64().is_some());
}

#[test]
fn sarif_carries_them_as_suppressed_results() {
    let sarif: Value = serde_json::from_str(&report("sarif")).expect("SARIF");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "DC209");
    let suppressions = results[0]["suppressions"].as_array().expect("suppressions");
    assert_eq!(suppressions.len(), 1);
    assert_eq!(suppressions[0]["kind"], "inSource");
    assert_eq!(suppressions[0]["justification"], REASON);
}

#[test]
fn junit_marks_them_skipped() {
    let xml = report("junit");
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let case = document
        .descendants()
        .find(|node| {
            node.has_tag_name("testcase")
                && node.attribute("classname") == Some("sources/ticketing.yaml")
                && node.attribute("name") == Some("DC209 sensitive-field-name")
        })
        .expect("the DC209 case of ticketing.yaml");
    let skipped = case
        .children()
        .find(|node| node.has_tag_name("skipped"))
        .expect("skipped");
    assert!(skipped.attribute("message").unwrap_or("").contains(REASON));
    assert!(!case.children().any(|node| node.has_tag_name("failure")));
    let suite = case.parent().expect("its suite");
    assert_eq!(suite.attribute("skipped"), Some("1"));
}
