//! Spreadsheet exports with `calamine`: xlsx through its streaming cell reader; ods and xls
//! through its range reader, only after what the file declares has been checked, since those
//! readers allocate what a file declares (a hostile file can declare a huge range or expand a
//! few compressed bytes into gigabytes).

use super::{Format, Limits, Notes, ReadError, RowSink, Spec};
use calamine::{Data, DataRef, Reader};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

pub fn read(path: &Path, spec: &Spec, sink: &mut dyn RowSink) -> Result<Notes, ReadError> {
    let io = |error: std::io::Error| ReadError::Io(error.kind().to_string());
    let mut magic = [0u8; 8];
    let mut file = File::open(path).map_err(io)?;
    let read = file.read(&mut magic).map_err(io)?;
    let magic = &magic[..read];
    let is_zip = magic.starts_with(b"PK\x03\x04");
    let is_ole = magic.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    match spec.format {
        Format::Xlsx | Format::Ods if is_ole => return Err(ReadError::Encrypted),
        Format::Xlsx | Format::Ods if !is_zip => {
            return Err(ReadError::Corrupt(format!(
                "not a {} file (not a zip archive)",
                spec.format.name()
            )));
        }
        Format::Xls if !is_ole => {
            return Err(ReadError::Corrupt(
                "not an xls file (not an OLE compound file)".to_owned(),
            ));
        }
        _ => {}
    }
    match spec.format {
        Format::Xlsx => {
            check_zip(path, &spec.limits)?;
            read_xlsx(path, spec, sink)
        }
        Format::Ods => {
            check_zip(path, &spec.limits)?;
            check_ods_repeats(path, &spec.limits)?;
            let mut workbook: calamine::Ods<_> =
                calamine::open_workbook(path).map_err(|e: calamine::OdsError| corrupt(&e))?;
            let name = pick_sheet(&workbook.sheet_names(), spec.sheet.as_deref())?;
            let range = workbook.worksheet_range(&name).map_err(|e| corrupt(&e))?;
            emit_range(&range, spec, sink)
        }
        Format::Xls => {
            check_xls_dimensions(path, &spec.limits)?;
            let mut workbook: calamine::Xls<_> =
                calamine::open_workbook(path).map_err(|e: calamine::XlsError| match e {
                    calamine::XlsError::Password => ReadError::Encrypted,
                    other => corrupt(&other),
                })?;
            let name = pick_sheet(&workbook.sheet_names(), spec.sheet.as_deref())?;
            let range = workbook.worksheet_range(&name).map_err(|e| corrupt(&e))?;
            emit_range(&range, spec, sink)
        }
        Format::Csv => Err(ReadError::Corrupt("not a spreadsheet".to_owned())),
    }
}

/// A parser's error in words. calamine's messages name structures and positions, never cells.
fn corrupt(error: &dyn std::fmt::Display) -> ReadError {
    let text: String = error
        .to_string()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    ReadError::Corrupt(text)
}

fn pick_sheet(names: &[String], wanted: Option<&str>) -> Result<String, ReadError> {
    match wanted {
        Some(wanted) => names
            .iter()
            .find(|name| name.as_str() == wanted)
            .cloned()
            .ok_or_else(|| ReadError::NoSheet(wanted.to_owned())),
        None => names.first().cloned().ok_or(ReadError::Empty),
    }
}

/// Refuses an archive whose parts expand beyond the limit, or far more than XML does.
fn check_zip(path: &Path, limits: &Limits) -> Result<(), ReadError> {
    let file = File::open(path).map_err(|e| ReadError::Io(e.kind().to_string()))?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| corrupt(&e))?;
    let mut total = 0u64;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|e| corrupt(&e))?;
        let size = entry.size();
        let compressed = entry.compressed_size().max(1);
        total = total.saturating_add(size);
        let name: String = entry
            .name()
            .chars()
            .filter(|c| !c.is_control())
            .take(100)
            .collect();
        if name == "EncryptionInfo" || name == "EncryptedPackage" {
            return Err(ReadError::Encrypted);
        }
        if size > limits.part_bytes || (size > 1 << 20 && size / compressed > limits.ratio) {
            return Err(ReadError::Bomb { part: name });
        }
    }
    if total > limits.part_bytes.saturating_mul(2) {
        return Err(ReadError::Bomb {
            part: "*".to_owned(),
        });
    }
    Ok(())
}

/// ODS: `number-columns-repeated` / `number-rows-repeated` on cells that hold something are
/// expanded cell by cell by the range reader; their product must stay under the limit.
fn check_ods_repeats(path: &Path, limits: &Limits) -> Result<(), ReadError> {
    let file = File::open(path).map_err(|e| ReadError::Io(e.kind().to_string()))?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| corrupt(&e))?;
    let mut content = Vec::new();
    archive
        .by_name("content.xml")
        .map_err(|e| corrupt(&e))?
        .take(limits.part_bytes)
        .read_to_end(&mut content)
        .map_err(|e| ReadError::Io(e.kind().to_string()))?;
    let mut cells: u64 = 0;
    let mut row_repeat: u64 = 1;
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &content[at..]) {
        let start = at + offset;
        let end = memchr::memchr(b'>', &content[start..]).map_or(content.len(), |e| start + e);
        let tag = &content[start..end];
        if tag.starts_with(b"<table:table-row") {
            row_repeat = attribute_number(tag, b"table:number-rows-repeated=\"").unwrap_or(1);
        } else if tag.starts_with(b"<table:table-cell") && !tag.ends_with(b"/") {
            let repeat = attribute_number(tag, b"table:number-columns-repeated=\"").unwrap_or(1);
            cells = cells.saturating_add(repeat.saturating_mul(row_repeat));
            if cells > limits.cells {
                return Err(ReadError::HugeRange { cells });
            }
        }
        at = end.max(start + 1);
    }
    Ok(())
}

fn attribute_number(tag: &[u8], name: &[u8]) -> Option<u64> {
    let at = memchr::memmem::find(tag, name)? + name.len();
    let digits: Vec<u8> = tag[at..]
        .iter()
        .copied()
        .take_while(u8::is_ascii_digit)
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

/// XLS: the range reader reserves room for the cells a DIMENSIONS record declares. Its BIFF8
/// (`00 02 0E 00`) and BIFF5 (`00 02 0A 00`) forms are looked for in the raw file; a record
/// split across two sectors is not seen (the file's cells then still bound the range).
fn check_xls_dimensions(path: &Path, limits: &Limits) -> Result<(), ReadError> {
    let bytes = std::fs::read(path).map_err(|e| ReadError::Io(e.kind().to_string()))?;
    let u16_at = |at: usize| {
        bytes
            .get(at..at + 2)
            .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u32_at = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
    };
    for found in memchr::memmem::find_iter(&bytes, &[0x00, 0x02, 0x0E, 0x00]) {
        let at = found + 4;
        if let (Some(first_row), Some(last_row), Some(first_col), Some(last_col)) =
            (u32_at(at), u32_at(at + 4), u16_at(at + 8), u16_at(at + 10))
        {
            let cells = last_row
                .saturating_sub(first_row)
                .saturating_mul(last_col.saturating_sub(first_col));
            if cells > limits.cells {
                return Err(ReadError::HugeRange { cells });
            }
        }
    }
    for found in memchr::memmem::find_iter(&bytes, &[0x00, 0x02, 0x0A, 0x00]) {
        let at = found + 4;
        if let (Some(first_row), Some(last_row), Some(first_col), Some(last_col)) =
            (u16_at(at), u16_at(at + 2), u16_at(at + 4), u16_at(at + 6))
        {
            let cells = last_row
                .saturating_sub(first_row)
                .saturating_mul(last_col.saturating_sub(first_col));
            if cells > limits.cells {
                return Err(ReadError::HugeRange { cells });
            }
        }
    }
    Ok(())
}

/// A cell as the text a CSV export would hold: numbers without a trailing `.0`, dates as ISO.
fn float_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        value.to_string()
    }
}

fn date_text(serial: f64) -> String {
    crate::audit::values::date_from_serial(serial)
        .map_or_else(|| float_text(serial), |date| date.to_string())
}

fn data_ref_text(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::Int(value) => value.to_string(),
        DataRef::Float(value) => float_text(*value),
        DataRef::String(text) => text.clone(),
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::Bool(value) => value.to_string(),
        DataRef::DateTime(date) => date_text(date.as_f64()),
        DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => text.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

fn data_text(cell: &Data) -> String {
    match cell {
        Data::Int(value) => value.to_string(),
        Data::Float(value) => float_text(*value),
        Data::String(text) => text.clone(),
        Data::Bool(value) => value.to_string(),
        Data::DateTime(date) => date_text(date.as_f64()),
        Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// Hands one sheet row to the sink: the header row, or a data row that is not blank.
struct RowAssembler<'s> {
    sink: &'s mut dyn RowSink,
    header_row: u64,
    width: Option<usize>,
    max_columns: usize,
}

impl RowAssembler<'_> {
    fn emit(&mut self, number: u64, cells: &mut Vec<String>) -> Result<(), ReadError> {
        if number < self.header_row {
            return Ok(());
        }
        match self.width {
            None if number == self.header_row => {
                while cells.last().is_some_and(String::is_empty) {
                    cells.pop();
                }
                if cells.len() > self.max_columns {
                    return Err(ReadError::HugeRange {
                        cells: cells.len() as u64,
                    });
                }
                let names: Vec<String> = cells.iter().map(|c| c.trim().to_owned()).collect();
                self.width = Some(names.len());
                self.sink.header(&names);
            }
            None => {
                // No header row in the sheet: an empty header.
                self.width = Some(0);
                self.sink.header(&[]);
            }
            Some(width) => {
                cells.resize(width, String::new());
                if cells.iter().any(|c| !c.is_empty()) {
                    let borrowed: Vec<&str> = cells.iter().map(String::as_str).collect();
                    self.sink.row(number, &borrowed);
                }
            }
        }
        Ok(())
    }
}

fn read_xlsx(path: &Path, spec: &Spec, sink: &mut dyn RowSink) -> Result<Notes, ReadError> {
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook(path).map_err(|e: calamine::XlsxError| match e {
            calamine::XlsxError::Password => ReadError::Encrypted,
            other => corrupt(&other),
        })?;
    let name = pick_sheet(&workbook.sheet_names(), spec.sheet.as_deref())?;
    let mut reader = workbook
        .worksheet_cells_reader(&name)
        .map_err(|e| corrupt(&e))?;
    let mut assembler = RowAssembler {
        sink,
        header_row: u64::from(spec.header_row.max(1)),
        width: None,
        max_columns: spec.limits.columns,
    };
    let mut current: Option<u32> = None;
    let mut cells: Vec<String> = Vec::new();
    let mut seen: u64 = 0;
    while let Some(cell) = reader.next_cell().map_err(|e| corrupt(&e))? {
        seen += 1;
        if seen > spec.limits.cells {
            return Err(ReadError::HugeRange { cells: seen });
        }
        let (row, column) = cell.get_position();
        if current != Some(row) {
            if let Some(previous) = current {
                assembler.emit(u64::from(previous) + 1, &mut cells)?;
            }
            cells.clear();
            current = Some(row);
        }
        let column = column as usize;
        let limit = assembler.width.unwrap_or(spec.limits.columns);
        if column >= limit {
            continue;
        }
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = data_ref_text(cell.get_value());
    }
    if let Some(previous) = current {
        assembler.emit(u64::from(previous) + 1, &mut cells)?;
    }
    if assembler.width.is_none() {
        return Err(ReadError::Empty);
    }
    Ok(Notes::default())
}

fn emit_range(
    range: &calamine::Range<Data>,
    spec: &Spec,
    sink: &mut dyn RowSink,
) -> Result<Notes, ReadError> {
    let (rows, columns) = range.get_size();
    if (rows as u64).saturating_mul(columns as u64) > spec.limits.cells {
        return Err(ReadError::HugeRange {
            cells: (rows as u64).saturating_mul(columns as u64),
        });
    }
    let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
    let first_column = range.start().map_or(0, |(_, column)| column as usize);
    let mut assembler = RowAssembler {
        sink,
        header_row: u64::from(spec.header_row.max(1)),
        width: None,
        max_columns: spec.limits.columns,
    };
    let mut cells = Vec::new();
    for (index, row) in range.rows().enumerate() {
        cells.clear();
        cells.resize(first_column, String::new());
        cells.extend(row.iter().take(spec.limits.columns).map(data_text));
        assembler.emit(first_row + index as u64 + 1, &mut cells)?;
    }
    if assembler.width.is_none() {
        return Err(ReadError::Empty);
    }
    Ok(Notes::default())
}
