//! Writing files: atomically (temporary file + rename), and for generated documents never
//! over an existing file unless asked.

use std::fs;
use std::io;
use std::path::Path;

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`: a reader
/// never sees half a file, and a failed run leaves the previous file in place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(name);
    temporary_name.push(format!(".{}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary_name);
    let written = fs::write(&temporary, bytes).and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        // Best effort: the error that matters is the one returned.
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// Like [`write_atomically`], but refuses to replace an existing file unless `force`.
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> io::Result<()> {
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} already exists; pass --force to replace it",
                path.display()
            ),
        ));
    }
    write_atomically(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let leftovers = fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
