//! Robustness: mutated example files, the YAML test suite, hostile files, and the workspace
//! generator. Whatever the input, lint ends in bounded time with exit code 0 or 1 and every
//! other file still linted; it never panics and never writes to the workspace.

#[allow(dead_code)] // `main` and `write` serve the example binary only
#[path = "../examples/gen-workspace.rs"]
mod gen_workspace;
#[path = "common/render.rs"]
mod render;

use assert_cmd::Command;
use datacharter::finding::{Finding, Target};
use datacharter::lint::{Options, Outcome, lint_inputs};
use datacharter::model::{DocumentKind, TypedDocument};
use datacharter::rules::Selection;
use datacharter::syntax::{self, Limits};
use proptest::prelude::*;
use render::render_json_and_human;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Generous for a debug build on a loaded machine; a hang is what it catches, not slowness.
const BINARY_TIME_LIMIT: Duration = Duration::from_secs(60);
const IN_PROCESS_TIME_LIMIT: Duration = Duration::from_secs(30);

fn options(threads: usize) -> Options {
    Options {
        threads: Some(threads),
        ..Options::new(Selection::default(), jiff::civil::date(2026, 11, 28))
    }
}

/// A typed document as the inventory rebuilds it for custom rules.
fn typed_json(document: &TypedDocument) -> Option<Value> {
    match document {
        TypedDocument::Organisation(d) => serde_json::to_value(d).ok(),
        TypedDocument::Party(d) => serde_json::to_value(d).ok(),
        TypedDocument::Source(d) => serde_json::to_value(d).ok(),
        TypedDocument::Processing(d) => serde_json::to_value(d).ok(),
        TypedDocument::Charter(d) => serde_json::to_value(d).ok(),
        TypedDocument::Policy(d) => serde_json::to_value(d).ok(),
    }
}

/// Runs `work` on its own thread and fails the test if it does not finish in `limit`.
fn within<T: Send + 'static>(limit: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    match receiver.recv_timeout(limit) {
        Ok(value) => value,
        // A panic drops the sender: report it as what it is.
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the work panicked"),
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("the work took longer than {limit:?}"),
    }
}

/// Lints in-process, then locates and renders the findings (human and JSON) so that the
/// reporter sees every position too.
fn lint_and_render(files: Vec<(String, Vec<u8>)>) -> Outcome {
    within(IN_PROCESS_TIME_LIMIT, move || {
        let inputs = files.into_iter().map(|(path, bytes)| (path, Ok(bytes)));
        let outcome = match lint_inputs(inputs, "datacharter.yaml", &options(1)) {
            Ok(outcome) => outcome,
            Err(error) => panic!("lint failed (exit code 2): {error}"),
        };
        let rendered = render_json_and_human(&outcome);
        assert!(rendered.is_ok(), "rendering failed: {rendered:?}");
        outcome
    })
}

fn example_files() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/quatre-saisons");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.expect("walk the example");
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "yaml")
            && entry.file_name() != "datacharter.yaml"
        {
            let relative = path.strip_prefix(&root).expect("under the root");
            let relative = relative.to_string_lossy().replace('\\', "/");
            files.push((relative, fs::read(path).expect("read the example")));
        }
    }
    assert!(files.len() > 10, "the example workspace was not found");
    files
}

// ---------------------------------------------------------------------------------------
// Mutations of the example files (proptest)

/// Fragments that YAML parsers find hard, spliced at random places.
const SPLICES: &[&str] = &[
    "&a ",
    "*a",
    "*missing",
    "[",
    "]",
    "{",
    "}",
    "- ",
    ": ",
    "? ",
    "\t",
    "---\n",
    "...\n",
    "!!binary ",
    "!custom ",
    "|\n",
    ">-\n",
    "'",
    "\"",
    "# datacharter: ignore[DC201]\n",
    "%YAML 1.2\n---\n",
    "<<: *a\n",
    "\u{feff}",
    "\r\n",
    "\0",
    "\u{85}",
    "x: &a [*a]\n",
    "kind: processing\n",
    "id: 1\n",
    "\\",
    "\u{2028}",
    ": : :",
    "[[[[[[[[",
    "{a: {b: {c: ",
];

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    FlipByte { at: usize, mask: u8 },
    DuplicateLine(usize),
    DeleteLine(usize),
    Splice { at: usize, fragment: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1..=255u8).prop_map(|(at, mask)| Mutation::FlipByte { at, mask }),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        any::<usize>().prop_map(Mutation::DeleteLine),
        (any::<usize>(), 0..SPLICES.len())
            .prop_map(|(at, fragment)| Mutation::Splice { at, fragment }),
    ]
}

/// Applies the mutation; positions are taken modulo the file's length, so any value fits.
fn mutate(bytes: &[u8], mutation: &Mutation) -> Vec<u8> {
    let at = |position: usize| position % (bytes.len() + 1);
    let mut lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    match *mutation {
        Mutation::Truncate(position) => bytes[..at(position)].to_vec(),
        Mutation::FlipByte { at: position, mask } => {
            let mut out = bytes.to_vec();
            if !out.is_empty() {
                let index = position % out.len();
                out[index] ^= mask;
            }
            out
        }
        Mutation::DuplicateLine(line) if !lines.is_empty() => {
            let index = line % lines.len();
            lines.insert(index, lines[index]);
            lines.concat()
        }
        Mutation::DeleteLine(line) if !lines.is_empty() => {
            lines.remove(line % lines.len());
            lines.concat()
        }
        Mutation::DuplicateLine(_) | Mutation::DeleteLine(_) => bytes.to_vec(),
        Mutation::Splice {
            at: position,
            fragment,
        } => {
            let index = at(position);
            [
                &bytes[..index],
                SPLICES[fragment].as_bytes(),
                &bytes[index..],
            ]
            .concat()
        }
    }
}

proptest! {
    // Each case lints the 22 example files in a debug build; 128 cases keep the file well
    // under a minute on two cores.
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_file_never_breaks_the_run(target in any::<prop::sample::Index>(), change in mutation()) {
        let files = example_files();
        let target = target.index(files.len());
        let baseline: BTreeMap<String, Vec<Value>> = files
            .iter()
            .map(|(path, bytes)| (path.clone(), syntax::parse(path, bytes, &Limits::default())))
            .map(|(path, parsed)| (path, parsed.documents.into_iter().map(|d| d.value).collect()))
            .collect();
        let mutated_path = files[target].0.clone();
        let mut mutated = files.clone();
        mutated[target].1 = mutate(&files[target].1, &change);

        let outcome = lint_and_render(mutated);

        prop_assert_eq!(outcome.file_count, files.len());
        // Every other file's documents reached the model unchanged (the example is valid, so
        // each document is typed); the run keeps them as typed documents, rebuilt as JSON here.
        let mut typed: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for kind in DocumentKind::ALL {
            for (file, _, _, value) in outcome.inventory.documents_as_json(kind) {
                typed.entry(file).or_default().push(value);
            }
        }
        for (path, values) in &baseline {
            prop_assert!(outcome.files.contains_key(path), "{} was not linted", path);
            if *path != mutated_path {
                let expected: Vec<Value> = values
                    .iter()
                    .filter_map(|value| TypedDocument::from_value(value).ok())
                    .filter_map(|document| typed_json(&document))
                    .collect();
                let mut linted = typed.get(path).cloned().unwrap_or_default();
                let mut expected = expected;
                linted.sort_by_key(Value::to_string);
                expected.sort_by_key(Value::to_string);
                prop_assert_eq!(linted, expected, "{} changed", path);
            }
        }
        // Built-in codes, or the example's own custom rules (the `X` namespace).
        for finding in &outcome.findings {
            prop_assert!(
                finding.code.starts_with("DC") || finding.code.starts_with('X'),
                "unexpected code {}",
                finding.code
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// The YAML test suite

/// Cases where saphyr's reading differs from the suite's, with the reason. Each stays
/// checked: the test fails if a listed case starts agreeing (so the list stays true).
const KNOWN_DIVERGENCES: &[(&str, &str)] = &[(
    "S4JQ",
    "`! 12` (the non-specific tag `!`) must resolve to the string \"12\"; saphyr ignores the tag and reads the integer 12",
)];

fn suite_cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/yaml-test-suite");
    let mut cases: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name() == "in.yaml")
        .filter_map(|entry| entry.path().parent().map(Path::to_path_buf))
        .collect();
    cases.sort();
    cases
}

fn case_name(case: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/yaml-test-suite");
    case.strip_prefix(&root)
        .unwrap_or(case)
        .to_string_lossy()
        .into_owned()
}

/// How the loader answered one case.
#[derive(Debug, PartialEq)]
enum Verdict {
    Accepted,
    Rejected,
    /// Accepted, but not with the suite's values.
    Differs(String),
    /// Rejected, but without a DC001 (or DC003) that has a position.
    RejectedWithoutPosition(String),
}

fn judge(case: &Path) -> Verdict {
    let bytes = fs::read(case.join("in.yaml")).expect("read in.yaml");
    let parsed = syntax::parse("in.yaml", &bytes, &Limits::default());
    if !parsed.findings.is_empty() {
        // A duplicate key (DC003) is a rejection too: the suite accepts `2JQS` (two empty keys)
        // at the syntax level, but a loader must refuse duplicates (YAML 1.2, 3.2.1.1).
        let positioned = |f: &Finding| {
            (f.code == "DC001" || f.code == "DC003")
                && matches!(f.location.target, Target::Text { .. })
        };
        return if parsed.findings.iter().any(positioned) {
            Verdict::Rejected
        } else {
            Verdict::RejectedWithoutPosition(format!("{:?}", parsed.findings))
        };
    }
    let Ok(expected_text) = fs::read_to_string(case.join("in.json")) else {
        return Verdict::Accepted;
    };
    let expected: Result<Vec<Value>, _> = serde_json::Deserializer::from_str(&expected_text)
        .into_iter()
        .collect();
    let Ok(expected) = expected else {
        return Verdict::Accepted;
    };
    let actual: Vec<Value> = parsed.documents.into_iter().map(|d| d.value).collect();
    if actual.len() == expected.len() && actual.iter().zip(&expected).all(|(a, e)| same_value(a, e))
    {
        Verdict::Accepted
    } else {
        Verdict::Differs(format!("expected {expected:?}, got {actual:?}"))
    }
}

/// JSON equality where numbers compare by value: `450.00` in YAML is the number 450, which
/// `in.json` writes `450` and the loader keeps as the float `450.0`.
fn same_value(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Number(a), Value::Number(e)) => a == e || a.as_f64() == e.as_f64(),
        (Value::Array(a), Value::Array(e)) => {
            a.len() == e.len() && a.iter().zip(e).all(|(a, e)| same_value(a, e))
        }
        (Value::Object(a), Value::Object(e)) => {
            a.len() == e.len()
                && a.iter()
                    .all(|(key, a)| e.get(key).is_some_and(|e| same_value(a, e)))
        }
        _ => actual == expected,
    }
}

#[test]
fn yaml_test_suite_is_accepted_as_expected_or_reported_with_a_position() {
    let cases = suite_cases();
    assert!(
        cases.len() > 300,
        "the YAML test suite was not found ({} cases)",
        cases.len()
    );
    let known: BTreeMap<&str, &str> = KNOWN_DIVERGENCES.iter().copied().collect();
    let verdicts = within(IN_PROCESS_TIME_LIMIT * 4, move || {
        cases
            .iter()
            .map(|case| (case_name(case), judge(case)))
            .collect::<Vec<_>>()
    });
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (name, verdict) in verdicts {
        let listed = known.contains_key(name.as_str());
        match verdict {
            Verdict::Accepted | Verdict::Rejected if listed => problems.push(format!(
                "{name}: listed as divergent but now agrees; remove it"
            )),
            Verdict::Accepted | Verdict::Rejected => {}
            Verdict::Differs(_) if listed => {
                seen.insert(name);
            }
            Verdict::Differs(detail) | Verdict::RejectedWithoutPosition(detail) => {
                problems.push(format!("{name}: {detail}"))
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} cases:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// Hostile files, through the binary with a time limit

fn datacharter() -> Command {
    let mut command = Command::cargo_bin("datacharter").expect("binary is built");
    command
        .env("DATACHARTER_TODAY", "2026-11-28")
        .timeout(BINARY_TIME_LIMIT);
    command
}

const ORGANISATION: &str = include_str!("../examples/quatre-saisons/organisation.yaml");
/// With a charter, the organisation alone draws no workspace-wide finding.
const CHARTER: &str = include_str!("../examples/quatre-saisons/charter.yaml");

/// A workspace with settings, a valid organisation and whatever `hostile` adds.
fn hostile_workspace(settings: &str, hostile: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("datacharter.yaml"), settings).expect("write settings");
    fs::write(dir.path().join("organisation.yaml"), ORGANISATION).expect("write organisation");
    fs::write(dir.path().join("charter.yaml"), CHARTER).expect("write charter");
    hostile(dir.path());
    dir
}

/// Runs lint; asserts it ended in time with exit 0 or 1 and that the organisation was linted.
/// Returns the JSON report's diagnostics.
fn lint_hostile(dir: &Path) -> Vec<Value> {
    let before = snapshot(dir);
    let output = datacharter()
        .args(["lint", "--format", "json"])
        .arg(dir)
        .output()
        .expect("runs");
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit code {code:?} (None: killed at the time limit)\nstderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("stdout is the JSON report");
    assert!(
        report["summary"]["files"].as_u64().is_some_and(|n| n >= 1),
        "{report}"
    );
    let diagnostics = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        diagnostics
            .iter()
            .all(|d| d["file"] != "organisation.yaml" && d["file"] != "charter.yaml"),
        "the valid files got findings: {}",
        brief(&diagnostics)
    );
    assert_eq!(snapshot(dir), before, "lint changed the workspace");
    diagnostics
}

/// Every entry under `dir` with its type and, for regular files, its bytes. FIFOs and loops
/// are described, not followed or opened.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (String, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|entry| {
            let kind = format!("{:?}", entry.file_type());
            let bytes = if entry.file_type().is_file() {
                fs::read(entry.path()).unwrap_or_default()
            } else {
                Vec::new()
            };
            (entry.path().to_path_buf(), (kind, bytes))
        })
        .collect()
}

/// Code, file and the start of the message of each diagnostic: hostile inputs make long ones.
fn brief(diagnostics: &[Value]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let message: String = d["message"]
                .as_str()
                .unwrap_or_default()
                .chars()
                .take(120)
                .collect();
            format!("\n  {} {} {message}", d["code"], d["file"])
        })
        .collect()
}

/// The diagnostics on `file`, which must include `code`; returns them.
fn findings_on<'a>(diagnostics: &'a [Value], file: &str, code: &str) -> Vec<&'a Value> {
    let on_file: Vec<&Value> = diagnostics.iter().filter(|d| d["file"] == file).collect();
    assert!(
        on_file.iter().any(|d| d["code"] == code),
        "no {code} on {file}: {}",
        brief(diagnostics)
    );
    on_file
}

const SETTINGS: &str = "datacharter: 1\n";

#[test]
fn billion_laughs_is_refused_quickly() {
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for level in b'b'..=b'k' {
        let previous = (level - 1) as char;
        let level = level as char;
        bomb.push_str(&format!("{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"));
    }
    let dir = hostile_workspace(SETTINGS, |dir| {
        fs::write(dir.join("bomb.yaml"), &bomb).expect("write")
    });
    findings_on(&lint_hostile(dir.path()), "bomb.yaml", "DC001");
}

#[test]
fn hundred_thousand_nested_flow_levels_are_refused() {
    let dir = hostile_workspace(SETTINGS, |dir| {
        fs::write(dir.join("deep.yaml"), "[".repeat(100_000)).expect("write");
    });
    findings_on(&lint_hostile(dir.path()), "deep.yaml", "DC001");
}

#[test]
fn hundred_thousand_nested_block_levels_are_refused() {
    // `- - - … x`: block sequences nested one per `- `, on one line.
    let dir = hostile_workspace(SETTINGS, |dir| {
        fs::write(dir.join("deep.yaml"), "- ".repeat(100_000) + "x\n").expect("write");
    });
    findings_on(&lint_hostile(dir.path()), "deep.yaml", "DC001");
}

#[test]
fn a_hundred_megabyte_file_is_not_read_and_the_diagnostic_says_why() {
    let dir = hostile_workspace(SETTINGS, |dir| {
        let file = fs::File::create(dir.join("huge.yaml")).expect("create");
        file.set_len(100 * 1024 * 1024).expect("sparse file");
    });
    let diagnostics = lint_hostile(dir.path());
    let on_file = findings_on(&diagnostics, "huge.yaml", "DC001");
    let message = on_file[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("104857600") && message.contains("max-file-size"),
        "the message names neither the size nor the setting: {message}"
    );
}

#[test]
fn a_ten_megabyte_line_parses_under_a_raised_limit() {
    let settings = "datacharter: 1\nmax-file-size: 20MiB\n";
    let dir = hostile_workspace(settings, |dir| {
        let long_name = "a".repeat(10 * 1024 * 1024);
        let party = format!(
            "kind: party\nid: long\nroles: [processor]\ncountry: FR\nname: \"{long_name}\"\n"
        );
        fs::write(dir.join("long.yaml"), party).expect("write");
    });
    let diagnostics = lint_hostile(dir.path());
    // Parsed: whatever it reports (a party without a DPA), it is not a syntax or read error.
    assert!(
        diagnostics.iter().all(|d| d["code"] != "DC001"),
        "the long line was not parsed: {}",
        brief(&diagnostics)
    );
}

#[test]
fn nul_bytes_are_a_syntax_error() {
    let dir = hostile_workspace(SETTINGS, |dir| {
        fs::write(
            dir.join("nul.yaml"),
            b"kind: party\nid: \0\0\0\nname: x\0y\n",
        )
        .expect("write");
    });
    findings_on(&lint_hostile(dir.path()), "nul.yaml", "DC001");
}

#[test]
fn invalid_utf8_is_a_syntax_error() {
    let dir = hostile_workspace(SETTINGS, |dir| {
        fs::write(
            dir.join("latin1.yaml"),
            b"kind: party\nid: caf\xe9\nname: \xff\xfe\n",
        )
        .expect("write");
    });
    findings_on(&lint_hostile(dir.path()), "latin1.yaml", "DC001");
}

#[cfg(unix)]
#[test]
fn a_fifo_named_yaml_is_not_opened() {
    let dir = hostile_workspace(SETTINGS, |dir| {
        let status = std::process::Command::new("mkfifo")
            .arg(dir.join("x.yaml"))
            .status()
            .expect("mkfifo runs");
        assert!(status.success(), "mkfifo failed");
    });
    // Opening a FIFO blocks until a writer comes: the walk lists only regular files (and links
    // to them), so the run ends, with the pipe neither read nor counted.
    let output = datacharter()
        .args(["lint", "--format", "json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert_eq!(report["summary"]["files"], 2, "{report}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_end() {
    let dir = hostile_workspace(SETTINGS, |dir| {
        std::os::unix::fs::symlink("b.yaml", dir.join("a.yaml")).expect("symlink");
        std::os::unix::fs::symlink("a.yaml", dir.join("b.yaml")).expect("symlink");
        fs::create_dir(dir.join("nested")).expect("mkdir");
        std::os::unix::fs::symlink("..", dir.join("nested/up")).expect("symlink");
    });
    let diagnostics = lint_hostile(dir.path());
    // The two looping links are reported (not silently skipped); the directory loop is not walked forever.
    for file in ["a.yaml", "b.yaml"] {
        assert!(
            diagnostics.iter().any(|d| d["file"] == file),
            "{file} not reported: {diagnostics:?}"
        );
    }
}

#[test]
fn a_directory_named_yaml_is_walked_not_read() {
    let dir = hostile_workspace(SETTINGS, |dir| {
        fs::create_dir(dir.join("x.yaml")).expect("mkdir");
        fs::write(
            dir.join("x.yaml/inside.yaml"),
            "kind: party\nid: inside\nname: Inside\nroles: [recipient]\n",
        )
        .expect("write");
    });
    let output = datacharter()
        .args(["lint", "--format", "json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    // The directory is no file to lint; the file inside it is.
    assert_eq!(report["summary"]["files"], 3, "{report}");
    let diagnostics = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        diagnostics.iter().all(|d| d["file"] != "x.yaml"),
        "{diagnostics:?}"
    );
}

#[test]
fn max_file_size_overflow_is_a_clear_diagnostic() {
    let dir = hostile_workspace("datacharter: 1\nmax-file-size: 1KB\n", |dir| {
        fs::write(
            dir.join("big.yaml"),
            format!("kind: party\nid: big\nname: \"{}\"\n", "b".repeat(2000)),
        )
        .expect("write");
    });
    // organisation.yaml is 1.5 KB too: give it room by checking only big.yaml's diagnostic.
    let output = datacharter()
        .args(["lint", "--format", "json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    let diagnostics = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let on_big = findings_on(&diagnostics, "big.yaml", "DC001");
    let message = on_big[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("1000-byte limit") && message.contains("max-file-size"),
        "{message}"
    );
    assert!(
        on_big[0]["help"]
            .as_str()
            .is_some_and(|help| help.contains("max-file-size")),
        "{:?}",
        on_big[0]
    );
}

#[test]
fn lint_leaves_a_hostile_workspace_byte_identical() {
    let dir = hostile_workspace(SETTINGS, |dir| {
        fs::write(dir.join("nul.yaml"), b"a: \0\n").expect("write");
        fs::write(dir.join("latin1.yaml"), b"a: \xe9\n").expect("write");
        fs::write(
            dir.join("crlf.yaml"),
            "\u{feff}kind: party\r\nid: crlf\r\nname: C\r\n",
        )
        .expect("write");
        fs::write(dir.join("broken.yaml"), "a: [\n").expect("write");
        fs::write(dir.join("empty.yaml"), "").expect("write");
        fs::File::create(dir.join("sparse.yaml"))
            .and_then(|f| f.set_len(11 * 1024 * 1024))
            .expect("sparse");
        #[cfg(unix)]
        {
            let _ = std::process::Command::new("mkfifo")
                .arg(dir.join("pipe.yaml"))
                .status();
            let _ = std::os::unix::fs::symlink("loop.yaml", dir.join("loop.yaml"));
        }
    });
    // `lint_hostile` compares a snapshot taken before with one taken after.
    lint_hostile(dir.path());
}

// ---------------------------------------------------------------------------------------
// The workspace generator (examples/gen-workspace.rs)

fn spec(processings: usize, files: usize, violations: f64) -> gen_workspace::Spec {
    gen_workspace::Spec {
        processings,
        files,
        seed: 7,
        violations,
        out: PathBuf::new(),
    }
}

fn lint_generated(generated: &gen_workspace::Generated, threads: usize) -> Outcome {
    let inputs = generated
        .files
        .iter()
        .filter(|(path, _)| path != "datacharter.yaml")
        .map(|(path, text)| (path.clone(), Ok(text.clone().into_bytes())));
    lint_inputs(inputs, "datacharter.yaml", &options(threads)).expect("lint runs")
}

#[test]
fn generated_workspaces_are_deterministic_and_clean() {
    let first = gen_workspace::generate(&spec(60, 7, 0.0)).expect("generates");
    let again = gen_workspace::generate(&spec(60, 7, 0.0)).expect("generates");
    assert_eq!(first.files, again.files);
    assert!(first.planted.is_empty());
    let venues = first
        .files
        .iter()
        .filter(|(path, _)| path.starts_with("venues/"))
        .count();
    assert_eq!(venues, 7);
    let outcome = lint_generated(&first, 1);
    let summary: Vec<String> = outcome
        .findings
        .iter()
        .map(|f| format!("{} {} {}", f.code, f.location.file, f.message))
        .collect();
    assert!(
        summary.is_empty(),
        "a clean generated workspace has findings:\n{}",
        summary.join("\n")
    );
    assert_eq!(outcome.document_count, 60 + 13 + 1);
}

#[test]
fn planted_violations_are_found_and_nothing_else_breaks() {
    let generated = gen_workspace::generate(&spec(200, 20, 0.2)).expect("generates");
    assert!(
        generated.planted.len() > 10,
        "too few defects planted: {:?}",
        generated.planted
    );
    let outcome = lint_generated(&generated, 2);
    let found: BTreeSet<(&str, &str)> = outcome
        .findings
        .iter()
        .map(|f| (f.location.file.as_str(), f.code.as_str()))
        .collect();
    for planted in &generated.planted {
        assert!(
            found.contains(&(planted.file.as_str(), planted.code)),
            "planted {planted:?} was not found"
        );
    }
    // A defect may cause other findings in its own file (no security measures on payment data
    // is also weak protection), never elsewhere.
    let touched: BTreeSet<&str> = generated.planted.iter().map(|p| p.file.as_str()).collect();
    for finding in &outcome.findings {
        assert!(
            touched.contains(finding.location.file.as_str()),
            "unexpected finding: {finding:?}"
        );
    }
}

#[test]
fn one_or_two_threads_give_the_same_findings() {
    let generated = gen_workspace::generate(&spec(120, 12, 0.3)).expect("generates");
    let one = lint_generated(&generated, 1);
    let two = lint_generated(&generated, 2);
    assert_eq!(one.findings, two.findings);
    assert_eq!(one.document_count, two.document_count);
}
