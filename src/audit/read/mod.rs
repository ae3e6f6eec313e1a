//! Reading an export, one row at a time: CSV (any delimiter, UTF-8 or Windows-1252, quoted
//! newlines, CRLF) and spreadsheets (xlsx streamed; ods and xls after their declared sizes are
//! checked). A reader hands each row's cells to a [`RowSink`] and keeps nothing of them.

pub mod csv;
pub mod sheet;

use std::path::Path;

/// What the audit reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Ods,
    Xls,
}

impl Format {
    /// From `export.format`, else from the file's extension.
    pub fn resolve(declared: Option<&str>, path: &Path) -> Option<Format> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let name = declared
            .map(str::to_ascii_lowercase)
            .or(extension)
            .unwrap_or_default();
        match name.as_str() {
            "csv" | "tsv" | "txt" => Some(Format::Csv),
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "ods" => Some(Format::Ods),
            "xls" => Some(Format::Xls),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Ods => "ods",
            Format::Xls => "xls",
        }
    }
}

/// Bounds on what a reader accepts: a hostile file is refused (DA001), never followed.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest export file, in bytes (a datacharter default: 4 GiB).
    pub file_bytes: u64,
    /// Largest uncompressed part of a spreadsheet (a datacharter default: 512 MiB).
    pub part_bytes: u64,
    /// Largest compression ratio of a spreadsheet part over 1 MiB (a datacharter default: 200).
    pub ratio: u64,
    /// Most cells a sheet may declare or expand to (a datacharter default: 50 million).
    pub cells: u64,
    /// Most columns (a datacharter default: 2,000).
    pub columns: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: 4 << 30,
            part_bytes: 512 << 20,
            ratio: 200,
            cells: 50_000_000,
            columns: 2_000,
        }
    }
}

/// How to read one export.
#[derive(Debug, Clone)]
pub struct Spec {
    pub format: Format,
    /// The declared CSV delimiter.
    pub delimiter: Option<u8>,
    /// The declared encoding (an `encoding_rs` label).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The 1-based row of the column names.
    pub header_row: u32,
    pub sheet: Option<String>,
    pub limits: Limits,
}

/// Why an export cannot be read (DA001); each has a sentence in the catalogues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Missing,
    /// The OS refused (permissions…): its message, which names no cell.
    Io(String),
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    Encrypted,
    /// Not the declared format, or damaged: the parser's own words.
    Corrupt(String),
    /// A compressed part expands far more than a spreadsheet does.
    Bomb {
        part: String,
    },
    /// The sheet declares or expands to more cells than the limit.
    HugeRange {
        cells: u64,
    },
    NoSheet(String),
    Empty,
    /// UTF-16 and other encodings the CSV reader cannot split.
    UnsupportedEncoding(String),
}

impl ReadError {
    /// The reason, in words, in `locale`: it never quotes the file's content.
    pub fn reason(&self, locale: crate::i18n::Locale) -> String {
        use crate::t;
        match self {
            ReadError::Missing => t!(locale, "DA001.reason.missing"),
            ReadError::Io(message) => t!(locale, "DA001.reason.io", message = message),
            ReadError::TooLarge { bytes, limit } => {
                t!(
                    locale,
                    "DA001.reason.too-large",
                    bytes = bytes,
                    limit = limit
                )
            }
            ReadError::Encrypted => t!(locale, "DA001.reason.encrypted"),
            ReadError::Corrupt(message) => t!(locale, "DA001.reason.corrupt", message = message),
            ReadError::Bomb { part } => t!(locale, "DA001.reason.bomb", part = part),
            ReadError::HugeRange { cells } => t!(locale, "DA001.reason.huge-range", cells = cells),
            ReadError::NoSheet(sheet) => t!(locale, "DA001.reason.no-sheet", sheet = sheet),
            ReadError::Empty => t!(locale, "DA001.reason.empty"),
            ReadError::UnsupportedEncoding(name) => {
                t!(locale, "DA001.reason.encoding", encoding = name)
            }
        }
    }
}

/// What a reader noticed about the file itself (DA002, DA003).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// The encoding had to be guessed (none declared, no BOM, not UTF-8).
    pub guessed_encoding: Option<&'static str>,
    /// Cells whose bytes are invalid in the encoding used.
    pub invalid_cells: u64,
    /// Rows whose number of cells differs from the header's.
    pub ragged_rows: u64,
    /// The first such rows (1-based).
    pub ragged_sample: Vec<u64>,
    /// The declared delimiter splits the header into one column while another would not.
    pub single_column: Option<u8>,
    /// The delimiter used.
    pub delimiter: Option<u8>,
}

/// Receives the rows of an export. Cells are borrowed for the call only.
pub trait RowSink {
    fn header(&mut self, names: &[String]);
    /// `number`: the 1-based row in the file (the header row counts).
    fn row(&mut self, number: u64, cells: &[&str]);
}

/// Reads `path` into `sink`. Panics inside the spreadsheet parsers are caught and reported as a
/// damaged file: bad input never stops the audit.
pub fn read(path: &Path, spec: &Spec, sink: &mut dyn RowSink) -> Result<Notes, ReadError> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(ReadError::Missing);
        }
        Err(error) => return Err(ReadError::Io(error.kind().to_string())),
    };
    if !metadata.is_file() {
        return Err(ReadError::Missing);
    }
    if metadata.len() > spec.limits.file_bytes {
        return Err(ReadError::TooLarge {
            bytes: metadata.len(),
            limit: spec.limits.file_bytes,
        });
    }
    if metadata.len() == 0 {
        return Err(ReadError::Empty);
    }
    match spec.format {
        Format::Csv => csv::read(path, spec, sink),
        _ => {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                sheet::read(path, spec, sink)
            }));
            outcome.unwrap_or_else(|_| {
                Err(ReadError::Corrupt(
                    "the spreadsheet parser failed".to_owned(),
                ))
            })
        }
    }
}

/// A declared delimiter: `;`, `,`, `|`, a tab, or `\t` / `tab` written out.
pub fn parse_delimiter(text: &str) -> Option<u8> {
    match text {
        "\\t" | "tab" | "\t" => Some(b'\t'),
        _ if text.len() == 1 && text.is_ascii() => text.bytes().next(),
        _ => None,
    }
}
