//! Hostile workspaces: a contributor who controls every file of the workspace (links
//! included) and nothing else. One test per attack of the security review; each asserts the
//! safe outcome: nothing outside the root is read into a report, nothing outside the named
//! outputs is written, no panic (exit code 101), no hang.
#![cfg(unix)]

use assert_cmd::Command;
use std::fs;
use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

/// Generous for a debug build on a loaded machine: what it catches is a hang.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// A value no report may ever show: it stands for a CI token in a file outside the root.
const CANARY: &str = "ghp_CANARYcanary0123456789";

const FORMATS: [&str; 6] = ["human", "concise", "json", "sarif", "github", "junit"];

fn datacharter() -> Command {
    let mut command = Command::cargo_bin("datacharter").expect("binary");
    command
        .env("DATACHARTER_TODAY", "2026-11-28")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1")
        .timeout(TIME_LIMIT);
    command
}

/// A workspace and, beside it, a place outside it holding the secret.
struct Setup {
    _dir: tempfile::TempDir,
    root: PathBuf,
    outside: PathBuf,
}

impl Setup {
    fn new(settings: &str) -> Setup {
        let dir = tempfile::tempdir().expect("temp dir");
        let base = fs::canonicalize(dir.path()).expect("canonical");
        let root = base.join("workspace");
        let outside = base.join("outside");
        fs::create_dir_all(&root).expect("mkdir");
        fs::create_dir_all(&outside).expect("mkdir");
        // Shaped like a YAML value, so a message quoting "the text `…`" would carry it.
        fs::write(outside.join("secret"), format!("{CANARY}\n")).expect("write");
        fs::write(outside.join("secret.yaml"), format!("{CANARY}\n")).expect("write");
        fs::write(root.join("datacharter.yaml"), settings).expect("write");
        fs::write(
            root.join("organisation.yaml"),
            "kind: organisation\nid: venue\nname: Venue\ncontact: dpo@example.org\n",
        )
        .expect("write");
        Setup {
            _dir: dir,
            root,
            outside,
        }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn lint(&self, args: &[&str]) -> (i32, String, String) {
        let output = datacharter()
            .current_dir(&self.root)
            .arg("lint")
            .args(args)
            .output()
            .expect("run");
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    /// Every report format, and the step summary, concatenated; asserts none crashed.
    fn every_format(&self) -> String {
        let summary = self.outside.join("step-summary.md");
        let mut all = String::new();
        for format in FORMATS {
            let output = datacharter()
                .current_dir(&self.root)
                .env("GITHUB_STEP_SUMMARY", &summary)
                .args(["lint", "--format", format])
                .output()
                .expect("run");
            let code = output.status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "{format}: exit {code:?}, {}",
                String::from_utf8_lossy(&output.stderr)
            );
            all.push_str(&String::from_utf8_lossy(&output.stdout));
            all.push_str(&String::from_utf8_lossy(&output.stderr));
        }
        all.push_str(&fs::read_to_string(&summary).unwrap_or_default());
        all
    }

    /// Asserts that `text` holds neither the secret nor an absolute path of this machine.
    fn assert_leaks_nothing(&self, text: &str) {
        assert!(!text.contains(CANARY), "the secret leaked:\n{text}");
        assert!(!text.contains("ghp_"), "part of the secret leaked:\n{text}");
        let base = self.root.parent().expect("parent").to_string_lossy();
        assert!(
            !text.contains(base.as_ref()),
            "an absolute path leaked:\n{text}"
        );
    }
}

fn lines_naming<'t>(text: &'t str, needle: &str) -> Vec<&'t str> {
    text.lines().filter(|line| line.contains(needle)).collect()
}

// ---------------------------------------------------------------------------------------
// Reads: containment

#[test]
fn a_policies_entry_with_an_absolute_path_is_refused_and_not_read() {
    let setup = Setup::new("datacharter: 1\n");
    let secret = setup.outside.join("secret.yaml");
    let absent = setup.outside.join("absent.yaml");
    fs::write(
        setup.path("datacharter.yaml"),
        format!(
            "datacharter: 1\npolicies:\n  - {}\n  - {}\n  - /proc/self/environ\n",
            secret.display(),
            absent.display()
        ),
    )
    .expect("write");
    let (code, stdout, _) = setup.lint(&["--format", "concise"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(!stdout.contains(CANARY), "{stdout}");
    // Whether the outside file exists is not said: both refusals read alike.
    let refusals = lines_naming(&stdout, "is not inside the workspace");
    assert_eq!(refusals.len(), 3, "{stdout}");
    let existing = refusals[0].replace(&secret.display().to_string(), "X");
    let missing = refusals[1].replace(&absent.display().to_string(), "X");
    let strip_position = |line: &str| line.split_once(": ").map(|(_, m)| m.to_owned());
    assert_eq!(strip_position(&existing), strip_position(&missing));
}

#[test]
fn a_policies_entry_climbing_out_with_dot_dot_is_refused() {
    let setup = Setup::new("datacharter: 1\npolicies: [../outside/secret.yaml, ../nothing.yaml]\n");
    let (code, stdout, _) = setup.lint(&["--format", "json"]);
    assert_eq!(code, 2, "{stdout}");
    setup.assert_leaks_nothing(&stdout);
    assert_eq!(
        stdout.matches("is not inside the workspace").count(),
        2,
        "{stdout}"
    );
    setup.assert_leaks_nothing(&setup.every_format());
}

#[test]
fn a_policies_entry_through_a_symlinked_folder_is_refused() {
    let setup = Setup::new("datacharter: 1\npolicies: [packs/secret.yaml, packs/absent.yaml]\n");
    symlink(&setup.outside, setup.path("packs")).expect("symlink");
    let (code, stdout, _) = setup.lint(&["--format", "json"]);
    assert_eq!(code, 2, "{stdout}");
    assert_eq!(
        stdout.matches("is not inside the workspace").count(),
        2,
        "{stdout}"
    );
    setup.assert_leaks_nothing(&setup.every_format());
}

#[test]
fn a_policies_entry_naming_a_link_the_walker_refused_is_refused_too() {
    let setup = Setup::new("datacharter: 1\npolicies: [token.yaml]\n");
    symlink(setup.outside.join("secret.yaml"), setup.path("token.yaml")).expect("symlink");
    let (code, stdout, _) = setup.lint(&["--format", "json"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("`token.yaml` is not inside the workspace"));
    setup.assert_leaks_nothing(&setup.every_format());
}

#[test]
fn the_walker_refuses_links_out_and_broken_links_with_one_message() {
    let setup = Setup::new("datacharter: 1\n");
    symlink(setup.outside.join("secret.yaml"), setup.path("token.yaml")).expect("symlink");
    symlink(setup.outside.join("absent.yaml"), setup.path("gone.yaml")).expect("symlink");
    symlink("loop.yaml", setup.path("loop.yaml")).expect("symlink");
    let (code, stdout, _) = setup.lint(&["--format", "concise", "--select", "DC001"]);
    assert_eq!(code, 1, "{stdout}");
    let message = |name: &str| {
        lines_naming(&stdout, &format!("`{name}`"))
            .first()
            .map(|line| line.replace(name, "X"))
            .unwrap_or_default()
    };
    assert!(!message("token.yaml").is_empty(), "{stdout}");
    assert_eq!(message("token.yaml"), message("gone.yaml"), "{stdout}");
    assert_eq!(message("token.yaml"), message("loop.yaml"), "{stdout}");
    setup.assert_leaks_nothing(&setup.every_format());
}

#[test]
fn a_secret_outside_the_root_never_appears_in_any_format() {
    // Every way 0.1.0 let a workspace name an outside file, at once; `/proc/self/environ`
    // holds the environment, where CI keeps its tokens.
    let setup = Setup::new(
        "datacharter: 1\npolicies: [/proc/self/environ, ../outside/secret, linked/secret]\n",
    );
    symlink(&setup.outside, setup.path("linked")).expect("symlink");
    symlink("/proc/self/environ", setup.path("environ.yaml")).expect("symlink");
    symlink(setup.outside.join("secret.yaml"), setup.path("token.yaml")).expect("symlink");
    let output = datacharter()
        .current_dir(&setup.root)
        .env("CI_TOKEN", CANARY)
        .args(["lint", "--format", "sarif"])
        .output()
        .expect("run");
    setup.assert_leaks_nothing(&String::from_utf8_lossy(&output.stdout));
    // Without the bad entries, the links alone: the run goes on and reports them.
    fs::write(setup.path("datacharter.yaml"), "datacharter: 1\n").expect("write");
    let mut all = String::new();
    for format in FORMATS {
        let output = datacharter()
            .current_dir(&setup.root)
            .env("CI_TOKEN", CANARY)
            .args(["lint", "--format", format])
            .output()
            .expect("run");
        assert_eq!(output.status.code(), Some(1), "{format}");
        all.push_str(&String::from_utf8_lossy(&output.stdout));
    }
    setup.assert_leaks_nothing(&all);
    assert!(all.contains("environ.yaml") && all.contains("token.yaml"));
}

#[test]
fn a_document_that_is_one_text_is_not_quoted_in_messages() {
    // A token committed by mistake is still in the workspace: the human snippet may show it,
    // but no message carries it into uploaded reports.
    let setup = Setup::new("datacharter: 1\n");
    fs::write(setup.path("token.yaml"), format!("{CANARY}\n")).expect("write");
    for format in ["json", "sarif", "github", "concise", "junit"] {
        let (code, stdout, _) = setup.lint(&["--format", format]);
        assert_eq!(code, 1, "{format}");
        assert!(stdout.contains("token.yaml"), "{format}: {stdout}");
        assert!(!stdout.contains(CANARY), "{format}: {stdout}");
    }
}

#[test]
fn a_settings_file_linked_outside_is_refused() {
    let setup = Setup::new("datacharter: 1\n");
    fs::write(
        setup.outside.join("datacharter.yaml"),
        format!("datacharter: 1\nlocale: {CANARY}\n"),
    )
    .expect("write");
    fs::remove_file(setup.path("datacharter.yaml")).expect("rm");
    symlink(
        setup.outside.join("datacharter.yaml"),
        setup.path("datacharter.yaml"),
    )
    .expect("symlink");
    let (code, stdout, stderr) = setup.lint(&[]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("`datacharter.yaml` is not inside the workspace"),
        "{stderr}"
    );
    setup.assert_leaks_nothing(&format!("{stdout}{stderr}"));
    // `--config` naming the link: the root is the link's folder, and the link is refused.
    let output = datacharter()
        .current_dir(setup.root.parent().expect("parent"))
        .args(["lint", "--config", "workspace/datacharter.yaml"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(text.contains("is not inside the workspace"), "{text}");
    assert!(!text.contains(CANARY), "{text}");
}

#[test]
fn include_globs_cannot_climb_out_of_the_root() {
    let setup = Setup::new("datacharter: 1\ninclude: [\"../outside/*.yaml\"]\n");
    let (code, stdout, _) = setup.lint(&["--format", "concise"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("goes up with `..`"), "{stdout}");
    assert!(!stdout.contains(CANARY), "{stdout}");
}

// ---------------------------------------------------------------------------------------
// Writes

/// Every path under `dir` with its kind and content (links by their target), to compare a
/// tree before and after a run.
fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .map(|entry| {
            let path = entry.path();
            let kind = entry.file_type();
            let content = if kind.is_symlink() {
                format!("-> {}", fs::read_link(path).expect("link").display())
            } else if kind.is_file() {
                String::from_utf8_lossy(&fs::read(path).expect("read")).into_owned()
            } else {
                "dir".to_owned()
            };
            (path.display().to_string(), content)
        })
        .collect();
    entries.sort();
    entries
}

#[test]
fn lint_never_writes_to_the_workspace_even_a_hostile_one() {
    let setup = Setup::new("datacharter: 1\n");
    symlink(setup.outside.join("secret.yaml"), setup.path("token.yaml")).expect("symlink");
    symlink(&setup.outside, setup.path("linked")).expect("symlink");
    fs::write(setup.path("broken.yaml"), "kind: [\n").expect("write");
    let before = (tree(&setup.root), tree(&setup.outside));
    for format in FORMATS {
        let (code, _, _) = setup.lint(&["--format", format]);
        assert_eq!(code, 1, "{format}");
    }
    assert_eq!((tree(&setup.root), tree(&setup.outside)), before);
}

#[test]
fn planted_links_named_like_temporary_files_do_not_catch_the_report() {
    // 0.1.0 wrote `.NAME.<pid>.tmp` by path: a workspace committing such links for the pids
    // to come redirected the report into any file. Plant them for the next pids.
    let setup = Setup::new("datacharter: 1\n");
    let victim = setup.outside.join("victim");
    fs::write(&victim, "precious").expect("write");
    let next_pid = std::process::Command::new("true")
        .spawn()
        .and_then(|mut child| {
            let pid = child.id();
            child.wait().map(|_| pid)
        })
        .expect("spawn");
    for pid in next_pid..next_pid + 300 {
        symlink(&victim, setup.path(&format!(".report.json.{pid}.tmp"))).expect("symlink");
    }
    let (code, _, stderr) = setup.lint(&["--format", "json", "--output", "report.json"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(fs::read_to_string(&victim).expect("read"), "precious");
    let report = fs::symlink_metadata(setup.path("report.json")).expect("written");
    assert!(report.is_file(), "a regular file, not a link");
    let text = fs::read_to_string(setup.path("report.json")).expect("read");
    assert!(text.contains("\"diagnostics\""), "{text}");
    // The planted links are still links, and no temporary file is left.
    let leftovers: Vec<_> = fs::read_dir(&setup.root)
        .expect("list")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
        .filter(|entry| !entry.file_type().is_ok_and(|t| t.is_symlink()))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_output_that_is_a_link_to_a_file_is_refused() {
    let setup = Setup::new("datacharter: 1\n");
    let victim = setup.outside.join("bashrc");
    fs::write(&victim, "precious").expect("write");
    symlink(&victim, setup.path("results.sarif")).expect("symlink");
    let (code, _, stderr) = setup.lint(&["--format", "sarif", "--output", "results.sarif"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("results.sarif"),
        "the error names the file: {stderr}"
    );
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(fs::read_to_string(&victim).expect("read"), "precious");
}

#[test]
fn lint_refuses_to_write_a_report_over_one_of_its_inputs() {
    let setup = Setup::new("datacharter: 1\npolicies: [house.yaml]\n");
    fs::write(setup.path("house.yaml"), "kind: policy\nid: house\n").expect("write");
    fs::create_dir(setup.path("sub")).expect("mkdir");
    symlink(setup.path("organisation.yaml"), setup.path("alias.yaml")).expect("symlink");
    let before = tree(&setup.root);
    for output in [
        "organisation.yaml",
        "./sub/../organisation.yaml",
        "datacharter.yaml",
        "house.yaml",
    ] {
        let (code, _, stderr) = setup.lint(&["--format", "json", "--output", output]);
        assert_eq!(code, 2, "{output}: {stderr}");
        assert!(stderr.contains("refusing"), "{output}: {stderr}");
        assert!(stderr.contains(output), "names the file: {stderr}");
    }
    // The link to an input is refused too (as an input, or as a link to a file).
    let (code, _, _) = setup.lint(&["--format", "json", "--output", "alias.yaml"]);
    assert_eq!(code, 2);
    // Broken settings: the report still never replaces them.
    fs::write(setup.path("datacharter.yaml"), "datacharter: [\n").expect("write");
    let broken = tree(&setup.root);
    let (code, _, stderr) = setup.lint(&["--output", "datacharter.yaml"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(tree(&setup.root), broken);
    assert_ne!(before, broken);
    // register and map, even with --force.
    fs::write(setup.path("datacharter.yaml"), "datacharter: 1\n").expect("write");
    for command in ["register", "map"] {
        let output = datacharter()
            .current_dir(&setup.root)
            .args([command, "--output", "organisation.yaml", "--force"])
            .output()
            .expect("run");
        assert_eq!(output.status.code(), Some(2), "{command}");
    }
    assert!(
        fs::read_to_string(setup.path("organisation.yaml"))
            .expect("read")
            .starts_with("kind: organisation")
    );
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

#[test]
fn an_output_onto_a_fifo_is_written_in_place() {
    let setup = Setup::new("datacharter: 1\n");
    let fifo = setup.outside.join("report.fifo");
    mkfifo(&fifo);
    let (sender, receiver) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let _ = sender.send(fs::read_to_string(fifo).unwrap_or_default());
        });
    }
    let fifo_arg = fifo.display().to_string();
    let (code, _, stderr) = setup.lint(&["--format", "json", "--output", &fifo_arg]);
    assert_eq!(code, 1, "{stderr}");
    // A writer that replaced the FIFO leaves the reader waiting: fail rather than hang.
    let received = receiver
        .recv_timeout(TIME_LIMIT)
        .expect("the report reached the FIFO's reader");
    assert!(received.contains("\"diagnostics\""), "{received}");
    let kind = fs::symlink_metadata(&fifo).expect("stat").file_type();
    assert!(kind.is_fifo(), "still a FIFO");
}

/// A null device of our own (`mknod c 1 3`, as root), so that a regression replaces this
/// node and not the machine's `/dev/null`; `None` where nodes cannot be made or opened.
fn private_null_device(dir: &Path) -> Option<PathBuf> {
    let path = dir.join("null");
    let made = std::process::Command::new("mknod")
        .arg(&path)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    let usable = made && fs::OpenOptions::new().write(true).open(&path).is_ok();
    usable.then_some(path)
}

#[test]
fn an_output_onto_a_device_is_written_in_place_and_never_replaced() {
    let setup = Setup::new("datacharter: 1\n");
    let Some(device) = private_null_device(&setup.outside) else {
        return; // Not root, or a file system without device nodes: the FIFO test stands.
    };
    let is_device = || fs::symlink_metadata(&device).is_ok_and(|m| m.file_type().is_char_device());
    // Directly, and through a link (as `/dev/stdout` is one).
    symlink(&device, setup.path("null-link")).expect("symlink");
    let direct = device.display().to_string();
    for output in [direct.as_str(), "null-link"] {
        let (code, _, stderr) = setup.lint(&["--format", "json", "--output", output]);
        assert_eq!(code, 1, "{output}: {stderr}");
        assert!(is_device(), "{output}: the device is still a device");
    }
    assert!(
        fs::symlink_metadata(setup.path("null-link"))
            .expect("stat")
            .file_type()
            .is_symlink()
    );
    for command in ["register", "map"] {
        let output = datacharter()
            .current_dir(&setup.root)
            .args([command, "--output", direct.as_str()])
            .output()
            .expect("run");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{command}: no --force needed"
        );
        assert!(is_device(), "{command}: the device is still a device");
    }
}

#[test]
fn output_to_dev_stdout_follows_the_redirection() {
    // `--output /dev/stdout > report.json`: the system's link leads to a regular file,
    // which is written (not refused as a link to a file, not replaced).
    let setup = Setup::new("datacharter: 1\n");
    let report = setup.outside.join("report.json");
    let file = fs::File::create(&report).expect("create");
    let (code, stderr) = run_with_streams(
        &setup.root,
        &["lint", "--format", "json", "--output", "/dev/stdout"],
        file,
        Stdio::piped(),
    );
    assert_eq!(code, Some(1), "{stderr}");
    let text = fs::read_to_string(&report).expect("read");
    assert!(text.contains("\"diagnostics\""), "{text}");
}

#[test]
fn schema_out_is_atomic_and_does_not_follow_links() {
    let setup = Setup::new("datacharter: 1\n");
    let out = setup.path("schemas");
    fs::create_dir(&out).expect("mkdir");
    let victim = setup.outside.join("victim");
    fs::write(&victim, "precious").expect("write");
    symlink(&victim, out.join("document.schema.json")).expect("symlink");
    let output = datacharter()
        .current_dir(&setup.root)
        .args(["schema", "--out", "schemas"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("document.schema.json"), "{stderr}");
    assert_eq!(fs::read_to_string(&victim).expect("read"), "precious");
    // Without the link: both files, valid JSON, nothing else left in the folder.
    fs::remove_file(out.join("document.schema.json")).expect("rm");
    datacharter()
        .current_dir(&setup.root)
        .args(["schema", "--out", "schemas"])
        .assert()
        .success();
    let mut names: Vec<String> = fs::read_dir(&out)
        .expect("list")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["document.schema.json", "settings.schema.json"]);
    for name in names {
        let text = fs::read_to_string(out.join(&name)).expect("read");
        assert!(
            serde_json::from_str::<serde_json::Value>(&text).is_ok(),
            "{name}"
        );
    }
}

#[test]
fn init_force_never_writes_through_a_symlinked_folder_or_file() {
    let setup = Setup::new("datacharter: 1\n");
    let target = setup.path("venue");
    fs::create_dir(&target).expect("mkdir");
    symlink(&setup.outside, target.join("parties")).expect("symlink");
    let before = tree(&setup.outside);
    let output = datacharter()
        .args(["init", "--force"])
        .arg(&target)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("parties"), "{stderr}");
    assert_eq!(tree(&setup.outside), before, "nothing written outside");
    // A file of the scaffold linked outside: refused, the target untouched.
    fs::remove_file(target.join("parties")).expect("rm");
    let victim = setup.outside.join("victim");
    fs::write(&victim, "precious").expect("write");
    // Refused before the first file: nothing was written at all.
    let written: Vec<_> = fs::read_dir(&target).expect("list").collect();
    assert!(written.is_empty(), "{written:?}");
    symlink(&victim, target.join("charter.yaml")).expect("symlink");
    let output = datacharter()
        .args(["init", "--force"])
        .arg(&target)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&victim).expect("read"), "precious");
    assert!(
        !target.join("organisation.yaml").exists(),
        "nothing half-written"
    );
}

// ---------------------------------------------------------------------------------------
// Crashes

#[test]
fn a_diagnostic_past_column_65535_renders_instead_of_panicking() {
    let setup = Setup::new("datacharter: 1\n");
    // A syntax error and a schema error, each past column 65,535 of one line.
    let long = "a".repeat(70_000);
    fs::write(
        setup.path("syntax.yaml"),
        format!("kind: source\nid: x\ndescription: {long} zz: 1\n"),
    )
    .expect("write");
    let keys: String = (0..9_000).map(|i| format!("k{i}: 1, ")).collect();
    fs::write(
        setup.path("flow.yaml"),
        format!("{{kind: source, id: y, {keys}bogus: 2}}\n"),
    )
    .expect("write");
    let (code, stdout, stderr) = setup.lint(&["--format", "human", "--select", "DC001,DC002"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stdout.contains("syntax.yaml:3:70017"), "{stdout}");
    assert!(stdout.contains("too long to show"), "{stdout}");
    assert!(
        lines_naming(&stdout, "flow.yaml:1:").len() > 1,
        "every diagnostic has its position"
    );
    assert!(
        stdout.lines().all(|line| line.len() < 2_000),
        "lines are elided"
    );
    // The other formats were never at risk, and still give the exact column.
    let (code, stdout, _) = setup.lint(&["--format", "concise", "--select", "DC001"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("syntax.yaml:3:70017"), "{stdout}");
}

#[test]
fn a_raised_max_file_size_and_a_huge_sparse_file_do_not_abort() {
    // Above the ceiling: refused as a setting.
    let setup = Setup::new("datacharter: 1\nmax-file-size: 999999999 GiB\n");
    let (code, stdout, _) = setup.lint(&["--format", "concise"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("ceiling"), "{stdout}");
    // At the ceiling, a 200 GB sparse file (metadata says 200 GB, the disk holds nothing):
    // refused by size, without reading or allocating it.
    let setup = Setup::new("datacharter: 1\nmax-file-size: 100 MiB\n");
    let huge = fs::File::create(setup.path("huge.yaml")).expect("create");
    if huge.set_len(200 * 1_000_000_000).is_err() {
        return; // A file system without sparse files: nothing to show here.
    }
    let (code, stdout, stderr) = setup.lint(&["--format", "concise", "--select", "DC001"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("huge.yaml"), "{stdout}");
    assert!(stdout.contains("limit"), "{stdout}");
}

/// The binary with its standard streams set by hand (assert_cmd does not let us set them),
/// and killed past the time limit.
fn run_with_streams(
    cwd: &Path,
    args: &[&str],
    stdout: impl Into<Stdio>,
    stderr: impl Into<Stdio>,
) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("datacharter"))
        .current_dir(cwd)
        .args(args)
        .env("DATACHARTER_TODAY", "2026-11-28")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .expect("spawn");
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
            }
            return (status.code(), stderr);
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            panic!("{args:?} took longer than {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Standard output whose reader is already gone, as in `datacharter … | true`.
fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    writer
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let setup = Setup::new("datacharter: 1\n");
    let cases: [(&[&str], i32); 7] = [
        (&["init", "new-venue"], 0),
        (&["lint"], 1),
        (&["lint", "--format", "json"], 1),
        (&["rule", "--all"], 0),
        (&["schema"], 0),
        (&["map"], 0),
        (&["register"], 0),
    ];
    for (args, expected) in cases {
        let (code, stderr) = run_with_streams(&setup.root, args, closed_pipe(), Stdio::piped());
        assert_eq!(code, Some(expected), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} ends quietly: {stderr}");
    }
    assert!(setup.path("new-venue/datacharter.yaml").is_file());
}

fn dev_full() -> Option<fs::File> {
    fs::OpenOptions::new().write(true).open("/dev/full").ok()
}

#[test]
fn a_full_stdout_or_stderr_is_exit_two_never_a_panic() {
    let Some(_) = dev_full() else {
        return; // Not Linux.
    };
    let setup = Setup::new("datacharter: 1\n");
    // Standard output full: exit 2, and the message on standard error.
    for args in [
        &["lint", "--format", "json"][..],
        &["init", "full-venue"],
        &["schema"],
        &["rule", "--all"],
    ] {
        let full = dev_full().expect("/dev/full");
        let (code, stderr) = run_with_streams(&setup.root, args, full, Stdio::piped());
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("standard output"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    // Standard error full (`2>/dev/full`): an error still exits 2, and so does a command
    // whose report on standard error cannot be written.
    for args in [
        &["lint", "--no-such-option"][..],
        &["schema", "--out", "out"],
    ] {
        let full = dev_full().expect("/dev/full");
        let (code, _) = run_with_streams(&setup.root, args, Stdio::null(), full);
        assert_eq!(code, Some(2), "{args:?}");
    }
}
