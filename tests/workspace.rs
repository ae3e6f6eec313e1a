//! The workspace stage against real folders: discovery, settings, listing, reading.

use datacharter::workspace::{self, Discovery, ReadProblem, WorkspaceError, WorkspaceFile};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const SETTINGS: &str = "datacharter: 1\n";

fn write(root: &Path, relative: &str, content: &str) {
    let path = root.join(relative);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create parent folders");
    }
    fs::write(path, content).expect("write test file");
}

fn workspace_with(settings: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "datacharter.yaml", settings);
    dir
}

fn discover(start: &Path) -> Discovery<'_> {
    Discovery {
        start,
        config: None,
        no_config: false,
    }
}

fn load(start: &Path) -> workspace::Workspace {
    workspace::load(&discover(start)).expect("workspace loads")
}

fn paths(ws: &workspace::Workspace) -> Vec<&str> {
    ws.files.iter().map(|file| file.path.as_str()).collect()
}

fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).expect("canonical path")
}

#[test]
fn discovery_walks_up_from_a_subfolder() {
    let dir = workspace_with(SETTINGS);
    write(dir.path(), "a/b/doc.yaml", "kind: party\n");
    let ws = load(&dir.path().join("a/b"));
    assert_eq!(ws.root, canonical(dir.path()));
    assert_eq!(
        ws.settings_file,
        Some(canonical(dir.path()).join("datacharter.yaml"))
    );
    assert_eq!(paths(&ws), ["a/b/doc.yaml"]);
}

#[test]
fn discovery_starts_from_a_file_and_accepts_yml() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "datacharter.yml", SETTINGS);
    write(dir.path(), "sub/doc.yaml", "kind: party\n");
    let ws = load(&dir.path().join("sub/doc.yaml"));
    assert_eq!(ws.root, canonical(dir.path()));
    // The settings file is not a document, whichever of the two names it has.
    assert_eq!(paths(&ws), ["sub/doc.yaml"]);
}

#[test]
fn no_settings_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("sub")).expect("mkdir");
    let error = workspace::load(&discover(&dir.path().join("sub"))).expect_err("no workspace");
    assert!(
        matches!(error, WorkspaceError::NotFound { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.starts_with("no datacharter.yaml found in "),
        "{message}"
    );
    assert!(
        message.contains("run `datacharter init` or pass --config"),
        "{message}"
    );
}

#[test]
fn missing_start_path_is_an_io_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let error = workspace::load(&discover(&dir.path().join("nope"))).expect_err("missing");
    assert!(matches!(error, WorkspaceError::Io { .. }), "{error:?}");
}

#[test]
fn config_option_sets_the_root_to_its_folder() {
    let dir = workspace_with(SETTINGS);
    write(dir.path(), "outside.yaml", "kind: party\n");
    write(dir.path(), "conf/custom.yaml", SETTINGS);
    write(dir.path(), "conf/doc.yaml", "kind: party\n");
    let config = dir.path().join("conf/custom.yaml");
    let ws = workspace::load(&Discovery {
        start: dir.path(),
        config: Some(&config),
        no_config: false,
    })
    .expect("workspace loads");
    assert_eq!(ws.root, canonical(&dir.path().join("conf")));
    assert_eq!(ws.settings_file, Some(canonical(&config)));
    assert_eq!(paths(&ws), ["doc.yaml"]);
}

#[test]
fn missing_config_file_is_an_io_error() {
    let dir = workspace_with(SETTINGS);
    let config = dir.path().join("missing.yaml");
    let error = workspace::load(&Discovery {
        start: dir.path(),
        config: Some(&config),
        no_config: false,
    })
    .expect_err("missing config");
    assert!(matches!(error, WorkspaceError::Io { .. }), "{error:?}");
    assert!(error.to_string().contains("missing.yaml"), "{error}");
}

#[test]
fn no_config_uses_the_start_folder_and_defaults() {
    let dir = workspace_with("include: [only/*.yaml]\n");
    write(dir.path(), "sub/a.yaml", "kind: party\n");
    write(dir.path(), "sub/b.yml", "kind: party\n");
    write(dir.path(), "sub/datacharter.yaml", "include: [nothing]\n");
    let start = dir.path().join("sub");
    let ws = workspace::load(&Discovery {
        start: &start,
        config: None,
        no_config: true,
    })
    .expect("workspace loads");
    assert_eq!(ws.root, canonical(&start));
    assert_eq!(ws.settings_file, None);
    assert_eq!(paths(&ws), ["a.yaml", "b.yml"]);
}

#[test]
fn config_and_no_config_conflict() {
    let dir = workspace_with(SETTINGS);
    let config = dir.path().join("datacharter.yaml");
    let error = workspace::load(&Discovery {
        start: dir.path(),
        config: Some(&config),
        no_config: true,
    })
    .expect_err("conflict");
    assert!(
        matches!(error, WorkspaceError::ConflictingConfigOptions),
        "{error:?}"
    );
}

#[test]
fn include_and_exclude_globs_select_files() {
    let dir = workspace_with(
        "datacharter: 1\ninclude: [\"docs/**/*.yaml\", \"*.yml\"]\nexclude: [\"docs/drafts/**\"]\n",
    );
    for file in [
        "docs/a.yaml",
        "docs/deep/er/b.yaml",
        "docs/drafts/c.yaml",
        "docs/drafts/x/d.yaml",
        "docs/e.yml",
        "top.yml",
        "top.yaml",
        "sub/f.yml",
        "docs/notes.txt",
    ] {
        write(dir.path(), file, "kind: party\n");
    }
    let ws = load(dir.path());
    assert_eq!(
        paths(&ws),
        ["docs/a.yaml", "docs/deep/er/b.yaml", "top.yml"]
    );
}

#[test]
fn hidden_and_tool_folders_and_dot_files_are_skipped() {
    let dir = workspace_with(SETTINGS);
    for file in [
        ".git/config.yaml",
        ".github/workflows/ci.yml",
        "target/out.yaml",
        "node_modules/pkg/x.yaml",
        "sub/target/y.yaml",
        ".pre-commit-config.yaml",
        "kept.yaml",
        "sub/kept.yml",
    ] {
        write(dir.path(), file, "kind: party\n");
    }
    let ws = load(dir.path());
    assert_eq!(paths(&ws), ["kept.yaml", "sub/kept.yml"]);
}

#[test]
fn directory_named_like_a_yaml_file_is_not_a_file() {
    let dir = workspace_with(SETTINGS);
    write(dir.path(), "x.yaml/inner.yaml", "kind: party\n");
    let ws = load(dir.path());
    assert_eq!(paths(&ws), ["x.yaml/inner.yaml"]);
}

#[test]
fn paths_are_sorted_by_bytes_and_slash_separated() {
    let dir = workspace_with(SETTINGS);
    for file in [
        "b.yaml",
        "a/z.yaml",
        "a.yaml",
        "A.yaml",
        "a-b.yaml",
        "a/b/c.yaml",
    ] {
        write(dir.path(), file, "kind: party\n");
    }
    let ws = load(dir.path());
    assert_eq!(
        paths(&ws),
        [
            "A.yaml",
            "a-b.yaml",
            "a.yaml",
            "a/b/c.yaml",
            "a/z.yaml",
            "b.yaml"
        ]
    );
    let root = canonical(dir.path());
    for file in &ws.files {
        assert_eq!(file.abs, root.join(&file.path));
    }
}

#[test]
fn files_are_read_in_full() {
    let dir = workspace_with(SETTINGS);
    write(dir.path(), "doc.yaml", "kind: party\nid: x\n");
    let ws = load(dir.path());
    let bytes = ws.read(&ws.files[0]).expect("readable");
    assert_eq!(bytes, b"kind: party\nid: x\n");
}

#[test]
fn a_file_over_max_file_size_is_not_read() {
    let dir = workspace_with("datacharter: 1\nmax-file-size: 100\n");
    write(dir.path(), "small.yaml", &"a".repeat(100));
    write(dir.path(), "big.yaml", &"a".repeat(101));
    let ws = load(dir.path());
    assert_eq!(ws.max_file_size(), 100);
    assert_eq!(paths(&ws), ["big.yaml", "small.yaml"]);
    let problem = ws.read(&ws.files[0]).expect_err("too large");
    assert!(
        matches!(
            problem,
            ReadProblem::TooLarge {
                size: 101,
                limit: 100
            }
        ),
        "{problem:?}"
    );
    assert!(problem.to_string().contains("max-file-size"), "{problem}");
    assert_eq!(ws.read(&ws.files[1]).expect("at the limit").len(), 100);
}

#[test]
fn a_huge_file_is_refused_from_its_metadata() {
    let dir = workspace_with(SETTINGS);
    // Sparse: 50 MB of size without 50 MB of disk or of reading.
    let file = fs::File::create(dir.path().join("huge.yaml")).expect("create");
    file.set_len(50 * 1024 * 1024).expect("grow");
    let ws = load(dir.path());
    let problem = ws.read(&ws.files[0]).expect_err("too large");
    assert!(
        matches!(problem, ReadProblem::TooLarge { size, limit } if size == 50 * 1024 * 1024 && limit == workspace::DEFAULT_MAX_FILE_SIZE),
        "{problem:?}"
    );
}

#[test]
fn a_bad_glob_is_a_finding_on_its_node() {
    let dir = workspace_with(
        "datacharter: 1\ninclude: [\"**/*.yaml\", \"ok/*.yml\", \"[unclosed\"]\nexclude: [\"/abs/**\"]\n",
    );
    let error = workspace::load(&discover(dir.path())).expect_err("invalid settings");
    let WorkspaceError::InvalidSettings { file, findings } = error else {
        panic!("expected invalid settings, got {error:?}");
    };
    assert_eq!(file.source.path, "datacharter.yaml");
    let places: Vec<_> = findings
        .iter()
        .map(|f| {
            (
                f.code.as_str(),
                f.location.file.as_str(),
                f.location.pointer(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("DC002", "datacharter.yaml", Some("/include/2")),
            ("DC002", "datacharter.yaml", Some("/exclude/0")),
        ]
    );
    assert!(
        findings[0].message.contains("[unclosed"),
        "{}",
        findings[0].message
    );
    assert!(
        findings[1]
            .message
            .contains("relative to the workspace root"),
        "{}",
        findings[1].message
    );
}

#[test]
fn a_bad_per_file_ignores_glob_is_reported_on_its_key() {
    let dir =
        workspace_with("datacharter: 1\nrules:\n  per-file-ignores:\n    \"a/**b\": [DC201]\n");
    let error = workspace::load(&discover(dir.path())).expect_err("invalid settings");
    let WorkspaceError::InvalidSettings { findings, .. } = error else {
        panic!("expected invalid settings, got {error:?}");
    };
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(
        findings[0].location,
        datacharter::finding::Location::node(
            "datacharter.yaml",
            0,
            "/rules/per-file-ignores/a~1**b"
        )
        .on_key()
    );
}

#[test]
fn a_yaml_error_in_the_settings_is_a_finding() {
    let dir = workspace_with("datacharter: 1\ninclude: [unclosed\n");
    let error = workspace::load(&discover(dir.path())).expect_err("invalid settings");
    let WorkspaceError::InvalidSettings { findings, .. } = error else {
        panic!("expected invalid settings, got {error:?}");
    };
    assert!(findings.iter().any(|f| f.code == "DC001"), "{findings:?}");
}

#[test]
fn the_settings_file_holds_one_document() {
    let dir = workspace_with("datacharter: 1\n---\ndatacharter: 1\n");
    let error = workspace::load(&discover(dir.path())).expect_err("invalid settings");
    let WorkspaceError::InvalidSettings { findings, .. } = error else {
        panic!("expected invalid settings, got {error:?}");
    };
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].location.document(), Some(1));
}

#[test]
fn settings_without_a_version_are_refused() {
    let dir = workspace_with("# only a comment\n");
    let error = workspace::load(&discover(dir.path())).expect_err("invalid settings");
    let WorkspaceError::InvalidSettings { findings, .. } = error else {
        panic!("expected invalid settings, got {error:?}");
    };
    assert!(
        findings
            .iter()
            .any(|f| f.code == "DC002" && f.message.contains("datacharter")),
        "{findings:?}"
    );
}

#[test]
fn an_unknown_settings_key_suggests_the_right_one() {
    let dir = workspace_with("datacharter: 1\ninclde: [\"**/*.yaml\"]\n");
    let error = workspace::load(&discover(dir.path())).expect_err("invalid settings");
    let WorkspaceError::InvalidSettings { findings, .. } = error else {
        panic!("expected invalid settings, got {error:?}");
    };
    assert_eq!(findings.len(), 1, "{findings:?}");
    let finding = &findings[0];
    assert_eq!(finding.code, "DC002");
    assert_eq!(finding.location.pointer(), Some("/inclde"));
    let text = format!(
        "{} {}",
        finding.message,
        finding.help.as_deref().unwrap_or("")
    );
    assert!(
        text.contains("did you mean") && text.contains("`include`"),
        "{text}"
    );
}

#[test]
fn report_filter_keeps_given_files_and_folders() {
    let dir = workspace_with(SETTINGS);
    write(dir.path(), "a.yaml", "kind: party\n");
    write(dir.path(), "sub/x.yaml", "kind: party\n");
    let ws = load(dir.path());
    let filter = ws
        .report_filter(&[dir.path().join("a.yaml"), dir.path().join("sub")])
        .expect("inside the root");
    assert_eq!(filter.prefixes, ["a.yaml", "sub"]);
    assert!(filter.includes("a.yaml"));
    assert!(filter.includes("sub/x.yaml"));
    assert!(!filter.includes("subway/x.yaml"));
    assert!(!filter.includes("b.yaml"));

    let everything = ws.report_filter(&[dir.path()]).expect("the root");
    assert!(everything.includes("b.yaml"));
    let none_given = ws.report_filter::<PathBuf>(&[]).expect("no paths");
    assert!(none_given.includes("b.yaml"));
}

#[test]
fn report_filter_refuses_paths_outside_the_root() {
    let dir = workspace_with(SETTINGS);
    let other = tempfile::tempdir().expect("temp dir");
    let ws = load(dir.path());
    let error = ws.report_filter(&[other.path()]).expect_err("outside");
    assert!(
        matches!(error, WorkspaceError::OutsideRoot { .. }),
        "{error:?}"
    );
    let error = ws
        .report_filter(&[dir.path().join("missing.yaml")])
        .expect_err("missing");
    assert!(matches!(error, WorkspaceError::Io { .. }), "{error:?}");
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::os::unix::fs::symlink;
    use std::process::Command;

    #[test]
    fn a_fifo_named_yaml_is_skipped_and_never_opened() {
        let dir = workspace_with(SETTINGS);
        write(dir.path(), "real.yaml", "kind: party\n");
        let fifo = dir.path().join("x.yaml");
        let status = Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("run mkfifo");
        assert!(status.success());
        let ws = load(dir.path());
        assert_eq!(paths(&ws), ["real.yaml"]);
        // Reading it directly is refused before `open`, which would block.
        let file = WorkspaceFile {
            path: "x.yaml".to_owned(),
            abs: fifo,
        };
        let problem = ws.read(&file).expect_err("a fifo");
        assert!(
            matches!(problem, ReadProblem::NotAFile { .. }),
            "{problem:?}"
        );
        assert!(problem.to_string().contains("named pipe"), "{problem}");
    }

    #[test]
    fn symlinks_loop_safely_and_only_reach_workspace_files() {
        let dir = workspace_with(SETTINGS);
        let outside = tempfile::tempdir().expect("temp dir");
        write(outside.path(), "secret.yaml", "kind: party\n");
        write(dir.path(), "a.yaml", "kind: party\n");
        let root = dir.path();
        symlink(root, root.join("loop")).expect("dir link");
        symlink(root, root.join("loop.yaml")).expect("dir link named like a file");
        symlink(root.join("a.yaml"), root.join("link.yaml")).expect("file link");
        symlink(
            outside.path().join("secret.yaml"),
            root.join("outside.yaml"),
        )
        .expect("link out");
        symlink(root.join("gone.yaml"), root.join("broken.yaml")).expect("broken link");

        let ws = load(root);
        assert_eq!(paths(&ws), ["a.yaml", "link.yaml"]);
        assert_eq!(
            ws.read(&ws.files[1]).expect("link target"),
            b"kind: party\n"
        );
        let problems: Vec<_> = ws.walk_problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(problems, ["broken.yaml", "outside.yaml"]);
        assert!(
            ws.walk_problems[1]
                .message
                .contains("not inside the workspace")
        );
        // A broken link and a link out read alike: which outside files exist is not said.
        assert_eq!(
            ws.walk_problems[0].message.replace("broken.yaml", "X"),
            ws.walk_problems[1].message.replace("outside.yaml", "X")
        );
    }
}
