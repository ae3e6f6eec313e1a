//! Writing files, for every command that writes (`lint --output`, `register --output`,
//! `map --output`, `init`, `schema --out`): atomically, and never where a hostile workspace
//! could redirect the bytes.
//!
//! A regular file is replaced by rename from a temporary file created exclusively (`O_EXCL`,
//! random name) in the same folder, so a committed link named like the temporary file cannot
//! catch the write, a reader never sees half a file, and a failed run keeps the previous file.
//! A target that is not a regular file (a device such as `/dev/null`, a FIFO, or a link to
//! one) is opened and written in place, never replaced; so is `/dev/stdout` (a link of the
//! system's, under `/dev` or `/proc`, whatever the stream was redirected to). A symbolic link
//! to a regular file is refused: a workspace can commit `report.sarif -> ~/.bashrc`, and
//! following it would let whoever wrote the workspace choose which file is overwritten.
//!
//! Every error names the file.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file that could not be written, and why.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", .path.display())]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

impl WriteError {
    fn new(path: &Path, source: io::Error) -> WriteError {
        WriteError {
            path: path.to_path_buf(),
            source,
        }
    }

    fn refused(path: &Path, kind: io::ErrorKind, why: &str) -> WriteError {
        WriteError::new(path, io::Error::new(kind, why))
    }

    pub fn kind(&self) -> io::ErrorKind {
        self.source.kind()
    }
}

/// What is at the target's path now.
enum Existing {
    Nothing,
    /// A regular file (not a link): replaced by rename, keeping its permissions.
    Regular(fs::Permissions),
    /// A FIFO or a character device, named directly or through a link: written in place.
    InPlace,
}

fn existing(path: &Path) -> Result<Existing, WriteError> {
    let metadata = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Existing::Nothing),
        Err(error) => return Err(WriteError::new(path, error)),
    };
    if metadata.is_file() {
        return Ok(Existing::Regular(metadata.permissions()));
    }
    let metadata = if metadata.file_type().is_symlink() {
        match fs::metadata(path) {
            // `/dev/stdout` and `/proc/self/fd/N` lead wherever the shell redirected the
            // stream, a regular file included; no workspace can put a link there.
            Ok(_) if is_system_path(path) => return Ok(Existing::InPlace),
            Ok(target) if target.is_file() => {
                return Err(WriteError::refused(
                    path,
                    io::ErrorKind::InvalidInput,
                    "it is a symbolic link to a file, and datacharter writes no file through a link; remove the link or name the file it points to",
                ));
            }
            Ok(target) => target,
            Err(_) => {
                return Err(WriteError::refused(
                    path,
                    io::ErrorKind::InvalidInput,
                    "it is a broken symbolic link; remove it or name another file",
                ));
            }
        }
    } else {
        metadata
    };
    if metadata.is_dir() {
        return Err(WriteError::refused(
            path,
            io::ErrorKind::IsADirectory,
            "it is a folder",
        ));
    }
    if is_writable_in_place(&metadata) {
        Ok(Existing::InPlace)
    } else {
        Err(WriteError::refused(
            path,
            io::ErrorKind::InvalidInput,
            "it is neither a regular file, a character device nor a pipe",
        ))
    }
}

/// Under `/dev` or `/proc`: the system's own links (`/dev/stdout`, `/dev/fd/1`).
fn is_system_path(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

/// FIFOs and character devices (`/dev/null`, a terminal) take a report in place. A block
/// device never does, and a socket cannot be opened.
fn is_writable_in_place(metadata: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = metadata.file_type();
        file_type.is_fifo() || file_type.is_char_device()
    }
    #[cfg(not(unix))]
    {
        !metadata.is_dir()
    }
}

/// Writes `bytes` to `path`, replacing a regular file atomically (see the module's doc).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    match existing(path)? {
        Existing::InPlace => write_in_place(path, bytes),
        Existing::Regular(permissions) => replace(path, bytes, Some(permissions)),
        Existing::Nothing => replace(path, bytes, None),
    }
}

/// Like [`write_atomically`], but refuses to replace an existing regular file unless `force`.
/// A device or a FIFO is not a file to protect: it is written without `force`.
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    match existing(path)? {
        Existing::InPlace => write_in_place(path, bytes),
        Existing::Regular(_) if !force => Err(WriteError::refused(
            path,
            io::ErrorKind::AlreadyExists,
            "it already exists; pass --force to replace it",
        )),
        Existing::Regular(permissions) => replace(path, bytes, Some(permissions)),
        Existing::Nothing => replace(path, bytes, None),
    }
}

/// Appends, which is writing for a device or a FIFO, and keeps what a `>>` redirection
/// behind `/dev/stdout` already holds.
fn write_in_place(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    OpenOptions::new()
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.flush()))
        .map_err(|error| WriteError::new(path, error))
}

/// A temporary file in the target's folder (`.NAME.XXXXXX.tmp`), created with `O_EXCL` so it
/// is always a new file of ours, then renamed over the target. Dropped on failure, which
/// removes it.
fn replace(
    path: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> Result<(), WriteError> {
    let fail = |error| WriteError::new(path, error);
    let name = path.file_name().ok_or_else(|| {
        WriteError::refused(path, io::ErrorKind::InvalidInput, "it is not a file name")
    })?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // tempfile creates 0600 files; a report is as readable as any file the user creates
    // (0666 less the umask), a replaced file keeps its mode.
    #[cfg(unix)]
    let permissions = permissions.or_else(|| {
        use std::os::unix::fs::PermissionsExt;
        Some(fs::Permissions::from_mode(0o666))
    });
    if let Some(permissions) = permissions {
        builder.permissions(permissions);
    }
    let mut temporary = builder.tempfile_in(folder).map_err(fail)?;
    temporary
        .write_all(bytes)
        .and_then(|()| temporary.as_file().sync_data())
        .map_err(fail)?;
    temporary
        .persist(path)
        .map(drop)
        .map_err(|error| fail(error.error))
}

/// Creates the folders of `relative` (`/`-separated) below `base`, one component at a time,
/// and returns the last. An existing component must be a real folder: a symbolic link is
/// refused, so that a workspace cannot send `init --force` writing elsewhere through a
/// committed link (`parties -> /etc`). `base` itself is the user's and may be a link.
pub fn create_folders_within(base: &Path, relative: &str) -> Result<PathBuf, WriteError> {
    fs::create_dir_all(base).map_err(|error| WriteError::new(base, error))?;
    folders_within(base, relative, true)
}

/// Checks, without writing anything, that [`write_new`] of `relative` (`/`-separated) below
/// `base` would neither go through a symbolic link nor be refused: so that a command writing
/// several files (`init`) can refuse before writing the first.
pub fn check_new_within(base: &Path, relative: &str, force: bool) -> Result<(), WriteError> {
    let (folder, name) = relative.rsplit_once('/').unwrap_or(("", relative));
    let folder = folders_within(base, folder, false)?;
    match existing(&folder.join(name))? {
        Existing::Regular(_) if !force => Err(WriteError::refused(
            &folder.join(name),
            io::ErrorKind::AlreadyExists,
            "it already exists; pass --force to replace it",
        )),
        _ => Ok(()),
    }
}

/// Walks the folders of `relative` below `base`, refusing links and non-folders; creates the
/// missing ones when `create`, else stops at the first missing one (nothing below it exists).
fn folders_within(base: &Path, relative: &str, create: bool) -> Result<PathBuf, WriteError> {
    let mut folder = base.to_path_buf();
    for part in relative.split('/').filter(|part| !part.is_empty()) {
        folder.push(part);
        match fs::symlink_metadata(&folder) {
            Ok(metadata) if metadata.is_dir() => {}
            Ok(metadata) if metadata.file_type().is_symlink() => {
                return Err(WriteError::refused(
                    &folder,
                    io::ErrorKind::InvalidInput,
                    "it is a symbolic link, and datacharter does not write through one",
                ));
            }
            Ok(_) => {
                return Err(WriteError::refused(
                    &folder,
                    io::ErrorKind::AlreadyExists,
                    "it is not a folder",
                ));
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                if !create {
                    return Ok(folder);
                }
                fs::create_dir(&folder).map_err(|error| WriteError::new(&folder, error))?;
            }
            Err(error) => return Err(WriteError::new(&folder, error)),
        }
    }
    Ok(folder)
}

/// Standard output and standard error, written without panicking: `println!` panics when the
/// stream is closed or the disk is full. A closed pipe (`datacharter … | head`) ends the
/// output quietly, as `ls | head` does; any other failure is an error for exit code 2.
pub mod console {
    use std::io::{self, Write};

    /// Writing to standard output or standard error failed (not a closed pipe).
    #[derive(Debug, thiserror::Error)]
    #[error("cannot write to {stream}: {source}")]
    pub struct ConsoleError {
        pub stream: &'static str,
        #[source]
        pub source: io::Error,
    }

    /// Writes `bytes` to `out` and flushes; a broken pipe is success (the reader has what it
    /// wanted and left).
    pub fn write_to(
        out: &mut impl Write,
        stream: &'static str,
        bytes: &[u8],
    ) -> Result<(), ConsoleError> {
        match out.write_all(bytes).and_then(|()| out.flush()) {
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|source| ConsoleError { stream, source }),
        }
    }

    /// Writes to standard output.
    pub fn print(text: impl AsRef<[u8]>) -> Result<(), ConsoleError> {
        write_to(&mut io::stdout().lock(), "standard output", text.as_ref())
    }

    /// Writes to standard error.
    pub fn eprint(text: impl AsRef<[u8]>) -> Result<(), ConsoleError> {
        write_to(&mut io::stderr().lock(), "standard error", text.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> usize {
        fs::read_dir(dir).expect("list").count()
    }

    #[test]
    fn write_new_refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("register.html");
        write_new(&path, b"first", false).expect("new file");
        let refused = write_new(&path, b"second", false);
        assert_eq!(
            refused.map_err(|e| e.kind()),
            Err(io::ErrorKind::AlreadyExists)
        );
        assert_eq!(fs::read(&path).expect("read"), b"first");
        write_new(&path, b"second", true).expect("forced");
        assert_eq!(fs::read(&path).expect("read"), b"second");
        assert_eq!(leftovers(dir.path()), 1, "no temporary file is left behind");
    }

    #[test]
    fn an_error_names_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("missing-folder/report.json");
        let error = write_atomically(&path, b"{}").expect_err("no folder");
        assert!(
            error.to_string().contains("missing-folder/report.json"),
            "{error}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("report.txt");
        write_atomically(&path, b"one").expect("write");
        let mode = fs::metadata(&path).expect("stat").permissions().mode();
        // 0666 less the umask: at least readable by its owner, never executable.
        assert_eq!(mode & 0o600, 0o600, "{mode:o}");
        assert_eq!(mode & 0o111, 0, "{mode:o}");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomically(&path, b"two").expect("write");
        let mode = fs::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_file_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("victim");
        fs::write(&target, "precious").expect("write");
        let link = dir.path().join("report.sarif");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        let error = write_atomically(&link, b"{}").expect_err("refused");
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert_eq!(fs::read_to_string(&target).expect("read"), "precious");
        assert!(fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_in_place() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("report.fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|status| status.success()), "mkfifo");
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap_or_default())
        };
        write_new(&fifo, b"report", false).expect("written without --force");
        assert_eq!(reader.join().expect("reader"), b"report");
        let kind = fs::symlink_metadata(&fifo).expect("stat").file_type();
        assert!(kind.is_fifo(), "still a FIFO");
    }

    #[cfg(unix)]
    #[test]
    fn folders_are_created_but_never_through_a_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = tempfile::tempdir().expect("temp dir");
        let made = create_folders_within(dir.path(), "a/b").expect("created");
        assert!(made.is_dir());
        std::os::unix::fs::symlink(outside.path(), dir.path().join("parties")).expect("link");
        let error = create_folders_within(dir.path(), "parties/x").expect_err("refused");
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert_eq!(leftovers(outside.path()), 0);
    }

    #[test]
    fn a_closed_pipe_is_not_an_error_but_a_full_disk_is() {
        struct Failing(io::ErrorKind);
        impl Write for Failing {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(self.0))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let closed = console::write_to(
            &mut Failing(io::ErrorKind::BrokenPipe),
            "standard output",
            b"x",
        );
        assert!(closed.is_ok());
        let full = console::write_to(
            &mut Failing(io::ErrorKind::StorageFull),
            "standard output",
            b"x",
        );
        let message = full.map_err(|e| e.to_string()).expect_err("an error");
        assert!(message.contains("standard output"), "{message}");
    }
}
