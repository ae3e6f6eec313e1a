//! The export readers on real and hostile files: CSV dialects and encodings, spreadsheets, and
//! files built to hurt (zip bomb, huge declared range, encrypted, truncated): each hostile file is
//! a clear DA001 reason, never a crash or a memory blow-up.

use datacharter::audit::read::{self, Format, Limits, ReadError, RowSink, Spec};
use std::io::Write;
use std::path::Path;

#[derive(Default)]
struct Collect {
    header: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

impl RowSink for Collect {
    fn header(&mut self, names: &[String]) {
        self.header = names.to_vec();
    }
    fn row(&mut self, number: u64, cells: &[&str]) {
        self.rows
            .push((number, cells.iter().map(|c| (*c).to_owned()).collect()));
    }
}

fn spec(format: Format) -> Spec {
    Spec {
        format,
        delimiter: None,
        encoding: None,
        header_row: 1,
        sheet: None,
        limits: Limits::default(),
    }
}

fn read_file(path: &Path, spec: &Spec) -> (Result<read::Notes, ReadError>, Collect) {
    let mut sink = Collect::default();
    let outcome = read::read(path, spec, &mut sink);
    (outcome, sink)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn csv_dialects_utf8_bom_crlf_quoted_newlines_and_every_delimiter() {
    let dir = tempfile::tempdir().unwrap();
    for (delimiter, name) in [(";", "semi"), (",", "comma"), ("\t", "tab")] {
        let text = format!(
            "\u{feff}nom{d}commentaire{d}ville\r\nHélène{d}\"deux\r\nlignes{d} et \"\"guillemets\"\"\"{d}Lyon\r\nBruno{d}{d}Vaise\r\n",
            d = delimiter
        );
        let path = write(dir.path(), &format!("{name}.csv"), text.as_bytes());
        let (outcome, sink) = read_file(&path, &spec(Format::Csv));
        let notes = outcome.unwrap();
        assert_eq!(
            sink.header,
            ["nom", "commentaire", "ville"],
            "{name}: the BOM is not part of the first name"
        );
        assert_eq!(sink.rows.len(), 2, "{name}");
        assert_eq!(sink.rows[0].1[0], "Hélène");
        assert!(
            sink.rows[0].1[1].contains('\n'),
            "{name}: the quoted newline stays in its cell"
        );
        assert_eq!(sink.rows[1].1, ["Bruno", "", "Vaise"]);
        assert_eq!(notes.guessed_encoding, None);
        assert_eq!(notes.ragged_rows, 0);
    }
}

#[test]
fn windows_1252_is_guessed_and_said_or_read_as_declared() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("nom;ville\nHélène;Besançon\n");
    let path = write(dir.path(), "latin.csv", &bytes);
    let (outcome, sink) = read_file(&path, &spec(Format::Csv));
    assert_eq!(outcome.unwrap().guessed_encoding, Some("windows-1252"));
    assert_eq!(sink.rows[0].1, ["Hélène", "Besançon"]);
    let mut declared = spec(Format::Csv);
    declared.encoding = encoding_rs::Encoding::for_label(b"windows-1252");
    let (outcome, sink) = read_file(&path, &declared);
    assert_eq!(outcome.unwrap().guessed_encoding, None);
    assert_eq!(sink.rows[0].1[1], "Besançon");
    // Declared UTF-8 but written in Windows-1252: invalid cells are counted (DA003).
    declared.encoding = Some(encoding_rs::UTF_8);
    let (outcome, _) = read_file(&path, &declared);
    assert_eq!(outcome.unwrap().invalid_cells, 2);
}

#[test]
fn a_wrong_delimiter_and_ragged_rows_are_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "comma.csv",
        b"nom,ville\nAnne,Lyon\nBruno,Vaise,en trop\n",
    );
    let mut declared = spec(Format::Csv);
    declared.delimiter = Some(b';');
    let (outcome, _) = read_file(&path, &declared);
    assert_eq!(outcome.unwrap().single_column, Some(b','));
    let (outcome, _) = read_file(&path, &spec(Format::Csv));
    let notes = outcome.unwrap();
    assert_eq!(notes.ragged_rows, 1);
    assert_eq!(notes.ragged_sample, [3]);
}

fn xlsx(dir: &Path, name: &str, rows: &[&[&str]]) -> std::path::PathBuf {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Clients").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    sheet.write_number(1, 3, 45368.0).unwrap();
    let path = dir.join(name);
    workbook.save(&path).unwrap();
    path
}

#[test]
fn xlsx_is_streamed_with_its_sheet_and_header_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "clients.xlsx",
        &[
            &["E-mail", "nom", "code_postal", "n"],
            &["anne@example.org", "Anne", "69001"],
            &[],
            &["bruno@example.org", "Bruno", ""],
        ],
    );
    let mut wanted = spec(Format::Xlsx);
    wanted.sheet = Some("Clients".to_owned());
    let (outcome, sink) = read_file(&path, &wanted);
    outcome.unwrap();
    assert_eq!(sink.header, ["E-mail", "nom", "code_postal", "n"]);
    assert_eq!(sink.rows.len(), 2, "the blank row is skipped");
    assert_eq!(sink.rows[0].0, 2);
    assert_eq!(sink.rows[0].1[3], "45368");
    assert_eq!(sink.rows[1].0, 4);
    wanted.sheet = Some("Absent".to_owned());
    assert_eq!(
        read_file(&path, &wanted).0.unwrap_err(),
        ReadError::NoSheet("Absent".to_owned())
    );
}

#[test]
fn a_cell_far_down_an_xlsx_does_not_allocate_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "nom").unwrap();
    sheet.write_string(0, 1, "ville").unwrap();
    sheet.write_string(1_048_000, 16_000, "loin").unwrap();
    sheet.write_string(1_048_001, 0, "Anne").unwrap();
    let path = dir.path().join("far.xlsx");
    workbook.save(&path).unwrap();
    let (outcome, sink) = read_file(&path, &spec(Format::Xlsx));
    outcome.unwrap();
    assert_eq!(
        sink.rows.len(),
        1,
        "cells beyond the header's columns are dropped"
    );
    assert_eq!(sink.rows[0].0, 1_048_002);
}

#[test]
fn truncated_corrupt_and_encrypted_spreadsheets_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(dir.path(), "whole.xlsx", &[&["a"], &["b"]]);
    let bytes = std::fs::read(&path).unwrap();
    let truncated = write(dir.path(), "cut.xlsx", &bytes[..bytes.len() / 2]);
    assert!(matches!(
        read_file(&truncated, &spec(Format::Xlsx)).0,
        Err(ReadError::Corrupt(_))
    ));
    let garbage = write(
        dir.path(),
        "garbage.xlsx",
        b"PK\x03\x04 this is not a zip archive at all",
    );
    assert!(matches!(
        read_file(&garbage, &spec(Format::Xlsx)).0,
        Err(ReadError::Corrupt(_))
    ));
    let not_zip = write(dir.path(), "text.xlsx", b"nom;ville\n");
    assert!(matches!(
        read_file(&not_zip, &spec(Format::Xlsx)).0,
        Err(ReadError::Corrupt(_))
    ));
    // An encrypted workbook is an OLE compound file, whatever its extension says.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let encrypted = write(dir.path(), "secret.xlsx", &ole);
    assert_eq!(
        read_file(&encrypted, &spec(Format::Xlsx)).0.unwrap_err(),
        ReadError::Encrypted
    );
    let xls = write(dir.path(), "broken.xls", &ole);
    assert!(read_file(&xls, &spec(Format::Xls)).0.is_err());
    let empty = write(dir.path(), "empty.xlsx", b"");
    assert_eq!(
        read_file(&empty, &spec(Format::Xlsx)).0.unwrap_err(),
        ReadError::Empty
    );
    assert_eq!(
        read_file(&dir.path().join("none.csv"), &spec(Format::Csv))
            .0
            .unwrap_err(),
        ReadError::Missing
    );
}

/// A zip archive with the given (name, content) parts, deflated.
fn zip_file(dir: &Path, name: &str, parts: &[(&str, &[u8])]) -> std::path::PathBuf {
    let path = dir.join(name);
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (part, content) in parts {
        zip.start_file(*part, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap();
    path
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_expanded() {
    let dir = tempfile::tempdir().unwrap();
    // 8 MiB of zeros compress a thousandfold: over the ratio for a part over 1 MiB.
    let zeros = vec![0u8; 8 << 20];
    let path = zip_file(dir.path(), "bomb.xlsx", &[("xl/sharedStrings.xml", &zeros)]);
    assert!(std::fs::metadata(&path).unwrap().len() < 100_000);
    let outcome = read_file(&path, &spec(Format::Xlsx)).0;
    assert_eq!(
        outcome.unwrap_err(),
        ReadError::Bomb {
            part: "xl/sharedStrings.xml".to_owned()
        }
    );
    let mut small = spec(Format::Xlsx);
    small.limits.part_bytes = 1 << 20;
    small.limits.ratio = u64::MAX;
    assert!(
        matches!(read_file(&path, &small).0, Err(ReadError::Bomb { .. })),
        "over the part size"
    );
}

#[test]
fn an_ods_cell_repeated_a_hundred_million_times_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let content = br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="F"><table:table-row table:number-rows-repeated="10000"><table:table-cell table:number-columns-repeated="10000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let path = zip_file(
        dir.path(),
        "huge.ods",
        &[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", content),
        ],
    );
    let outcome = read_file(&path, &spec(Format::Ods)).0;
    assert!(
        matches!(outcome, Err(ReadError::HugeRange { cells: _ })),
        "{outcome:?}"
    );
}

#[test]
fn an_ods_is_read_through_its_range() {
    let dir = tempfile::tempdir().unwrap();
    let content = br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="F"><table:table-row><table:table-cell office:value-type="string"><text:p>nom</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>ville</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>Anne</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Lyon</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1020"/></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let path = zip_file(
        dir.path(),
        "ok.ods",
        &[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("META-INF/manifest.xml", manifest),
            ("content.xml", content),
        ],
    );
    let (outcome, sink) = read_file(&path, &spec(Format::Ods));
    outcome.unwrap();
    assert_eq!(sink.header, ["nom", "ville"]);
    assert_eq!(sink.rows, [(2, vec!["Anne".to_owned(), "Lyon".to_owned()])]);
}

#[test]
fn an_xls_declaring_a_huge_range_is_refused_before_the_parser_reserves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(1024, 0);
    // DIMENSIONS (BIFF8): first row 0, last row 0xFFFFFF00, first column 0, last 0x3FFF.
    bytes.extend_from_slice(&[0x00, 0x02, 0x0E, 0x00]);
    bytes.extend_from_slice(&0u32.to_le_bytes());
    bytes.extend_from_slice(&0xFFFF_FF00u32.to_le_bytes());
    bytes.extend_from_slice(&0u16.to_le_bytes());
    bytes.extend_from_slice(&0x3FFFu16.to_le_bytes());
    bytes.extend_from_slice(&[0, 0]);
    let path = write(dir.path(), "huge.xls", &bytes);
    let outcome = read_file(&path, &spec(Format::Xls)).0;
    assert!(
        matches!(outcome, Err(ReadError::HugeRange { .. })),
        "{outcome:?}"
    );
}

#[test]
fn an_oversized_file_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "big.csv", &vec![b'a'; 2048]);
    let mut small = spec(Format::Csv);
    small.limits.file_bytes = 1024;
    assert_eq!(
        read_file(&path, &small).0.unwrap_err(),
        ReadError::TooLarge {
            bytes: 2048,
            limit: 1024
        }
    );
}
