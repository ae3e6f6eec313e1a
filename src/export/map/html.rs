//! The data map as one self-contained HTML page (inline CSS, no script, no external
//! resource), readable on screen and printable in landscape with the header repeated on
//! every page.

use super::{Cell, DataMap, Flag, sensitivity_label, severity_label};
use crate::finding::Severity;
use std::fmt::Write as _;

const STYLE: &str = r#"
:root { --error: #b3261e; --error-bg: #fde7e6; --warning: #8a5300; --warning-bg: #fff1d6;
        --info: #1f5fa8; --info-bg: #e4eefb; --line: #c8c8c8; --family: #eef0f3; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
       margin: 2rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
.date { color: #555; margin: 0 0 1.5rem; }
table.map { border-collapse: collapse; width: 100%; }
table.map th, table.map td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: middle; }
table.map thead th { background: #f7f7f9; font-size: .8rem; font-weight: 600; text-align: center; }
table.map thead th .kind { display: block; font-weight: 400; color: #555; }
table.map th[scope=row] { text-align: left; font-weight: 400; }
table.map tr.family th { background: var(--family); font-weight: 700; text-align: left; }
table.map td { text-align: center; min-width: 3.5rem; }
table.map td.held .mark { font-size: 1.1rem; }
table.map tr.single th[scope=row] { font-weight: 700; background: var(--family); }
table.map tr.sensitive th[scope=row]::before { content: "⚠ "; color: var(--error); }
table.map tr.sensitive th[scope=row] { font-weight: 600; }
.tag { display: inline-block; font-size: .7rem; border-radius: .25rem; padding: 0 .25rem;
       margin-left: .25rem; background: var(--error-bg); color: var(--error); font-weight: 600; }
td.flag-error { background: var(--error-bg); outline: 2px solid var(--error); outline-offset: -2px; }
td.flag-warning { background: var(--warning-bg); outline: 2px solid var(--warning); outline-offset: -2px; }
td.flag-info { background: var(--info-bg); outline: 2px solid var(--info); outline-offset: -2px; }
td .codes { display: block; font-size: .7rem; font-family: ui-monospace, monospace; }
tr.processings th, tr.processings td { font-size: .75rem; background: #fafafa; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1.25rem; }
.swatch { display: inline-block; width: 1rem; height: 1rem; vertical-align: middle; margin-right: .3rem;
          border: 1px solid var(--line); }
.sev-error { color: var(--error); font-weight: 600; }
.sev-warning { color: var(--warning); font-weight: 600; }
.sev-info { color: var(--info); font-weight: 600; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85em; }
.scroll { overflow-x: auto; max-width: 100%; }
table.map th[scope=row], table.map thead th:first-child { position: sticky; left: 0; z-index: 1;
                                                          background: #fff; }
table.map thead th:first-child { background: #f7f7f9; }
table.map thead th .where { display: block; font-weight: 400; color: #555; font-size: .7rem; }
table.map thead th.inaccessible { background: repeating-linear-gradient(135deg, #f7f7f9 0 6px, #ececef 6px 12px); }
.tag.locked { background: #ececef; color: #333; }
.print { display: none; }
.part { color: #555; font-size: .85rem; margin: .5rem 0 .25rem; }
section.crossing { margin-top: 2rem; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  .screen { display: none; }
  .print { display: block; }
  .print.next, section.crossing { break-before: page; page-break-before: always; }
  table.map { table-layout: fixed; width: 100%; }
  table.map th, table.map td { overflow-wrap: anywhere; min-width: 0; }
  table.map th[scope=row], table.map thead th:first-child { width: 22%; position: static; }
  body { margin: 0; font-size: 10px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table.map thead { display: table-header-group; }
  table.map tr { break-inside: avoid; page-break-inside: avoid; }
  section.details { break-before: page; page-break-before: always; }
}
"#;

pub fn render(map: &DataMap) -> String {
    let locale = map.locale;
    let mut out = String::new();
    let title = escape(&map.title());
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        locale.code()
    );
    let _ = writeln!(out, "<h1>{title}</h1>");
    let generated = crate::t!(
        locale,
        "map.generated",
        date = crate::i18n::format::date(locale, map.date)
    );
    let _ = writeln!(out, "<p class=\"date\">{}</p>", escape(&generated));
    if map.sources.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}</p>\n</body>\n</html>",
            escape(&map.text("map.empty"))
        );
        return out;
    }

    // On screen one table that scrolls sideways under a sticky category column; in print the
    // same matrix cut into parts of at most PRINT_COLUMNS sources, each repeating the category
    // column, so that a venue with many sources prints whole.
    out.push_str("<div class=\"scroll screen\">\n");
    matrix(&mut out, map, 0..map.sources.len(), true);
    out.push_str("</div>\n");
    let total = map.sources.len();
    for (part, start) in (0..total).step_by(PRINT_COLUMNS).enumerate() {
        let end = (start + PRINT_COLUMNS).min(total);
        let class = if part == 0 { "print" } else { "print next" };
        let _ = writeln!(out, "<div class=\"{class}\">");
        if total > PRINT_COLUMNS {
            let caption = crate::t!(
                locale,
                "map.print.part",
                from = start + 1,
                to = end,
                total = total
            );
            let _ = writeln!(out, "<p class=\"part\">{}</p>", escape(&caption));
        }
        matrix(&mut out, map, start..end, false);
        out.push_str("</div>\n");
    }

    out.push_str("<ul class=\"legend\">");
    let _ = write!(out, "<li>● {}</li>", escape(&map.text("map.legend.held")));
    for (severity, key) in [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "info"),
    ] {
        let _ = write!(
            out,
            "<li><span class=\"swatch\" style=\"background: var(--{key}-bg); border-color: var(--{key})\"></span>{} ({})</li>",
            escape(&map.text("map.legend.flagged")),
            escape(&severity_label(locale, severity))
        );
    }
    let _ = write!(
        out,
        "<li><span class=\"sev-error\">⚠</span> {}</li>",
        escape(&map.text("map.legend.sensitive"))
    );
    out.push_str("</ul>\n");

    processings_view(&mut out, map);

    out.push_str("<section class=\"details\">\n");
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<ul>",
        escape(&map.text("map.sources.heading"))
    );
    for source in &map.sources {
        let used_by = if source.processings.is_empty() {
            map.text("map.sources.unused")
        } else {
            let names: Vec<String> = source
                .processings
                .iter()
                .map(|(id, name)| format!("{name} ({id})"))
                .collect();
            crate::t!(
                locale,
                "map.sources.used_by",
                processings = names.join(", ")
            )
        };
        let _ = write!(
            out,
            "<li><strong>{}</strong> (<code>{}</code>, {}) — {}",
            escape(&source.name),
            escape(&source.id),
            escape(&source.kind),
            escape(&used_by)
        );
        flag_list(&mut out, map, &source.flags);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");

    let _ = writeln!(out, "<h2>{}</h2>", escape(&map.text("map.flagged.heading")));
    let flagged = map.flagged_cells();
    if flagged.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(&map.text("map.flagged.none")));
    } else {
        out.push_str("<ul>\n");
        for item in flagged {
            let _ = write!(
                out,
                "<li><strong>{}</strong> × <strong>{}</strong> (<code>{}</code>)",
                escape(&item.source.name),
                escape(&item.row.label),
                escape(&item.row.category)
            );
            flag_list(&mut out, map, &item.cell.flags);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n</body>\n</html>\n");
    out
}

/// Sources printed side by side at most: A4 landscape holds the category column and eight
/// source columns at a readable size.
const PRINT_COLUMNS: usize = 8;

/// The matrix for the sources in `range`, the category column first.
/// `screen`: the one full table, whose headers carry the ids the details link to.
fn matrix(out: &mut String, map: &DataMap, range: std::ops::Range<usize>, screen: bool) {
    let locale = map.locale;
    let sources = &map.sources[range.clone()];
    let columns = sources.len() + 1;
    out.push_str("<table class=\"map\">\n<thead>\n<tr>");
    let _ = write!(
        out,
        "<th scope=\"col\">{}</th>",
        escape(&map.text("map.column.category"))
    );
    for source in sources {
        let inaccessible = source.accessible == Some(false);
        let mut place = Vec::new();
        if let Some(country) = &source.country {
            place.push(crate::t!(locale, "map.column.hosted", country = country));
        }
        if let Some(vendor) = &source.vendor {
            place.push(crate::t!(locale, "map.column.vendor", vendor = vendor));
        }
        let place = if place.is_empty() {
            String::new()
        } else {
            format!(
                "<span class=\"where\">{}</span>",
                escape(&place.join(" · "))
            )
        };
        let mut mark = if inaccessible {
            format!(
                "<span class=\"tag locked\">{}</span>",
                escape(&map.text("map.column.inaccessible"))
            )
        } else {
            String::new()
        };
        if source.partial {
            let _ = write!(
                mark,
                "<span class=\"tag\">{}</span>",
                escape(&map.text("map.column.partial"))
            );
        }
        let _ = write!(
            out,
            "<th scope=\"col\" {}=\"{}\"{}>{}<span class=\"kind\">{}</span>{place}{mark}{}</th>",
            if screen { "id" } else { "data-source" },
            if screen {
                format!("source-{}", escape(&source.id))
            } else {
                escape(&source.id)
            },
            if inaccessible {
                " class=\"inaccessible\""
            } else {
                ""
            },
            escape(&source.name),
            escape(&source.kind),
            tags(&source.flags),
        );
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for family in &map.families {
        if family.single().is_none() {
            let _ = writeln!(
                out,
                "<tr class=\"family\"><th scope=\"rowgroup\" colspan=\"{columns}\">{}</th></tr>",
                escape(&family.label)
            );
        }
        for row in &family.rows {
            let mut classes = Vec::new();
            if family.single().is_some() {
                classes.push("single");
            }
            if row.sensitivity.is_some() {
                classes.push("sensitive");
            }
            let class = if classes.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", classes.join(" "))
            };
            let tag = row
                .sensitivity
                .map(|s| {
                    format!(
                        "<span class=\"tag\">{}</span>",
                        escape(&sensitivity_label(locale, s))
                    )
                })
                .unwrap_or_default();
            let _ = write!(
                out,
                "<tr{class}><th scope=\"row\" title=\"{}\">{}{tag}</th>",
                escape(&row.category),
                escape(&row.label)
            );
            for cell in &row.cells[range.clone()] {
                out.push_str(&cell_html(map, cell));
            }
            out.push_str("</tr>\n");
        }
    }
    let _ = write!(
        out,
        "<tr class=\"processings\"><th scope=\"row\">{}</th>",
        escape(&map.text("map.row.processings"))
    );
    for source in sources {
        let names: Vec<String> = source
            .processings
            .iter()
            .map(|(id, name)| format!("<span title=\"{}\">{}</span>", escape(id), escape(name)))
            .collect();
        let _ = write!(out, "<td>{}</td>", names.join("<br>"));
    }
    out.push_str("</tr>\n</tbody>\n</table>\n");
}

/// The second view: the processings (columns) × the categories they declare (rows), cut for
/// print as the matrix is.
fn processings_view(out: &mut String, map: &DataMap) {
    let _ = writeln!(
        out,
        "<section class=\"crossing\">\n<h2>{}</h2>\n<p>{}</p>",
        escape(&map.text("map.crossing.heading")),
        escape(&map.text("map.crossing.intro"))
    );
    let total = map.processings.len();
    let parts: Vec<std::ops::Range<usize>> = (0..total.max(1))
        .step_by(PRINT_COLUMNS)
        .map(|start| start..(start + PRINT_COLUMNS).min(total))
        .collect();
    let whole: Vec<std::ops::Range<usize>> = std::iter::once(0..total).collect();
    for (screen, ranges) in [(true, whole), (false, parts)] {
        for (part, range) in ranges.into_iter().enumerate() {
            let class = match (screen, part) {
                (true, _) => "scroll screen",
                (false, 0) => "print",
                (false, _) => "print next",
            };
            let _ = writeln!(out, "<div class=\"{class}\">");
            out.push_str("<table class=\"map\">\n<thead>\n<tr>");
            let _ = write!(
                out,
                "<th scope=\"col\">{}</th>",
                escape(&map.text("map.column.category"))
            );
            for (id, name) in &map.processings[range.clone()] {
                let _ = write!(
                    out,
                    "<th scope=\"col\" data-processing=\"{}\">{}</th>",
                    escape(id),
                    escape(name)
                );
            }
            out.push_str("</tr>\n</thead>\n<tbody>\n");
            for (label, uses) in &map.processing_rows {
                let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape(label));
                for used in &uses[range.clone()] {
                    out.push_str(if *used {
                        "<td class=\"held\"><span class=\"mark\">●</span></td>"
                    } else {
                        "<td></td>"
                    });
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n</div>\n");
        }
    }
    out.push_str("</section>\n");
}

fn cell_html(map: &DataMap, cell: &Cell) -> String {
    let mut classes = Vec::new();
    if cell.held() {
        classes.push("held".to_owned());
    }
    if let Some(worst) = cell.worst() {
        classes.push(format!("flag-{}", worst.as_str()));
    }
    let mut title: Vec<String> = Vec::new();
    if cell.held() {
        title.push(cell.fields.join(", "));
    }
    title.extend(cell.flags.iter().map(|flag| {
        format!(
            "{} {} ({}): {}",
            flag.code,
            flag.name,
            severity_label(map.locale, flag.severity),
            flag.message
        )
    }));
    let mark = if cell.held() {
        "<span class=\"mark\">●</span>"
    } else {
        ""
    };
    let codes = if cell.flags.is_empty() {
        String::new()
    } else {
        let codes = cell.codes();
        format!("<span class=\"codes\">{}</span>", escape(&codes.join(" ")))
    };
    let class = if classes.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", classes.join(" "))
    };
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(&title.join("\n")))
    };
    format!("<td{class}{title}>{mark}{codes}</td>")
}

/// The codes of a column's findings, shown in its header.
fn tags(flags: &[Flag]) -> String {
    flags
        .iter()
        .map(|flag| {
            format!(
                "<span class=\"tag\" title=\"{}\">{}</span>",
                escape(&flag.message),
                escape(&flag.code)
            )
        })
        .collect()
}

fn flag_list(out: &mut String, map: &DataMap, flags: &[Flag]) {
    if flags.is_empty() {
        return;
    }
    out.push_str("<ul>");
    for flag in flags {
        let _ = write!(
            out,
            "<li><code>{}</code> {} <span class=\"sev-{}\">{}</span>: {}</li>",
            escape(&flag.code),
            escape(&flag.name),
            flag.severity.as_str(),
            escape(&severity_label(map.locale, flag.severity)),
            escape(&flag.message)
        );
    }
    out.push_str("</ul>");
}

/// Text as HTML content or attribute value.
fn escape(text: &str) -> String {
    // Control and bidi characters from the workspace are shown escaped, never as themselves.
    let text = crate::report::sanitize::text(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
