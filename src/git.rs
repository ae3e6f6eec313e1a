//! Reading a workspace as it was at a git revision, by running the `git` command
//! (`rev-parse`, `ls-tree`, `cat-file --batch`): no git library, and nothing is checked out,
//! so the user's working tree is never touched.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Why a revision could not be read. Each message says how to fix it.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error(
        "cannot run `git` ({0}): install git and make sure it is on PATH, or run without --new-since / diff revisions"
    )]
    Missing(String),
    #[error(
        "{} is not inside a git repository: run datacharter in a clone of the repository that holds the workspace",
        .0.display()
    )]
    NotARepository(PathBuf),
    #[error(
        "this clone is shallow and does not have `{0}`: fetch the history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout) or fetch that revision (`git fetch origin {0}`)"
    )]
    Shallow(String),
    #[error(
        "unknown revision `{0}`: check its name (`git branch -a`, `git tag`), or fetch it (`git fetch origin {0}`)"
    )]
    UnknownRevision(String),
    #[error("git {command} failed: {message}")]
    Failed { command: String, message: String },
}

/// A repository, seen from the workspace root inside it.
#[derive(Debug, Clone)]
pub struct Repository {
    /// The workspace root (where git runs).
    dir: PathBuf,
    /// The root's path inside the repository, `/`-separated, with a trailing `/` (empty at
    /// the top).
    pub prefix: String,
}

/// A file of a revision, under the workspace root.
#[derive(Debug, Clone)]
pub struct TreeFile {
    /// Relative to the workspace root, `/`-separated.
    pub path: String,
    pub object: String,
}

impl Repository {
    /// The repository that holds `dir`.
    pub fn open(dir: &Path) -> Result<Repository, GitError> {
        let output = run(dir, &["rev-parse", "--show-prefix"])?;
        if !output.status.success() {
            return Err(GitError::NotARepository(dir.to_path_buf()));
        }
        let prefix = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        Ok(Repository {
            dir: dir.to_path_buf(),
            prefix,
        })
    }

    /// The commit `rev` names; a clear error when it is unknown or cut off by a shallow clone.
    pub fn resolve(&self, rev: &str) -> Result<String, GitError> {
        if rev.starts_with('-') {
            return Err(GitError::UnknownRevision(rev.to_owned()));
        }
        let spec = format!("{rev}^{{commit}}");
        let output = run(
            &self.dir,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &spec,
            ],
        )?;
        if output.status.success() {
            return Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned());
        }
        let shallow = run(&self.dir, &["rev-parse", "--is-shallow-repository"])?;
        if String::from_utf8_lossy(&shallow.stdout).trim() == "true" {
            Err(GitError::Shallow(rev.to_owned()))
        } else {
            Err(GitError::UnknownRevision(rev.to_owned()))
        }
    }

    /// The regular files under the workspace root at `commit` (symlinks and submodules are
    /// left out, as the workspace walk leaves out what it cannot read as a file).
    pub fn files(&self, commit: &str) -> Result<Vec<TreeFile>, GitError> {
        let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", commit];
        if !self.prefix.is_empty() {
            args.extend(["--", self.prefix.as_str()]);
        }
        let output = run(&self.dir, &args)?;
        check(&output, "ls-tree")?;
        let mut files = Vec::new();
        for record in output.stdout.split(|byte| *byte == 0) {
            let record = String::from_utf8_lossy(record);
            let Some((meta, path)) = record.split_once('\t') else {
                continue;
            };
            let mut meta = meta.split(' ');
            let (Some(mode), Some(kind), Some(object)) = (meta.next(), meta.next(), meta.next())
            else {
                continue;
            };
            if kind != "blob" || mode == "120000" {
                continue;
            }
            if let Some(relative) = path.strip_prefix(self.prefix.as_str()) {
                files.push(TreeFile {
                    path: relative.to_owned(),
                    object: object.to_owned(),
                });
            }
        }
        Ok(files)
    }

    /// The contents of `objects`, in order, read in one `git cat-file --batch`. An object
    /// larger than `limit` bytes is not kept: `Err` says so.
    pub fn read_blobs(
        &self,
        objects: &[&str],
        limit: u64,
    ) -> Result<Vec<Result<Vec<u8>, String>>, GitError> {
        let mut input = String::new();
        for object in objects {
            input.push_str(object);
            input.push('\n');
        }
        let mut child = Command::new("git")
            .args(["cat-file", "--batch"])
            .current_dir(&self.dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| GitError::Missing(error.to_string()))?;
        // Written from another thread: git answers while it reads, and a full pipe on both
        // sides would block.
        let mut stdin = child.stdin.take();
        let writer = std::thread::spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                let _ = stdin.write_all(input.as_bytes());
            }
        });
        let failed = |message: String| GitError::Failed {
            command: "cat-file".to_owned(),
            message,
        };
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| failed("no output".to_owned()))?;
        let mut reader = BufReader::new(stdout);
        let mut blobs = Vec::with_capacity(objects.len());
        for _ in objects {
            let mut header = String::new();
            reader
                .read_line(&mut header)
                .map_err(|error| failed(error.to_string()))?;
            let fields: Vec<&str> = header.split_whitespace().collect();
            let size = match fields.as_slice() {
                [_, _, size] => size
                    .parse::<u64>()
                    .map_err(|_| failed(format!("unexpected answer `{}`", header.trim())))?,
                _ => return Err(failed(format!("unexpected answer `{}`", header.trim()))),
            };
            let mut bytes = Vec::new();
            (&mut reader)
                .take(size)
                .read_to_end(&mut bytes)
                .map_err(|error| failed(error.to_string()))?;
            let mut newline = [0u8; 1];
            reader
                .read_exact(&mut newline)
                .map_err(|error| failed(error.to_string()))?;
            if size > limit {
                blobs.push(Err(format!(
                    "the file is larger than the {limit}-byte limit"
                )));
            } else {
                blobs.push(Ok(bytes));
            }
        }
        let _ = writer.join();
        let _ = child.wait();
        Ok(blobs)
    }
}

fn run(dir: &Path, args: &[&str]) -> Result<std::process::Output, GitError> {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| GitError::Missing(error.to_string()))
}

fn check(output: &std::process::Output, command: &str) -> Result<(), GitError> {
    if output.status.success() {
        Ok(())
    } else {
        Err(GitError::Failed {
            command: command.to_owned(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}
