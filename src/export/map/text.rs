//! The data map as a terminal table that stays within 100 columns.
//!
//! Source names are too long for column headers, so columns are numbered and a legend under
//! the table names each source and its processings. Categories outnumber sources, so they stay
//! the rows (transposing would make the table wider, not narrower); when the sources do not fit
//! beside the category labels, the table is cut into successive blocks of columns, each
//! repeating the labels.

use super::{DataMap, Row, severity_label};
use std::fmt::Write as _;

/// The width the output keeps within.
pub const WIDTH: usize = 100;
/// Each source column: a space and up to three characters (`99`, ` x!`).
const COLUMN: usize = 4;
/// Category labels longer than this are cut, so that enough columns fit beside them.
const MAX_LABEL: usize = 44;

pub fn render(map: &DataMap) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", map.title());
    let _ = writeln!(
        out,
        "{}",
        crate::t!(
            map.locale,
            "map.generated",
            date = crate::i18n::format::date(map.locale, map.date)
        )
    );
    out.push('\n');
    if map.sources.is_empty() {
        let _ = writeln!(out, "{}", map.text("map.empty"));
        return out;
    }

    let heading = map.text("map.column.category");
    let label_width = map
        .families
        .iter()
        .flat_map(|family| match family.single() {
            Some(row) => vec![family_row_label(row)],
            None => std::iter::once(family.label.clone())
                .chain(family.rows.iter().map(row_label))
                .collect(),
        })
        .map(|label| label.chars().count())
        .chain([heading.chars().count()])
        .max()
        .unwrap_or(0)
        .min(MAX_LABEL);
    let per_block = ((WIDTH - label_width) / COLUMN).max(1);
    let total = map.sources.len();
    for start in (0..total).step_by(per_block) {
        let end = (start + per_block).min(total);
        if total > per_block {
            let block = crate::t!(
                map.locale,
                "map.text.block",
                from = start + 1,
                to = end,
                total = total
            );
            let _ = writeln!(out, "{block}");
        }
        let _ = write!(out, "{}", pad(&heading, label_width));
        for number in start + 1..=end {
            let _ = write!(out, "{number:>COLUMN$}");
        }
        out.push('\n');
        for family in &map.families {
            let rows: Vec<(&Row, String)> = match family.single() {
                Some(row) => vec![(row, family_row_label(row))],
                None => {
                    let _ = writeln!(out, "{}", fit(&family.label, label_width));
                    family
                        .rows
                        .iter()
                        .map(|row| (row, row_label(row)))
                        .collect()
                }
            };
            for (row, label) in rows {
                let _ = write!(out, "{}", pad(&label, label_width));
                for cell in &row.cells[start..end] {
                    let mark = match (cell.held(), cell.flags.is_empty()) {
                        (true, true) => "x",
                        (true, false) => "x!",
                        (false, false) => "!",
                        (false, true) => ".",
                    };
                    let _ = write!(out, "{mark:>COLUMN$}");
                }
                out.push('\n');
            }
        }
        out.push('\n');
    }

    let _ = writeln!(out, "{}", map.text("map.legend.heading"));
    for (mark, key) in [
        ("x", "map.legend.held"),
        ("!", "map.legend.flagged"),
        (".", "map.legend.empty"),
        ("*", "map.legend.sensitive"),
    ] {
        wrap_into(&mut out, &format!("  {mark}  {}", map.text(key)), 5);
    }
    out.push('\n');

    let _ = writeln!(out, "{}", map.text("map.sources.heading"));
    for (number, source) in map.sources.iter().enumerate() {
        let used_by = if source.processings.is_empty() {
            map.text("map.sources.unused")
        } else {
            let ids: Vec<&str> = source
                .processings
                .iter()
                .map(|(id, _)| id.as_str())
                .collect();
            crate::t!(
                map.locale,
                "map.sources.used_by",
                processings = ids.join(", ")
            )
        };
        let line = format!(
            "{:>3}  {} ({}, {}) — {used_by}",
            number + 1,
            source.name,
            source.id,
            source.kind
        );
        wrap_into(&mut out, &line, 5);
        for flag in &source.flags {
            let line = format!(
                "       ! {} {} — {}",
                flag.code,
                severity_label(map.locale, flag.severity),
                flag.message
            );
            wrap_into(&mut out, &line, 9);
        }
    }
    out.push('\n');

    let _ = writeln!(out, "{}", map.text("map.flagged.heading"));
    let flagged = map.flagged_cells();
    if flagged.is_empty() {
        let _ = writeln!(out, "  {}", map.text("map.flagged.none"));
    }
    for item in flagged {
        let number = map
            .sources
            .iter()
            .position(|s| s.id == item.source.id)
            .map_or(0, |i| i + 1);
        let line = format!(
            "  [{number}] {} × {} ({})",
            item.source.name, item.row.label, item.row.category
        );
        wrap_into(&mut out, &line, 6);
        for flag in &item.cell.flags {
            let line = format!(
                "      {} {} — {}",
                flag.code,
                severity_label(map.locale, flag.severity),
                flag.message
            );
            wrap_into(&mut out, &line, 8);
        }
    }
    // Names and messages come from the workspace: no control or bidi character reaches the
    // terminal as itself.
    crate::report::sanitize::text(&out).into_owned()
}

/// A row's label: indented under its family, `*` in the margin for a sensitive category.
fn row_label(row: &Row) -> String {
    let marker = if row.sensitivity.is_some() { '*' } else { ' ' };
    format!("{marker} {}", row.label)
}

/// A one-category family's label: at the family's margin, `*` after it when sensitive.
fn family_row_label(row: &Row) -> String {
    if row.sensitivity.is_some() {
        format!("{} *", row.label)
    } else {
        row.label.clone()
    }
}

/// `text` cut to `width` characters (with `…`), then padded to `width`.
fn pad(text: &str, width: usize) -> String {
    let fitted = fit(text, width);
    let missing = width.saturating_sub(fitted.chars().count());
    format!("{fitted}{}", " ".repeat(missing))
}

fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Writes `line` wrapped at [`WIDTH`] on word boundaries, continuation lines indented by
/// `indent` spaces. A single word longer than the width stays whole.
fn wrap_into(out: &mut String, line: &str, indent: usize) {
    let mut current = String::new();
    let mut length = 0;
    for (i, word) in line.split(' ').enumerate() {
        let word_length = word.chars().count();
        if i > 0 && length > indent && length + 1 + word_length > WIDTH {
            out.push_str(current.trim_end());
            out.push('\n');
            current = " ".repeat(indent);
            length = indent;
        } else if i > 0 {
            current.push(' ');
            length += 1;
        }
        current.push_str(word);
        length += word_length;
    }
    out.push_str(current.trim_end());
    out.push('\n');
}
