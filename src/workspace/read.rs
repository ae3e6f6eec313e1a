//! Bounded reading: a file is checked before it is opened, and never read past the limit.

use crate::i18n::Locale;
use std::fs::{self, File, FileType};
use std::io::{self, Read};
use std::path::Path;

/// `max-file-size` when the settings do not say: 10 MiB, far above any hand-written YAML.
pub const DEFAULT_MAX_FILE_SIZE: u64 = crate::model::ByteSize::DEFAULT.0;

/// The most `max-file-size` can raise the limit to: 100 MiB, a datacharter default. A run
/// holds about thirty bytes of memory per byte of YAML (span tree, JSON values, typed model;
/// measured: 616 MB peak for one 20 MB file), so a file at the ceiling needs about 3 GB, what
/// a CI runner can spare; a hand-written governance file is a few kilobytes. Above it, a
/// workspace could make the run take all the machine's memory.
pub const MAX_FILE_SIZE_CEILING: u64 = 100 * 1024 * 1024;

/// The largest buffer reserved before reading; it grows past this only as bytes arrive.
const INITIAL_CAPACITY: usize = 1 << 20;

/// Why a workspace file was not read. Its message becomes a DC001 finding on the file; it
/// displays in English, [`ReadProblem::message`] gives it in another language.
#[derive(Debug, thiserror::Error)]
pub enum ReadProblem {
    #[error("{}", self.message(Locale::En))]
    TooLarge { size: u64, limit: u64 },
    /// `kind` is the last part of a `DC001.file-kind.*` key (`pipe`, `directory`…).
    #[error("{}", self.message(Locale::En))]
    NotAFile { kind: &'static str },
    #[error("{}", self.message(Locale::En))]
    Io(#[from] io::Error),
}

impl ReadProblem {
    /// The problem in words, in `locale` (an I/O error keeps the system's own wording).
    pub fn message(&self, locale: Locale) -> String {
        match self {
            ReadProblem::TooLarge { size, limit } => {
                crate::t!(locale, "DC001.too-large", size = size, limit = limit)
            }
            ReadProblem::NotAFile { kind } => {
                let kind = crate::t!(locale, &format!("DC001.file-kind.{kind}"));
                crate::t!(locale, "DC001.not-a-file", kind = kind)
            }
            ReadProblem::Io(error) => crate::t!(locale, "DC001.io", error = error),
        }
    }
}

/// Reads at most `limit` bytes of a regular file. The size is checked from metadata first so
/// a huge file is never loaded, and the read itself is capped so a file growing meanwhile is
/// still bounded. FIFOs and devices are refused before `open`, which could block on them.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadProblem> {
    let mut metadata = fs::symlink_metadata(path)?;
    if metadata.file_type().is_symlink() {
        metadata = fs::metadata(path)?;
    }
    if !metadata.is_file() {
        return Err(ReadProblem::NotAFile {
            kind: describe(metadata.file_type()),
        });
    }
    if metadata.len() > limit {
        return Err(ReadProblem::TooLarge {
            size: metadata.len(),
            limit,
        });
    }
    // The buffer grows with what is really read: metadata can claim any size (a sparse file,
    // a file truncated meanwhile, a procfs entry), and a capacity taken from it could abort
    // the process on one huge allocation. The first reservation is capped for the same reason.
    let expected = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
    let mut bytes = Vec::with_capacity(expected.min(INITIAL_CAPACITY));
    File::open(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(ReadProblem::TooLarge { size, limit });
    }
    Ok(bytes)
}

fn describe(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "pipe";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "device";
        }
    }
    if file_type.is_dir() {
        "directory"
    } else {
        "special"
    }
}
