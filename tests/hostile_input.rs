//! Hostile input: one test per attack on datacharter's budgets and on the integrity of what it
//! prints (SECURITY.md, "Resource budgets" and "Output integrity"). Each test runs the binary
//! on a workspace written as an attacker would, and asserts the safe outcome and, measured on
//! the child process (`wait4`), that it ended in time and within a memory bound. The bounds are
//! generous (a debug build on a loaded machine): they catch a hang or a blow-up, not slowness.
#![cfg(target_os = "linux")]

use datacharter::syntax::{self, Limits, NodeKind};
use serde_json::Value;
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ORGANISATION: &str = include_str!("../examples/quatre-saisons/organisation.yaml");
const CHARTER: &str = include_str!("../examples/quatre-saisons/charter.yaml");

/// What one run of the binary did.
struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// Peak resident memory of the child, in MiB.
    peak_mib: u64,
    took: Duration,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Asserts that the run ended with `code`, within `seconds` and `mib`.
    fn within(&self, code: i32, seconds: u64, mib: u64) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "stderr: {}",
            String::from_utf8_lossy(&self.stderr)
        );
        assert!(
            self.took <= Duration::from_secs(seconds),
            "took {:?}, bound {seconds} s",
            self.took
        );
        assert!(
            self.peak_mib <= mib,
            "peak memory {} MiB, bound {mib} MiB",
            self.peak_mib
        );
        self
    }
}

/// Runs the binary with `args` (and `env`), killing it past `limit`; measures its time and
/// peak memory with `wait4`, which reports on that one child.
fn run(args: &[&OsStr], env: &[(&str, &OsStr)], limit: Duration) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_datacharter"));
    command
        .args(args)
        .env("DATACHARTER_TODAY", "2026-11-28")
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let start = Instant::now();
    // Reaped by `wait4` below (which also gives its resource usage), not by `Child::wait`.
    #[allow(clippy::zombie_processes)]
    let mut child = command.spawn().expect("the binary starts");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr piped")));
    let pid = i32::try_from(child.id()).expect("a pid fits");
    let mut status = 0;
    // SAFETY: `rusage` is plain data that `wait4` fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: waits for our own child, with valid pointers to locals.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            break;
        }
        assert!(done == 0, "wait4 failed");
        if start.elapsed() > limit {
            let _ = child.kill();
            // SAFETY: as above, now blocking until the killed child is reaped.
            unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
            panic!("killed after {limit:?}: datacharter hangs on this input");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let took = start.elapsed();
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Run {
        code,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
        peak_mib: u64::try_from(usage.ru_maxrss).unwrap_or(0) / 1024,
        took,
    }
}

fn lint(dir: &Path, format: &str) -> Run {
    run(
        &[
            OsStr::new("lint"),
            OsStr::new("--format"),
            OsStr::new(format),
            dir.as_os_str(),
        ],
        &[],
        Duration::from_secs(120),
    )
}

/// A workspace with settings and a valid organisation and charter, plus `files`.
fn workspace(settings: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(path, bytes).expect("write");
    };
    write("datacharter.yaml", settings.as_bytes());
    write("organisation.yaml", ORGANISATION.as_bytes());
    write("charter.yaml", CHARTER.as_bytes());
    for (name, bytes) in files {
        write(name, bytes);
    }
    dir
}

fn json_diagnostics(run: &Run) -> Vec<Value> {
    let report: Value = serde_json::from_slice(&run.stdout).expect("the JSON report");
    report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn messages(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| format!("{} {}", d["file"], d["message"]))
        .collect()
}

/// A 1.6 KB source whose aliases expand to some 90,000 values: under the per-file cap.
fn alias_file(id: usize) -> Vec<u8> {
    let mut text = format!("kind: source\nid: s{id}\nname: x\nx0: &a0 [");
    text.push_str(&["xxxxxxxx"; 10].join(","));
    text.push_str("]\n");
    for level in 1..5 {
        let count = if level < 4 { 10 } else { 7 };
        let refs = vec![format!("*a{}", level - 1); count].join(",");
        let _ = writeln!(text, "x{level}: &a{level} [{refs}]");
    }
    text.into_bytes()
}

#[test]
fn alias_expansion_is_budgeted_for_the_whole_workspace() {
    let files: Vec<(String, Vec<u8>)> = (0..40)
        .map(|i| (format!("sources/s{i}.yaml"), alias_file(i)))
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    let dir = workspace("datacharter: 1\n", &refs);
    let run = lint(dir.path(), "json");
    // 40 files × 90,000 values would be 3.6 million; the budget stops at 1 million.
    run.within(1, 60, 600);
    let diagnostics = json_diagnostics(&run);
    let stopped = diagnostics
        .iter()
        .filter(|d| {
            d["code"] == "DC001"
                && d["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("aliases in the workspace expand to more than"))
        })
        .count();
    assert!(stopped >= 20, "{:?}", messages(&diagnostics));
}

/// `levels` definitions, each referring twice to the next one.
fn doubling_refs(levels: usize) -> String {
    let mut defs = String::new();
    for level in 0..levels {
        let _ = writeln!(
            defs,
            "          l{level}: {{ allOf: [{{ $ref: '#/$defs/l{next}' }}, {{ $ref: '#/$defs/l{next}' }}] }}",
            next = level + 1
        );
    }
    let _ = writeln!(defs, "          l{levels}: {{ type: string }}");
    defs
}

fn policy_with_schema(schema_lines: &str, path: &str) -> String {
    format!(
        "kind: policy\nid: hostile\nrules:\n  - code: X001\n    name: hostile-rule\n    severity: error\n    message: \"hostile\"\n    given: {{ kind: organisation }}\n    then:\n      path: \"{path}\"\n      schema:\n{schema_lines}"
    )
}

fn lint_policy(policy: &str) -> (Run, Vec<Value>) {
    let dir = workspace(
        "datacharter: 1\npolicies: [policies/hostile.yaml]\n",
        &[("policies/hostile.yaml", policy.as_bytes())],
    );
    let run = lint(dir.path(), "json");
    let diagnostics = json_diagnostics(&run);
    (run, diagnostics)
}

fn on_the_rule<'a>(diagnostics: &'a [Value], words: &str) -> Option<&'a Value> {
    diagnostics.iter().find(|d| {
        d["file"] == "policies/hostile.yaml"
            && d["message"].as_str().is_some_and(|m| m.contains(words))
    })
}

#[test]
fn a_custom_rule_with_forty_levels_of_doubled_refs_is_refused_at_once() {
    let schema = format!(
        "        $ref: '#/$defs/l0'\n        $defs:\n{}",
        doubling_refs(40)
    );
    let (run, diagnostics) = lint_policy(&policy_with_schema(&schema, "/name"));
    run.within(1, 20, 300);
    let finding = on_the_rule(&diagnostics, "`$ref`");
    assert!(finding.is_some(), "{:?}", messages(&diagnostics));
}

#[test]
fn a_hundred_thousand_link_ref_chain_is_refused_in_linear_time() {
    let mut schema = String::from("        $ref: '#/$defs/d0'\n        $defs:\n");
    for link in 0..100_000 {
        let _ = writeln!(
            schema,
            "          d{link}: {{ $ref: '#/$defs/d{}' }}",
            link + 1
        );
    }
    let _ = writeln!(schema, "          d100000: {{ type: string }}");
    let (run, diagnostics) = lint_policy(&policy_with_schema(&schema, "/name"));
    run.within(1, 60, 800);
    assert!(
        on_the_rule(&diagnostics, "`$ref`").is_some(),
        "{:?}",
        messages(&diagnostics)
    );
}

#[test]
fn a_rule_over_its_validation_budget_stops_with_a_finding_on_the_policy() {
    // A flat `anyOf` of 4,900 alternatives weighs some 9,800 schema parts (under the compile
    // bound of 10,000); checked on each of 150 organisation documents of some 60 values, it
    // would cost about 90 million steps: over the 50 million budget.
    let mut schema = String::from("        anyOf:\n");
    for _ in 0..4_900 {
        schema.push_str("          - { type: string }\n");
    }
    let policy = policy_with_schema(&schema, "");
    let organisations: Vec<(String, Vec<u8>)> = (0..150)
        .map(|i| (format!("more/o{i}.yaml"), ORGANISATION.as_bytes().to_vec()))
        .collect();
    let mut files: Vec<(&str, &[u8])> = organisations
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    files.push(("policies/hostile.yaml", policy.as_bytes()));
    let dir = workspace(
        "datacharter: 1\npolicies: [policies/hostile.yaml]\n",
        &files,
    );
    let run = lint(dir.path(), "json");
    run.within(1, 60, 600);
    let diagnostics = json_diagnostics(&run);
    assert!(
        on_the_rule(&diagnostics, "was stopped").is_some(),
        "{:?}",
        messages(&diagnostics)
    );
}

#[test]
fn locating_every_key_of_a_huge_mapping_is_linear() {
    // 200,000 keys located one by one: quadratic, this would be 20 billion comparisons.
    let mut text = String::new();
    for key in 0..200_000 {
        let _ = writeln!(text, "k{key}: {key}");
    }
    let start = Instant::now();
    let file = syntax::parse("keys.yaml", text.as_bytes(), &Limits::default());
    let document = &file.documents[0];
    assert!(matches!(document.root.kind, NodeKind::Mapping(_)));
    for key in (0..200_000).step_by(1) {
        let resolved = document.resolve(&format!("/k{key}"));
        assert!(resolved.exact);
        assert_eq!(resolved.value.start.line, key + 1);
    }
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn thousands_of_unknown_keys_cost_linear_time_in_the_machine_formats() {
    let mut text = String::from("kind: source\nid: s\nname: x\ntype: crm\n");
    for key in 0..5_000 {
        let _ = writeln!(text, "unknown{key}: 1");
    }
    let dir = workspace("datacharter: 1\n", &[("sources/s.yaml", text.as_bytes())]);
    for format in ["json", "sarif", "junit"] {
        let run = lint(dir.path(), format);
        run.within(1, 60, 500);
        assert!(
            run.stdout().matches("unknown4999").count() >= 1,
            "{format}: the last key is reported"
        );
    }
}

#[test]
fn a_million_empty_documents_are_one_finding_not_a_million() {
    let text = "---\n".repeat(1_000_000);
    let dir = workspace("datacharter: 1\n", &[("empty.yaml", text.as_bytes())]);
    let run = lint(dir.path(), "json");
    run.within(1, 60, 600);
    assert!(run.stdout.len() < 100_000, "{} bytes", run.stdout.len());
    let on_file: Vec<Value> = json_diagnostics(&run)
        .into_iter()
        .filter(|d| d["file"] == "empty.yaml")
        .collect();
    assert_eq!(on_file.len(), 2, "{:?}", messages(&on_file));
    assert!(
        on_file[1]["message"]
            .as_str()
            .is_some_and(|m| m.contains("999999 more empty documents")),
        "{:?}",
        messages(&on_file)
    );
}

#[test]
fn many_findings_over_many_files_render_in_linear_time_as_junit_and_sarif() {
    let files: Vec<(String, Vec<u8>)> = (0..150)
        .map(|f| {
            let mut text = format!("kind: source\nid: s{f}\nname: x\ntype: crm\n");
            for key in 0..40 {
                let _ = writeln!(text, "u{key}: 1");
            }
            (format!("sources/s{f}.yaml"), text.into_bytes())
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    let dir = workspace("datacharter: 1\n", &refs);
    let json = lint(dir.path(), "json");
    json.within(1, 60, 500);
    for format in ["junit", "sarif"] {
        let run = lint(dir.path(), format);
        run.within(1, 60, 500);
        // Streamed: no second copy of the report as a tree.
        assert!(
            run.peak_mib <= json.peak_mib * 2 + 50,
            "{format}: {} MiB against {} MiB for JSON",
            run.peak_mib,
            json.peak_mib
        );
    }
}

#[test]
fn a_dense_flow_list_costs_memory_in_proportion_to_its_size() {
    let mut text = String::from("kind: source\nid: s\nname: x\ntype: crm\nx: [");
    text.push_str(&vec!["1"; 500_000].join(","));
    text.push_str("]\n");
    let dir = workspace("datacharter: 1\n", &[("sources/s.yaml", text.as_bytes())]);
    let run = lint(dir.path(), "json");
    // 1 MB of YAML: well under 150 bytes of memory per byte, the binary's own size included.
    run.within(1, 60, 150);
}

/// The characters no report may show as themselves.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            matches!(c,
                '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
                | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[test]
fn escape_sequences_and_bidi_in_values_and_comments_never_reach_a_reader() {
    // A comment that would clear the screen and print a fake verdict, a value with an OSC 52
    // clipboard write and a bidi override, an unknown key carrying a CSI sequence.
    let hostile = "kind: source\nid: s\nname: \"x\u{1b}]52;c;ZXZpbA==\u{7}\u{202e}gnp.exe\"\ntype: crm\n\
                   # \u{1b}[2J\u{1b}[32mNo problems found\u{1b}[0m\u{2066}\n\
                   \"k\u{1b}[31m\u{9b}\u{2028}\": 1\n";
    let dir = workspace(
        "datacharter: 1\n",
        &[("sources/s.yaml", hostile.as_bytes())],
    );
    for format in ["human", "concise", "github", "json", "sarif", "junit"] {
        let run = lint(dir.path(), format);
        run.within(1, 30, 300);
        let out = run.stdout();
        assert!(
            out.contains("DC002") || out.contains("unknown"),
            "{format}: {out}"
        );
        if format != "json" && format != "sarif" {
            assert_eq!(raw_controls(&out), Vec::<char>::new(), "{format}: {out}");
        }
    }
    // JSON and SARIF escape controls as JSON does (`\u001b`); bidi characters are escaped in
    // SARIF messages, which viewers show as text.
    let run = lint(dir.path(), "human");
    assert!(run.stdout().contains("\\u{1b}"), "{}", run.stdout());
}

#[test]
fn custom_rule_texts_reach_the_terminal_escaped() {
    // A workspace pack whose custom rule carries a screen clear, an OSC 52 clipboard write and
    // a bidi override in its message and help: `rule` and `policy show` print them.
    let pack = "kind: policy\nid: house\nrules:\n  - code: X001\n    name: evil-name\n    \
                severity: warning\n    given: { kind: source }\n    then: { path: /vendor, present: true }\n    \
                message: \"\\e]52;c;ZXZpbA==\\a\\u202eexe.txt\"\n    help: \"\\e[32mNo problems found\"\n";
    let dir = workspace(
        "datacharter: 1\npolicies: [house.yaml]\n",
        &[("house.yaml", pack.as_bytes())],
    );
    for args in [
        &[
            OsStr::new("rule"),
            OsStr::new("X001"),
            OsStr::new("--config"),
        ][..],
        &[
            OsStr::new("policy"),
            OsStr::new("show"),
            OsStr::new("--config"),
        ][..],
    ] {
        let settings = dir.path().join("datacharter.yaml");
        let mut all: Vec<&OsStr> = args.to_vec();
        all.push(settings.as_os_str());
        let run = run(&all, &[], Duration::from_secs(30));
        let out = run.stdout();
        assert!(!out.is_empty(), "{args:?}: nothing printed");
        assert!(
            out.contains("52;c;ZXZpbA=="),
            "{args:?}: the message is shown: {out}"
        );
        assert_eq!(raw_controls(&out), Vec::<char>::new(), "{args:?}: {out}");
    }
}

#[test]
fn a_newline_in_a_file_name_forges_no_line() {
    let name = "sources/a\n::error file=x.yaml::forged\n.yaml";
    let dir = workspace(
        "datacharter: 1\n",
        &[(name, b"kind: source\nid: s\nname: x\ntype: crm\nbogus: 1\n")],
    );
    for format in ["concise", "github", "human"] {
        let run = lint(dir.path(), format);
        run.within(1, 30, 300);
        let out = run.stdout();
        assert!(
            !out.lines()
                .any(|line| line.starts_with("::error file=x.yaml")),
            "{format}: {out}"
        );
        // Shown escaped (GitHub also encodes the `:` of a property).
        assert!(out.contains("a\\n"), "{format}: {out}");
    }
}

#[test]
fn the_step_summary_renders_no_attacker_link_or_image() {
    let dir = workspace(
        "datacharter: 1\n",
        &[(
            "sources/s.yaml",
            b"kind: source\nid: s\nname: x\ntype: crm\n\"![p](https://e.vil/x.png) [click](https://e.vil) <img src=x>\": 1\n",
        )],
    );
    let summary = dir.path().join("summary.md");
    let run = run(
        &[
            OsStr::new("lint"),
            OsStr::new("--format"),
            OsStr::new("github"),
            dir.path().as_os_str(),
        ],
        &[("GITHUB_STEP_SUMMARY", summary.as_os_str())],
        Duration::from_secs(30),
    );
    run.within(1, 30, 300);
    let text = fs::read_to_string(&summary).expect("the summary is written");
    assert!(text.contains("e\\.vil"), "{text}");
    for live in ["![", "](", "<img", "https://"] {
        assert!(!text.contains(live), "`{live}` in {text}");
    }
}

#[test]
fn sarif_uris_are_percent_encoded() {
    let dir = workspace(
        "datacharter: 1\n",
        &[(
            "sources/a b#1%é.yaml",
            b"kind: source\nid: s\nname: x\ntype: crm\nbogus: 1\n",
        )],
    );
    let run = lint(dir.path(), "sarif");
    run.within(1, 30, 300);
    let sarif: Value = serde_json::from_slice(&run.stdout).expect("SARIF is JSON");
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(
        uris.contains(&"sources/a%20b%231%25%C3%A9.yaml"),
        "{uris:?}"
    );
}

#[test]
fn csv_cells_that_would_be_formulas_are_neutralised() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/quatre-saisons");
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in walkdir::WalkDir::new(&example) {
        let entry = entry.expect("walk");
        let Ok(relative) = entry.path().strip_prefix(&example) else {
            continue;
        };
        let target = dir.path().join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            let bytes = fs::read(entry.path()).expect("read");
            // Every processing and source name becomes a formula (the example's data exports,
            // such as a spreadsheet, are copied as they are).
            match String::from_utf8(bytes) {
                Ok(text) => {
                    let text =
                        text.replace("\nname: ", "\nname: '=HYPERLINK(\"https://e.vil\")' # ");
                    fs::write(&target, text).expect("write");
                }
                Err(error) => fs::write(&target, error.into_bytes()).expect("write"),
            }
        }
    }
    for command in ["register", "map"] {
        let run = run(
            &[
                OsStr::new(command),
                OsStr::new("--format"),
                OsStr::new("csv"),
                dir.path().as_os_str(),
            ],
            &[],
            Duration::from_secs(30),
        );
        assert!(
            matches!(run.code, Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let out = run.stdout();
        assert!(out.contains("HYPERLINK"), "{command}: {out}");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(out.as_bytes());
        for record in reader.records() {
            let record = record.expect("valid CSV");
            for cell in &record {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{command}: live formula {cell:?}"
                );
            }
        }
    }
}

#[test]
fn lone_carriage_returns_end_lines_for_positions_snippets_and_suppressions() {
    let text = "kind: source\rid: s\rname: x\rtype: crm\r# datacharter: ignore[DC002] tested\rignored: 1\rbogus: 1\r";
    let dir = workspace("datacharter: 1\n", &[("sources/cr.yaml", text.as_bytes())]);
    let run = lint(dir.path(), "json");
    run.within(1, 30, 300);
    let on_file: Vec<Value> = json_diagnostics(&run)
        .into_iter()
        .filter(|d| d["file"] == "sources/cr.yaml")
        .collect();
    // `ignored` is suppressed by the comment above it; `bogus` is on line 7, column 1.
    assert_eq!(on_file.len(), 1, "{:?}", messages(&on_file));
    assert_eq!(on_file[0]["range"]["start"]["line"], 7);
    assert_eq!(on_file[0]["range"]["start"]["column"], 1);
    let human = lint(dir.path(), "human");
    let out = human.stdout();
    assert!(!out.contains('\r'), "{out:?}");
    assert!(out.contains("bogus: 1"), "{out}");
}
