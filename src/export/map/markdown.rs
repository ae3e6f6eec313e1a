//! The data map as Markdown: the matrix (sources as columns, families as bold rows), the
//! processings of each source as the table's last row, then the sources and the flagged cells.

use super::{Cell, DataMap, sensitivity_label, severity_label};
use std::fmt::Write as _;

pub fn render(map: &DataMap) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&map.title()));
    let _ = writeln!(
        out,
        "{}\n",
        crate::t!(
            map.locale,
            "map.generated",
            date = crate::i18n::format::date(map.locale, map.date)
        )
    );
    if map.sources.is_empty() {
        let _ = writeln!(out, "{}", map.text("map.empty"));
        return out;
    }

    let _ = write!(out, "| {} |", map.text("map.column.category"));
    for source in &map.sources {
        let _ = write!(out, " {} |", escape(&source.name));
    }
    out.push_str("\n|---|");
    out.push_str(&":-:|".repeat(map.sources.len()));
    out.push('\n');
    for family in &map.families {
        if family.single().is_none() {
            let _ = write!(out, "| **{}** |", escape(&family.label));
            out.push_str(&" |".repeat(map.sources.len()));
            out.push('\n');
        }
        for row in &family.rows {
            let mut label = escape(&row.label);
            if family.single().is_some() {
                label = format!("**{label}**");
            }
            if let Some(sensitivity) = row.sensitivity {
                label = format!(
                    "⚠ {label} _({})_",
                    escape(&sensitivity_label(map.locale, sensitivity))
                );
            }
            let _ = write!(out, "| {label} |");
            for cell in &row.cells {
                let _ = write!(out, " {} |", mark(cell));
            }
            out.push('\n');
        }
    }
    let _ = write!(out, "| _{}_ |", map.text("map.row.processings"));
    for source in &map.sources {
        let ids: Vec<String> = source
            .processings
            .iter()
            .map(|(id, _)| format!("`{id}`"))
            .collect();
        let _ = write!(out, " {} |", ids.join(", "));
    }
    out.push_str("\n\n");

    let _ = writeln!(
        out,
        "{}: ● {} · ⚠ `DC…` {} · ⚠ _({})_ {}\n",
        map.text("map.legend.heading"),
        map.text("map.legend.held"),
        map.text("map.legend.flagged"),
        sensitivity_label(map.locale, crate::model::Sensitivity::Art9),
        map.text("map.legend.sensitive"),
    );

    let _ = writeln!(out, "## {}\n", map.text("map.sources.heading"));
    for source in &map.sources {
        let used_by = if source.processings.is_empty() {
            map.text("map.sources.unused")
        } else {
            let names: Vec<String> = source
                .processings
                .iter()
                .map(|(id, name)| format!("{} (`{id}`)", escape(name)))
                .collect();
            crate::t!(
                map.locale,
                "map.sources.used_by",
                processings = names.join(", ")
            )
        };
        let _ = writeln!(
            out,
            "- **{}** (`{}`, {}) — {used_by}",
            escape(&source.name),
            source.id,
            escape(&source.kind)
        );
        for flag in &source.flags {
            let _ = writeln!(
                out,
                "  - ⚠ `{}` {} ({}): {}",
                flag.code,
                flag.name,
                severity_label(map.locale, flag.severity),
                escape(&flag.message)
            );
        }
    }
    out.push('\n');

    let _ = writeln!(out, "## {}\n", map.text("map.flagged.heading"));
    let flagged = map.flagged_cells();
    if flagged.is_empty() {
        let _ = writeln!(out, "{}", map.text("map.flagged.none"));
    }
    for item in flagged {
        let _ = writeln!(
            out,
            "- **{}** × **{}** (`{}`)",
            escape(&item.source.name),
            escape(&item.row.label),
            item.row.category
        );
        for flag in &item.cell.flags {
            let _ = writeln!(
                out,
                "  - `{}` {} ({}): {}",
                flag.code,
                flag.name,
                severity_label(map.locale, flag.severity),
                escape(&flag.message)
            );
        }
    }
    out
}

/// A cell: `●` when held, the codes of its findings after `⚠`.
fn mark(cell: &Cell) -> String {
    let held = if cell.held() { "●" } else { "" };
    if cell.flags.is_empty() {
        return held.to_owned();
    }
    let codes: Vec<String> = cell
        .codes()
        .iter()
        .map(|code| format!("`{code}`"))
        .collect();
    format!("{held} ⚠ {}", codes.join(" ")).trim().to_owned()
}

/// Text inside a table cell or a list item: a pipe would end the cell, a newline the row,
/// and `*`, `_`, `` ` ``, `[`, `<` would start markup.
fn escape(text: &str) -> String {
    // Control and bidi characters from the workspace are shown escaped, never as themselves.
    let text = crate::report::sanitize::text(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}
