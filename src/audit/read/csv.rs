//! CSV exports: the `csv` crate's `ByteRecord` reader (quotes, quoted newlines, CRLF), decoding
//! each cell from the declared, marked (BOM) or detected encoding.

use super::{Notes, ReadError, RowSink, Spec};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// How many bytes are looked at to choose the delimiter and the encoding.
const SNIFF: usize = 64 * 1024;

/// The sample's candidate delimiters, most common in exports first.
const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

pub fn read(path: &Path, spec: &Spec, sink: &mut dyn RowSink) -> Result<Notes, ReadError> {
    let io = |error: std::io::Error| ReadError::Io(error.kind().to_string());
    let mut file = File::open(path).map_err(io)?;
    let mut sample = vec![0; SNIFF];
    let mut filled = 0;
    while filled < SNIFF {
        match file.read(&mut sample[filled..]).map_err(io)? {
            0 => break,
            n => filled += n,
        }
    }
    sample.truncate(filled);
    let mut notes = Notes::default();

    let (bom, bom_length) = match Encoding::for_bom(&sample) {
        Some((encoding, length)) => (Some(encoding), length),
        None => (None, 0),
    };
    let encoding = match (spec.encoding, bom) {
        (Some(declared), _) => declared,
        (None, Some(marked)) => marked,
        (None, None) => {
            if valid_utf8_prefix(&sample, filled == SNIFF) {
                UTF_8
            } else {
                notes.guessed_encoding = Some("windows-1252");
                WINDOWS_1252
            }
        }
    };
    if encoding != UTF_8 && !encoding.is_ascii_compatible() {
        return Err(ReadError::UnsupportedEncoding(encoding.name().to_owned()));
    }
    let body = &sample[bom_length.min(sample.len())..];
    let first_line = body.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let guessed = guess_delimiter(first_line);
    let delimiter = spec.delimiter.unwrap_or(guessed);
    notes.delimiter = Some(delimiter);
    if spec.delimiter.is_some()
        && count_outside_quotes(first_line, delimiter) == 0
        && guessed != delimiter
        && count_outside_quotes(first_line, guessed) > 0
    {
        notes.single_column = Some(guessed);
    }

    let rest = std::io::Cursor::new(body.to_vec()).chain(file);
    let input = BufReader::with_capacity(256 * 1024, rest);
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut record = ::csv::ByteRecord::new();
    let mut header_width = None;
    let mut number = 0u64;
    let header_row = u64::from(spec.header_row.max(1));
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => return Err(ReadError::Corrupt(describe(&error))),
        }
        number += 1;
        if number < header_row {
            continue;
        }
        let Some(width) = header_width else {
            let names: Vec<String> = record
                .iter()
                .map(|cell| decode(encoding, cell, &mut notes).trim().to_owned())
                .collect();
            if names.len() > spec.limits.columns {
                return Err(ReadError::HugeRange {
                    cells: names.len() as u64,
                });
            }
            header_width = Some(names.len());
            sink.header(&names);
            continue;
        };
        if record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty) {
            continue; // a blank line
        }
        if record.len() != width {
            notes.ragged_rows += 1;
            if notes.ragged_sample.len() < 20 {
                notes.ragged_sample.push(number);
            }
        }
        let cells: Vec<Cow<'_, str>> = record
            .iter()
            .take(width)
            .map(|cell| decode(encoding, cell, &mut notes))
            .collect();
        let borrowed: Vec<&str> = cells.iter().map(|cell| cell.as_ref()).collect();
        sink.row(number, &borrowed);
    }
    if header_width.is_none() {
        return Err(ReadError::Empty);
    }
    Ok(notes)
}

/// A parse error, without the record's content.
fn describe(error: &::csv::Error) -> String {
    match error.kind() {
        ::csv::ErrorKind::Io(error) => error.kind().to_string(),
        _ => match error.position() {
            Some(position) => format!("malformed CSV at line {}", position.line()),
            None => "malformed CSV".to_owned(),
        },
    }
}

/// The cell as text: borrowed when it is valid UTF-8 in a UTF-8 file.
fn decode<'a>(encoding: &'static Encoding, cell: &'a [u8], notes: &mut Notes) -> Cow<'a, str> {
    if encoding == UTF_8 {
        match std::str::from_utf8(cell) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => {
                notes.invalid_cells += 1;
                String::from_utf8_lossy(cell)
            }
        }
    } else {
        let (text, had_errors) = encoding.decode_without_bom_handling(cell);
        if had_errors {
            notes.invalid_cells += 1;
        }
        text
    }
}

/// Whether the sample is UTF-8, allowing a character cut at its end when the file goes on.
fn valid_utf8_prefix(sample: &[u8], truncated: bool) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(error) => truncated && error.error_len().is_none(),
    }
}

/// The candidate that splits the header line most.
fn guess_delimiter(line: &[u8]) -> u8 {
    DELIMITERS
        .iter()
        .copied()
        .max_by_key(|d| {
            (
                count_outside_quotes(line, *d),
                std::cmp::Reverse(DELIMITERS.iter().position(|x| x == d)),
            )
        })
        .unwrap_or(b',')
}

fn count_outside_quotes(line: &[u8], delimiter: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for byte in line {
        if *byte == b'"' {
            quoted = !quoted;
        } else if *byte == delimiter && !quoted {
            count += 1;
        }
    }
    count
}
