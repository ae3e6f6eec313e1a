//! CI outputs: concise, SARIF (validated against the official 2.1.0 schema), GitHub workflow
//! commands and step summary, JUnit (parsed back as XML), statistics, several reports per run,
//! gating, and the GitHub Action and GitLab snippets of `README.md`, run as far as this machine
//! allows.

#[path = "common/repository.rs"]
mod repository;

use datacharter::cli::{self, Command as CliCommand, Format, ReportSpec};
use datacharter::finding::Severity;
use datacharter::report::{
    Diagnostic, LocatedLabel, Position, Report, Span, render_concise, render_github, render_junit,
    render_sarif, render_step_summary,
};
use datacharter::rules::REGISTRY;
use datacharter::syntax::{Limits, parse};
use repository::{copy_dir, git};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use tempfile::TempDir;

/// Fixes the date rules, so that runs are reproducible.
const TODAY: &str = "2026-06-01";

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> PathBuf {
    manifest_dir().join("examples").join(name)
}

fn datacharter() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_datacharter"));
    command
        .env("DATACHARTER_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY");
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("datacharter runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

/// A git repository whose `governance/` folder is the clean example plus one copied source that
/// feeds nothing (a DC802 warning) and duplicates another (a DC805 info). Its file name and its
/// `name` (quoted in the DC802 message) hold `%`, `:`, `,` and a line break.
fn governance_repository() -> TempDir {
    let repository = tempfile::tempdir().expect("temp dir");
    let root = repository.path().join("governance");
    copy_dir(&example("quatre-saisons"), &root);
    let website = fs::read_to_string(root.join("sources/website.yaml")).expect("example source");
    let copy = website
        .replace("id: website\n", "id: website-copy\n")
        .replace(
            "name: Site web du théâtre\n",
            "name: \"Site web: 100% à jour, v2\\nseconde ligne\"\n",
        );
    assert_ne!(
        copy, website,
        "the example source changed: update this fixture"
    );
    fs::write(root.join("sources/web,copy:1.yaml"), copy).expect("write source");
    git(repository.path(), &["init", "-q"]);
    repository
}

fn sarif_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let path = manifest_dir().join("tests/data/sarif-schema-2.1.0.json");
        let text = fs::read_to_string(&path).expect("the SARIF schema is in tests/data");
        let schema: Value = serde_json::from_str(&text).expect("the SARIF schema is JSON");
        jsonschema::options()
            .offline()
            .build(&schema)
            .expect("the SARIF schema compiles")
    })
}

/// Parses a SARIF report and checks it against the official schema and our own promises.
fn valid_sarif(text: &str) -> Value {
    let sarif: Value = serde_json::from_str(text).expect("SARIF is JSON");
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&sarif)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
    let run = &sarif["runs"][0];
    assert_eq!(sarif["runs"].as_array().map(Vec::len), Some(1), "one run");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rule_ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|rule| rule["id"].as_str().expect("rule id"))
        .collect();
    for result in run["results"].as_array().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(Some(&rule_ids[index]), result["ruleId"].as_str().as_ref());
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(
            !uri.starts_with('/') && !uri.contains(":/"),
            "relative uri: {uri}"
        );
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(
                location["region"][key].as_u64().is_some_and(|n| n >= 1),
                "{key} in {result}"
            );
        }
    }
    sarif
}

fn span(start: (usize, usize), end: (usize, usize)) -> Span {
    Span {
        start: Position {
            line: start.0,
            column: start.1,
        },
        end: Position {
            line: end.0,
            column: end.1,
        },
        bytes: None,
    }
}

fn diagnostic(code: &str, severity: Severity, file: &str, span: Span, message: &str) -> Diagnostic {
    Diagnostic {
        code: code.to_owned(),
        name: "test-rule".to_owned(),
        severity,
        message: message.to_owned(),
        file: file.to_owned(),
        pointer: Some("/fields/0".to_owned()),
        document: None,
        span,
        label: message.to_owned(),
        help: None,
        labels: Vec::new(),
        key: Default::default(),
        audit: None,
    }
}

fn render(render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    render(&mut out).expect("render to memory");
    String::from_utf8(out).expect("UTF-8")
}

// --- GitHub workflow commands -------------------------------------------------------------

#[test]
fn github_commands_escape_messages_and_properties() {
    let mut tricky = diagnostic(
        "DC204",
        Severity::Error,
        "sources/a,b:c.yaml",
        span((3, 5), (3, 9)),
        "100% sure: a, b\r\nand c",
    );
    tricky.name = "disability-detail".to_owned();
    tricky.help = Some("see: 50%".to_owned());
    let report = Report::new(".", 1, 1, 0, vec![tricky]);
    let text = render(|out| render_github(&report, "gov/", false, out));
    assert_eq!(
        text,
        "::error file=gov/sources/a%2Cb%3Ac.yaml,line=3,endLine=3,col=5,endColumn=9,\
         title=DC204 disability-detail::100%25 sure: a, b%0D%0Aand c%0Ahelp: see: 50%25\n\
         1 error in 1 file\n"
    );
}

#[test]
fn github_commands_drop_columns_across_lines_and_map_severities() {
    let report = Report::new(
        ".",
        1,
        1,
        0,
        vec![
            diagnostic(
                "DC001",
                Severity::Warning,
                "a.yaml",
                span((2, 3), (4, 1)),
                "spans lines",
            ),
            diagnostic(
                "DC002",
                Severity::Info,
                "a.yaml",
                span((5, 1), (5, 1)),
                "a note",
            ),
        ],
    );
    let text = render(|out| render_github(&report, "", true, out));
    assert_eq!(
        text,
        "::warning file=a.yaml,line=2,endLine=4,title=DC001 test-rule::spans lines\n\
         ::notice file=a.yaml,line=5,endLine=5,col=1,endColumn=1,title=DC002 test-rule::a note\n"
    );
}

#[test]
fn step_summary_is_a_markdown_table_that_survives_odd_messages() {
    let report = Report::new(
        ".",
        1,
        1,
        0,
        vec![diagnostic(
            "DC204",
            Severity::Error,
            "a|b.yaml",
            span((1, 1), (1, 2)),
            "x | y\n<b>z</b>",
        )],
    );
    let text = render(|out| render_step_summary(&report, "gov/", out));
    assert!(
        text.starts_with("### datacharter\n\n1 error in 1 file\n"),
        "{text}"
    );
    assert!(text.contains("| DC204 | test-rule | 1 |"), "{text}");
    assert!(
        text.contains("| error | DC204 | `gov/a\\|b.yaml:1:1` | x \\| y<br>&lt;b&gt;z&lt;/b&gt; |"),
        "{text}"
    );
}

// --- concise ------------------------------------------------------------------------------

#[test]
fn concise_is_one_line_per_diagnostic() {
    let report = Report::new(
        ".",
        2,
        2,
        0,
        vec![
            diagnostic(
                "DC001",
                Severity::Error,
                "a.yaml",
                span((10, 7), (10, 8)),
                "bad\nYAML",
            ),
            diagnostic(
                "DC805",
                Severity::Info,
                "é/b.yaml",
                span((1, 1), (1, 1)),
                "a copy?",
            ),
        ],
    );
    let text = render(|out| render_concise(&report, false, out));
    assert_eq!(
        text,
        "a.yaml:10:7: error[DC001] bad YAML\né/b.yaml:1:1: info[DC805] a copy?\n1 error, 1 info in 2 files\n"
    );
    let quiet = render(|out| render_concise(&report, true, out));
    assert_eq!(quiet.lines().count(), 2);
}

// --- JUnit --------------------------------------------------------------------------------

#[test]
fn junit_has_a_case_per_rule_per_file_and_escapes_xml() {
    let report = Report::new(
        ".",
        2,
        2,
        0,
        vec![
            diagnostic(
                "DC001",
                Severity::Error,
                "a&b.yaml",
                span((2, 3), (2, 4)),
                "<tag> & \"q\" 'a'\u{1}",
            ),
            diagnostic(
                "DC001",
                Severity::Warning,
                "a&b.yaml",
                span((5, 1), (5, 2)),
                "second",
            ),
            diagnostic(
                "X001",
                Severity::Info,
                "c.yaml",
                span((1, 1), (1, 1)),
                "custom rule",
            ),
        ],
    );
    let rules = &REGISTRY[..2];
    let text = render(|out| render_junit(&report, &["c.yaml", "clean.yaml"], rules, out));
    let xml = roxmltree::Document::parse(&text).expect("JUnit is well-formed XML");
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    let names: Vec<_> = suites.iter().filter_map(|s| s.attribute("name")).collect();
    assert_eq!(names, ["a&b.yaml", "c.yaml", "clean.yaml"]);
    let cases = |suite: &roxmltree::Node| -> Vec<String> {
        suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .map(|n| n.attribute("name").unwrap_or_default().to_owned())
            .collect()
    };
    let first = format!("{} {}", REGISTRY[0].code, REGISTRY[0].name);
    let second = format!("{} {}", REGISTRY[1].code, REGISTRY[1].name);
    assert_eq!(cases(&suites[0]), [first.clone(), second.clone()]);
    assert_eq!(
        cases(&suites[1]),
        [first.clone(), second.clone(), "X001 test-rule".to_owned()]
    );
    assert_eq!(cases(&suites[2]), [first, second]);
    let failures: Vec<_> = xml
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 2);
    assert_eq!(failures[0].attribute("message"), Some("2 findings"));
    assert_eq!(failures[0].attribute("type"), Some("error"));
    assert_eq!(
        failures[0].text(),
        Some("2:3 <tag> & \"q\" 'a'\u{fffd}\n5:1 second")
    );
    assert_eq!(root.attribute("tests"), Some("7"));
    assert_eq!(root.attribute("failures"), Some("2"));
}

// --- SARIF --------------------------------------------------------------------------------

#[test]
fn sarif_describes_every_rule_and_places_every_result() {
    let mut labelled = diagnostic(
        "DC004",
        Severity::Error,
        "b.yaml",
        span((3, 5), (3, 14)),
        "twice",
    );
    labelled.labels.push(LocatedLabel {
        file: "a.yaml".to_owned(),
        pointer: Some("/id".to_owned()),
        document: None,
        span: span((2, 5), (2, 14)),
        message: "first here".to_owned(),
    });
    let whole_file = Diagnostic {
        pointer: None,
        ..diagnostic(
            "X001",
            Severity::Info,
            "c.yaml",
            span((1, 1), (1, 1)),
            "custom",
        )
    };
    let report = Report::new(".", 3, 3, 0, vec![labelled, whole_file]);
    let text = render(|out| render_sarif(&report, REGISTRY, "gov/", out));
    let sarif = valid_sarif(&text);
    let run = &sarif["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "datacharter");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(driver["informationUri"], env!("CARGO_PKG_REPOSITORY"));
    let rules = driver["rules"].as_array().expect("rules");
    assert_eq!(
        rules.len(),
        REGISTRY.len() + 1,
        "every registry rule, plus the custom one"
    );
    for (descriptor, rule) in rules.iter().zip(REGISTRY) {
        assert_eq!(descriptor["id"], rule.code);
        assert_eq!(descriptor["name"], rule.name);
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary());
        assert!(
            descriptor["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        assert!(
            descriptor["help"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        let markdown = descriptor["help"]["markdown"]
            .as_str()
            .expect("help markdown");
        assert!(markdown.starts_with(&format!("# {} {}", rule.code, rule.name)));
        let level = match rule.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        assert_eq!(descriptor["defaultConfiguration"]["level"], level);
    }
    let results = run["results"].as_array().expect("results");
    // The schema really checks: a level SARIF does not know is caught.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!sarif_validator().is_valid(&broken));
    assert_eq!(results[0]["ruleId"], "DC004");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "gov/b.yaml"
    );
    let related = &results[0]["relatedLocations"][0];
    assert_eq!(related["message"]["text"], "first here");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 2);
    assert_eq!(results[1]["ruleId"], "X001");
    assert_eq!(results[1]["level"], "note");
    assert_eq!(
        rules[results[1]["ruleIndex"].as_u64().expect("index") as usize]["id"],
        "X001"
    );
}

/// Every format, on both examples: valid, and the same bytes on a second run.
#[test]
fn reports_of_the_examples_are_valid_and_byte_identical_across_runs() {
    let out = tempfile::tempdir().expect("temp dir");
    for name in ["broken", "quatre-saisons"] {
        let lint = |round: usize| -> (String, Vec<Vec<u8>>) {
            let files: Vec<PathBuf> = ["sarif", "junit", "json", "github"]
                .iter()
                .map(|format| out.path().join(format!("{name}-{round}.{format}")))
                .collect();
            let output = run(datacharter()
                .arg("lint")
                .arg(example(name))
                .args(["--format", "concise", "--format", "sarif", "--output"])
                .arg(&files[0])
                .args(["--format", "junit", "--output"])
                .arg(&files[1])
                .args(["--format", "json", "--output"])
                .arg(&files[2])
                .args(["--format", "github", "--output"])
                .arg(&files[3]));
            assert_eq!(
                code(&output),
                if name == "broken" { 1 } else { 0 },
                "{output:?}"
            );
            (
                stdout(&output),
                files
                    .iter()
                    .map(|f| fs::read(f).expect("report written"))
                    .collect(),
            )
        };
        let first = lint(1);
        assert_eq!(first, lint(2), "{name}: a second run gives other bytes");
        let (concise, files) = first;
        let sarif = valid_sarif(std::str::from_utf8(&files[0]).expect("UTF-8"));
        let junit = std::str::from_utf8(&files[1]).expect("UTF-8");
        roxmltree::Document::parse(junit).expect("JUnit is well-formed XML");
        let json: Value = serde_json::from_slice(&files[2]).expect("JSON");
        let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
        let all_results = sarif["runs"][0]["results"].as_array().expect("results");
        // Suppressed findings are results too, carrying their suppression (nothing hidden
        // from an audit); the JSON report lists them apart, under `suppressed`.
        let (suppressed, results): (Vec<&Value>, Vec<&Value>) = all_results
            .iter()
            .partition(|result| result.get("suppressions").is_some());
        let listed = json["suppressed"].as_array().map_or(0, Vec::len);
        assert_eq!(
            suppressed.len(),
            listed,
            "{name}: suppressed in SARIF and JSON"
        );
        for result in &suppressed {
            let suppression = &result["suppressions"][0];
            assert!(["inSource", "external"].contains(&suppression["kind"].as_str().unwrap_or("")));
        }
        assert_eq!(results.len(), diagnostics.len());
        assert_eq!(
            concise.lines().count(),
            diagnostics.len() + 1,
            "one line each, then the summary"
        );
        // The same positions everywhere (the concise report's paths are relative to the
        // current directory, this crate's root).
        for ((diagnostic, result), line) in diagnostics.iter().zip(results).zip(concise.lines()) {
            let (file, start) = (&diagnostic["file"], &diagnostic["range"]["start"]);
            let expected = format!(
                "examples/{name}/{}:{}:{}: {}[{}] ",
                file.as_str().expect("file"),
                start["line"],
                start["column"],
                diagnostic["severity"].as_str().expect("severity"),
                diagnostic["code"].as_str().expect("code"),
            );
            assert!(line.starts_with(&expected), "{line} vs {expected}");
            let region = &result["locations"][0]["physicalLocation"]["region"];
            assert_eq!(region["startLine"], start["line"]);
            assert_eq!(region["startColumn"], start["column"]);
            assert_eq!(region["endLine"], diagnostic["range"]["end"]["line"]);
            assert_eq!(region["endColumn"], diagnostic["range"]["end"]["column"]);
            let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .expect("uri");
            assert!(uri.ends_with(file.as_str().expect("file")), "{uri}");
        }
        assert_eq!(name == "broken", !diagnostics.is_empty());
    }
}

// --- paths, annotations and the step summary in a repository -------------------------------

#[test]
fn github_and_sarif_paths_are_relative_to_the_repository() {
    let repository = governance_repository();
    let summary = repository.path().join("summary.md");
    let sarif_file = repository.path().join("out.sarif");
    let lint = || {
        run(datacharter()
            .current_dir(repository.path())
            .args([
                "lint",
                "governance",
                "--format",
                "github",
                "--format",
                "sarif",
                "--output",
            ])
            .arg(&sarif_file)
            .env("GITHUB_STEP_SUMMARY", &summary))
    };
    let output = lint();
    assert_eq!(
        code(&output),
        0,
        "a warning and an info do not fail by default: {output:?}"
    );
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        3,
        "two annotations and the summary line: {text}"
    );
    // The rules' help texts are theirs to change; everything up to them is checked.
    assert!(
        lines[0].starts_with(
            "::warning file=governance/sources/web%2Ccopy%3A1.yaml,line=3,endLine=3,col=5,endColumn=17,\
             title=DC802 source-used-by-no-processing::source `website-copy` (Site web: 100%25 à jour, \
             v2%0Aseconde ligne) feeds no processing of the register%0Ahelp: "
        ),
        "{text}"
    );
    assert!(
        lines[1].starts_with(
            "::notice file=governance/sources/website.yaml,line=3,endLine=3,col=5,endColumn=12,\
             title=DC805 possible-duplicate-source::source `website` holds the same data categories \
             about the same people as `website-copy`: is it a copy?%0Ahelp: "
        ),
        "{text}"
    );
    assert!(lines[2].starts_with("1 warning, 1 info in "), "{text}");
    let sarif = valid_sarif(&fs::read_to_string(&sarif_file).expect("SARIF written"));
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r.get("suppressions").is_none())
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert_eq!(
        uris,
        [
            "governance/sources/web,copy:1.yaml",
            "governance/sources/website.yaml"
        ]
    );
    let once = fs::read_to_string(&summary).expect("step summary written");
    assert!(once.contains(lines[2]), "{once}");
    assert!(
        once.contains("| warning | DC802 | `governance/sources/web,copy:1.yaml:3:5` |"),
        "{once}"
    );
    lint();
    let twice = fs::read_to_string(&summary).expect("step summary");
    assert_eq!(
        twice,
        format!("{once}{once}"),
        "the summary is appended, as GitHub expects"
    );
    // The terminal formats print paths relative to the current directory, as typed there.
    let concise = run(datacharter().current_dir(repository.path()).args([
        "lint",
        "governance",
        "--format",
        "concise",
        "--quiet",
    ]));
    assert!(
        stdout(&concise).starts_with("governance/sources/web,copy:1.yaml:3:5: warning[DC802] ")
    );
    let concise = run(datacharter()
        .current_dir(repository.path().join("governance/sources"))
        .args(["lint", "--format", "concise", "--quiet"]));
    assert!(stdout(&concise).starts_with("web,copy:1.yaml:3:5: warning[DC802] "));
}

// --- gating, statistics, quiet --------------------------------------------------------------

#[test]
fn fail_on_sets_the_exit_code() {
    let repository = governance_repository();
    let root = repository.path().join("governance");
    let exit = |args: &[&str]| code(&run(datacharter().arg("lint").arg(&root).args(args)));
    // One warning (DC802) and one info (DC805).
    assert_eq!(exit(&[]), 0);
    assert_eq!(exit(&["--fail-on", "error"]), 0);
    assert_eq!(exit(&["--fail-on", "warning"]), 1);
    assert_eq!(exit(&["--fail-on", "info"]), 1);
    assert_eq!(exit(&["--fail-on", "info", "--exit-zero"]), 0);
    assert_eq!(exit(&["--fail-on", "never"]), 0);
    assert_eq!(exit(&["--fail-on", "warning", "--ignore", "DC802"]), 0);
    assert_eq!(exit(&["--fail-on", "info", "--ignore", "DC802"]), 1);
    let broken = |args: &[&str]| {
        code(&run(datacharter()
            .arg("lint")
            .arg(example("broken"))
            .args(args)))
    };
    assert_eq!(broken(&[]), 1);
    assert_eq!(broken(&["--exit-zero"]), 0);
}

#[test]
fn statistics_count_findings_per_code_as_a_table_and_as_json() {
    let json_report = run(datacharter()
        .arg("lint")
        .arg(example("broken"))
        .args(["--format", "json"]));
    let report: Value = serde_json::from_slice(&json_report.stdout).expect("JSON report");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");

    let output = run(datacharter().arg("lint").arg(example("broken")).args([
        "--statistics",
        "--format",
        "json",
    ]));
    assert_eq!(
        code(&output),
        1,
        "--statistics does not change the exit code"
    );
    let counts: Value = serde_json::from_slice(&output.stdout).expect("statistics JSON");
    let counts = counts.as_array().expect("an array");
    let total: u64 = counts
        .iter()
        .map(|c| c["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(total as usize, diagnostics.len());
    for count in counts {
        let code = count["code"].as_str().expect("code");
        let expected = diagnostics.iter().filter(|d| d["code"] == code).count();
        assert_eq!(count["count"].as_u64(), Some(expected as u64), "{code}");
    }
    let descending = counts
        .windows(2)
        .all(|pair| pair[0]["count"].as_u64() >= pair[1]["count"].as_u64());
    assert!(descending, "most frequent first");

    let table = stdout(&run(datacharter()
        .arg("lint")
        .arg(example("broken"))
        .arg("--statistics")));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), counts.len() + 1, "{table}");
    let first: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(first[0], counts[0]["count"].to_string());
    assert_eq!(first[1], counts[0]["code"].as_str().expect("code"));
    assert_eq!(first[2], counts[0]["name"].as_str().expect("name"));
    assert!(
        lines[lines.len() - 1].contains("error"),
        "the summary line ends the table"
    );
}

#[test]
fn quiet_prints_the_findings_only() {
    let clean = example("quatre-saisons");
    for format in ["human", "concise", "github"] {
        let output = run(datacharter()
            .arg("lint")
            .arg(&clean)
            .args(["--quiet", "--format", format]));
        assert_eq!(code(&output), 0);
        assert_eq!(
            stdout(&output),
            "",
            "{format}: nothing on a clean workspace"
        );
    }
    let loud = stdout(&run(datacharter().arg("lint").arg(example("broken"))));
    let quiet = stdout(&run(datacharter()
        .arg("lint")
        .arg(example("broken"))
        .arg("--quiet")));
    let summary = loud.lines().last().expect("a summary line");
    assert!(summary.contains("errors"), "{summary}");
    assert_eq!(format!("{quiet}{summary}\n"), loud);
}

// --- several reports per run ------------------------------------------------------------------

fn reports_of(args: &[&str]) -> Result<Vec<ReportSpec>, String> {
    let parsed =
        cli::parse(["datacharter", "lint"].iter().chain(args)).map_err(|e| e.to_string())?;
    match parsed.command {
        CliCommand::Lint(lint) => Ok(lint.reports),
        other => panic!("parsed as {other:?}"),
    }
}

fn spec(format: Format, output: Option<&str>) -> ReportSpec {
    ReportSpec {
        format,
        output: output.map(PathBuf::from),
    }
}

#[test]
fn each_output_goes_with_the_format_before_it() {
    assert_eq!(reports_of(&[]), Ok(vec![spec(Format::Human, None)]));
    assert_eq!(
        reports_of(&["--output", "r.json", "--format", "json"]),
        Ok(vec![spec(Format::Json, Some("r.json"))]),
        "a single pair in any order"
    );
    assert_eq!(
        reports_of(&["--output", "r.txt"]),
        Ok(vec![spec(Format::Human, Some("r.txt"))])
    );
    assert_eq!(
        reports_of(&[
            "--format", "human", "--format", "sarif", "--output", "r.sarif"
        ]),
        Ok(vec![
            spec(Format::Human, None),
            spec(Format::Sarif, Some("r.sarif"))
        ])
    );
    assert_eq!(
        reports_of(&[
            "--format", "sarif", "--output", "r.sarif", "--format", "concise"
        ]),
        Ok(vec![
            spec(Format::Sarif, Some("r.sarif")),
            spec(Format::Concise, None)
        ])
    );
    assert_eq!(
        reports_of(&[
            "--format", "json", "--output", "-", "--format", "junit", "--output", "j.xml"
        ]),
        Ok(vec![
            spec(Format::Json, None),
            spec(Format::Junit, Some("j.xml"))
        ])
    );
    let error = |args: &[&str]| reports_of(args).expect_err("a usage error");
    assert!(
        error(&["--format", "human", "--format", "json"])
            .contains("only one report can go to standard output")
    );
    assert!(
        error(&["--output", "a", "--format", "json", "--format", "sarif"])
            .contains("comes before any --format")
    );
    assert!(
        error(&[
            "--format", "json", "--output", "a", "--output", "b", "--format", "human"
        ])
        .contains("two --output")
    );
    assert!(
        error(&[
            "--format", "json", "--output", "a", "--format", "sarif", "--output", "a"
        ])
        .contains("two reports would be written to a")
    );
}

#[test]
fn usage_errors_exit_with_2_and_reports_replace_files_atomically() {
    let output = run(datacharter()
        .arg("lint")
        .arg(example("broken"))
        .args(["--format", "json", "--format", "sarif"]));
    assert_eq!(code(&output), 2);
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("datacharter lint"),
        "{output:?}"
    );

    let out = tempfile::tempdir().expect("temp dir");
    let file = out.path().join("report.sarif");
    fs::write(&file, "stale").expect("write");
    let output = run(datacharter()
        .arg("lint")
        .arg(example("quatre-saisons"))
        .args(["--format", "sarif", "--output"])
        .arg(&file));
    assert_eq!(code(&output), 0, "{output:?}");
    assert_eq!(stdout(&output), "", "the only report went to the file");
    valid_sarif(&fs::read_to_string(&file).expect("replaced"));
    let left: Vec<_> = fs::read_dir(out.path()).expect("list").collect();
    assert_eq!(left.len(), 1, "no temporary file left behind");

    let missing = out.path().join("no-such-folder/report.sarif");
    let output = run(datacharter()
        .arg("lint")
        .arg(example("quatre-saisons"))
        .args(["--format", "sarif", "--output"])
        .arg(&missing));
    assert_eq!(code(&output), 2, "an unwritable report is an I/O error");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("cannot write"),
        "{output:?}"
    );
}

// --- the GitHub Action and the documented snippets ----------------------------------------------

/// A YAML file of this repository as JSON, through datacharter's own parser.
fn yaml(name: &str, text: &str) -> Value {
    let parsed = parse(name, text.as_bytes(), &Limits::default());
    assert!(
        parsed.findings.is_empty(),
        "{name} is not clean YAML: {:?}",
        parsed.findings
    );
    parsed
        .documents
        .into_iter()
        .next()
        .expect("one document")
        .value
}

/// The fenced YAML block of `README.md` whose first line is `# {file}` and that contains `marker`.
fn snippet(file: &str, marker: &str) -> String {
    let docs = fs::read_to_string(manifest_dir().join("README.md")).expect("README.md");
    docs.split("```yaml\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .find(|block| block.starts_with(&format!("# {file}\n")) && block.contains(marker))
        .unwrap_or_else(|| panic!("README.md has no `{file}` snippet with {marker}"))
        .to_owned()
}

fn binary_folder() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_datacharter"))
        .parent()
        .expect("bin folder")
        .to_path_buf()
}

fn path_with_binary() -> std::ffi::OsString {
    let mut paths = vec![binary_folder()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).expect("PATH")
}

#[test]
fn the_action_lints_annotates_and_writes_sarif_as_the_workflow_snippet_uses_it() {
    let action = yaml(
        "action.yml",
        &fs::read_to_string(manifest_dir().join("action.yml")).expect("action.yml"),
    );
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_array().expect("steps");
    let step = |name: &str| {
        steps
            .iter()
            .find(|step| step["name"] == name)
            .unwrap_or_else(|| panic!("the action has a step `{name}`"))
    };
    // The one step that is not a script: the cache of the installed binary.
    assert!(
        step("Restore the cached datacharter")["uses"]
            .as_str()
            .is_some_and(|uses| uses.starts_with("actions/cache@"))
    );
    for step in steps.iter().filter(|step| step.get("uses").is_none()) {
        assert_eq!(
            step["shell"], "bash",
            "composite run steps need a shell: {step}"
        );
        let script = step["run"].as_str().expect("a run step");
        assert!(
            !script.contains("${{"),
            "inputs reach scripts through env only: {script}"
        );
    }
    let install = step("Build datacharter")["run"]
        .as_str()
        .expect("install script");
    assert!(
        install.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""),
        "{install}"
    );
    assert!(
        manifest_dir().join("Cargo.lock").is_file(),
        "--locked needs the lock file in the action"
    );

    let workflow = yaml(
        "workflow",
        &snippet(".github/workflows/datacharter.yml", "upload-sarif"),
    );
    let job_steps = workflow["jobs"]["datacharter"]["steps"]
        .as_array()
        .expect("workflow steps");
    let uses = |prefix: &str| {
        job_steps
            .iter()
            .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(prefix)))
            .unwrap_or_else(|| panic!("the workflow uses {prefix}"))
    };
    let ours = uses("datacharter/datacharter@");
    let repository_url = env!("CARGO_PKG_REPOSITORY");
    assert!(
        repository_url.ends_with("/datacharter/datacharter"),
        "the snippet names {repository_url}"
    );
    let with = &ours["with"];
    let inputs = action["inputs"].as_object().expect("inputs");
    for key in with.as_object().expect("with").keys() {
        assert!(
            inputs.contains_key(key),
            "the workflow passes an unknown input {key}"
        );
    }
    let upload = uses("github/codeql-action/upload-sarif@");
    assert_eq!(
        upload["with"]["sarif_file"], with["sarif-file"],
        "upload what the action wrote"
    );
    assert!(workflow["permissions"]["security-events"] == "write");

    // Run the lint step as GitHub would, with the workflow's inputs (defaults for the others).
    let input = |key: &str| {
        with[key]
            .as_str()
            .or(inputs[key]["default"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let repository = governance_repository();
    assert_eq!(
        input("path"),
        "governance",
        "the snippet lints a folder, as the fixture has"
    );
    let summary = repository.path().join("step-summary.md");
    let lint_step = step("Lint with datacharter")["run"]
        .as_str()
        .expect("lint script");
    let env = step("Lint with datacharter")["env"]
        .as_object()
        .expect("env");
    let mut command = Command::new("bash");
    command
        .args(["-e", "-c", lint_step])
        .current_dir(repository.path())
        .env("PATH", path_with_binary())
        .env("DATACHARTER_TODAY", TODAY)
        .env("GITHUB_STEP_SUMMARY", &summary);
    for (name, value) in env {
        let key = value
            .as_str()
            .and_then(|v| v.strip_prefix("${{ inputs."))
            .and_then(|v| v.strip_suffix(" }}"))
            .unwrap_or_else(|| panic!("env {name} is an input"));
        command.env(name, input(key));
    }
    let output = command.output().expect("bash runs");
    assert_eq!(
        code(&output),
        0,
        "warnings do not fail with fail-on: error: {output:?}"
    );
    assert!(
        stdout(&output)
            .starts_with("::warning file=governance/sources/web%2Ccopy%3A1.yaml,line=3,")
    );
    let sarif = repository.path().join(input("sarif-file"));
    let sarif = valid_sarif(&fs::read_to_string(sarif).expect("the action wrote the SARIF file"));
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(|results| results
            .iter()
            .filter(|r| r.get("suppressions").is_none())
            .count()),
        Some(2),
        "two open results; a suppressed one is there with its suppression"
    );
    assert!(
        fs::read_to_string(summary)
            .expect("summary")
            .contains("| DC802 |")
    );

    // The fail-on input gates the step.
    command.env("DATACHARTER_FAIL_ON", "warning");
    assert_eq!(code(&command.output().expect("bash runs")), 1);
}

#[test]
fn the_gitlab_snippet_writes_junit_and_json_artifacts() {
    let job = yaml("gitlab", &snippet(".gitlab-ci.yml", "junit"));
    let job = &job["datacharter"];
    let junit_file = job["artifacts"]["reports"]["junit"]
        .as_str()
        .expect("a JUnit report");
    let json_file = job["artifacts"]["paths"][0]
        .as_str()
        .expect("a JSON artifact");
    assert_eq!(
        job["artifacts"]["when"], "always",
        "keep reports of failing jobs"
    );
    let script: Vec<&str> = job["script"]
        .as_array()
        .expect("script")
        .iter()
        .filter_map(Value::as_str)
        // The install needs the network; the binary built here stands in for it.
        .filter(|line| !line.starts_with("cargo install"))
        .collect();
    for (workspace, expected) in [("broken", 1), ("quatre-saisons", 0)] {
        let project = tempfile::tempdir().expect("temp dir");
        copy_dir(&example(workspace), &project.path().join("governance"));
        let output = Command::new("bash")
            .args(["-e", "-c", &script.join("\n")])
            .current_dir(project.path())
            .env("PATH", path_with_binary())
            .env("DATACHARTER_TODAY", TODAY)
            .output()
            .expect("bash runs");
        assert_eq!(code(&output), expected, "{workspace}: {output:?}");
        let junit = fs::read_to_string(project.path().join(junit_file)).expect("JUnit written");
        let xml = roxmltree::Document::parse(&junit).expect("JUnit is well-formed XML");
        let failures = xml
            .descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count();
        assert_eq!(failures > 0, expected == 1, "{workspace}");
        let json: Value = serde_json::from_str(
            &fs::read_to_string(project.path().join(json_file)).expect("JSON written"),
        )
        .expect("JSON");
        assert_eq!(json["version"], 1);
        assert!(
            stdout(&output).lines().count() >= 1,
            "the concise report goes to the job log"
        );
    }
}
