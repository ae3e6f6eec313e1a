//! `datacharter source draft FILE`: a `kind: source` skeleton for an export — one field per
//! column, a category suggested from the taxonomy's keywords and the values' shapes, the fill
//! rate as a comment. Never a value: a header that looks like data (a file without a header
//! row) is replaced by `column_N`.

use super::profile::{ColumnPlan, Profile};
use super::read::{self, Format, ReadError, Spec};
use super::rules::suggest_category;
use super::values;
use crate::i18n::Locale;
use crate::policy::PolicyTables;
use std::fmt::Write as _;
use std::path::Path;

/// Whether a header cell looks like a value rather than a column name.
fn looks_like_data(name: &str) -> bool {
    values::is_email(name)
        || values::french_phone(name).is_some()
        || values::is_nir(name)
        || values::is_iban(name)
        || values::is_card_number(name)
        || values::parse_date(name).is_some()
        || name.chars().filter(char::is_ascii_digit).count() >= 5
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An id from a file name: lowercase ASCII words joined by hyphens.
pub fn id_from(path: &Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("export");
    let folded = values::fold(stem);
    let words: Vec<String> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    if words.is_empty() {
        "export".to_owned()
    } else {
        words.join("-")
    }
}

/// The skeleton, as YAML text.
pub fn draft(
    path: &Path,
    shown_path: &str,
    id: Option<&str>,
    policy: &PolicyTables,
    today: jiff::civil::Date,
    locale: Locale,
) -> Result<String, ReadError> {
    let format = Format::resolve(None, path).ok_or_else(|| {
        ReadError::Corrupt("unknown extension (csv, xlsx, ods or xls)".to_owned())
    })?;
    let spec = Spec {
        format,
        delimiter: None,
        encoding: None,
        header_row: 1,
        sheet: None,
        limits: read::Limits::default(),
    };
    let planner = |headers: &[String]| {
        headers
            .iter()
            .map(|_| ColumnPlan {
                scan_words: true,
                ..ColumnPlan::default()
            })
            .collect()
    };
    let mut profile = Profile::new(today, super::vocabulary::builtin(), Box::new(planner));
    profile.keep_keys = false;
    let notes = read::read(path, &spec, &mut profile)?;
    let id = id.map_or_else(|| id_from(path), str::to_owned);
    let t = |key: &str| crate::t!(locale, &format!("audit.draft.{key}"));
    let mut out = String::new();
    let _ = writeln!(out, "# {}", t("header"));
    let _ = writeln!(
        out,
        "kind: source\nid: {id}\nname: {}\ntype: spreadsheet",
        quoted(&id)
    );
    let mut export = format!("path: {}, format: {}", quoted(shown_path), format.name());
    if format == Format::Csv {
        if let Some(delimiter) = notes.delimiter {
            let shown = if delimiter == b'\t' {
                "\\t".to_owned()
            } else {
                (delimiter as char).to_string()
            };
            let _ = write!(export, ", delimiter: {}", quoted(&shown));
        }
        let encoding = notes.guessed_encoding.unwrap_or("utf-8");
        let _ = write!(export, ", encoding: {encoding}");
    }
    let _ = writeln!(out, "export: {{ {export} }}");
    let _ = writeln!(out, "data_subjects: []   # {}", t("subjects"));
    let _ = writeln!(out, "fields:");
    let rows = profile.rows;
    // One header cell that looks like a value means the first row is data: no cell of it is
    // written.
    let headerless = profile.headers.iter().any(|h| looks_like_data(h));
    for (index, header) in profile.headers.iter().enumerate() {
        let stats = &profile.columns[index];
        let (name, data_header) = if headerless || header.is_empty() {
            (format!("column_{}", index + 1), true)
        } else {
            (header.clone(), false)
        };
        let suggested = if data_header {
            None
        } else {
            suggest_category(policy, header, stats)
        };
        let sensitive_words: Vec<&str> = stats.words.keys().map(String::as_str).collect();
        let (category, chosen) = match &suggested {
            Some(category) => (category.clone(), true),
            None => ("identity".to_owned(), false),
        };
        let mut comment = crate::t!(
            locale,
            "audit.draft.fill",
            rate = super::percent(stats.filled, rows, locale)
        );
        if !chosen {
            comment.push_str("; ");
            comment.push_str(&t("choose"));
        }
        if data_header {
            comment.push_str("; ");
            comment.push_str(&t("no-header"));
        }
        if !sensitive_words.is_empty() {
            comment.push_str("; ");
            comment.push_str(&crate::t!(
                locale,
                "audit.draft.words",
                categories = sensitive_words.join(", ")
            ));
        }
        let free_text = if stats.words.is_empty() {
            ""
        } else {
            ", free_text: true"
        };
        let _ = writeln!(
            out,
            "  - {{ name: {}, category: {category}{free_text} }}   # {comment}",
            quoted(&name)
        );
    }
    Ok(out)
}
