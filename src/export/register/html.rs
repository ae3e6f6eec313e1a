//! `--format html`: one self-contained page — inline CSS, no script, no external resource — that
//! prints well: A4 pages, the cover on the first, each processing starting a new page.

use super::model::Register;
use super::outline::{Block, Cell, outline};
use crate::t;
use std::fmt::{self, Write};

/// Screen and print styles. Page breaks use both the legacy `page-break-*` properties and the
/// `break-*` ones, which browsers honour differently.
const STYLE: &str = r#"
:root { --ink: #1d2430; --muted: #5b6575; --rule: #c9ced6; --band: #eef1f5;
        --ok: #1f7a3a; --warn: #9a6200; --error: #b3261e; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink);
       font-size: 11pt; line-height: 1.45; margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem; }
h1 { font-size: 1.9em; margin: 0 0 .2em; }
h2 { font-size: 1.45em; border-bottom: 2px solid var(--ink); padding-bottom: .2em; margin: 0 0 .8em; }
h3 { font-size: 1.05em; background: var(--band); padding: .3em .5em; margin: 1.3em 0 .5em; }
.subtitle { color: var(--muted); margin: 0 0 1.5em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; }
th, td { border: 1px solid var(--rule); padding: .3em .5em; text-align: left; vertical-align: top; }
thead th { background: var(--band); }
thead { display: table-header-group; }
tr, dl div { break-inside: avoid; page-break-inside: avoid; }
dl { margin: .4em 0 .8em; }
dl div { display: grid; grid-template-columns: 16em 1fr; gap: 1em; padding: .15em 0;
         border-bottom: 1px dotted var(--rule); }
dt { font-weight: bold; }
dd { margin: 0; }
ul { margin: .3em 0 .8em; padding-left: 1.4em; }
.warning { border-left: 4px solid var(--error); background: #fbeeed; padding: .5em .8em; }
.status { font-weight: bold; white-space: nowrap; }
.status-ok { color: var(--ok); }
.status-warnings { color: var(--warn); }
.status-errors { color: var(--error); }
.sheet { margin-top: 3rem; }
.generated { color: var(--muted); font-size: .9em; }
a { color: inherit; }
@page { size: A4; margin: 16mm 14mm 20mm;
        @bottom-right { font: 8pt "DejaVu Sans", Helvetica, Arial, sans-serif; color: #5b6575; }
        @bottom-left { font: 8pt "DejaVu Sans", Helvetica, Arial, sans-serif; color: #5b6575; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .sheet { margin-top: 0; break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  a { text-decoration: none; }
}
"#;

pub fn render(register: &Register) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = write_document(&mut out, register);
    out
}

fn write_document(out: &mut String, register: &Register) -> fmt::Result {
    let document = outline(register);
    let organisation = register.controller.name.as_deref().unwrap_or_default();
    let title = if organisation.is_empty() {
        document.title.clone()
    } else {
        format!("{} — {organisation}", document.title)
    };
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"{}\">", document.lang)?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<meta name=\"generator\" content=\"datacharter\">")?;
    writeln!(out, "<title>{}</title>", escape(&title))?;
    writeln!(out, "<style>{STYLE}{}</style>", page_style(&document))?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<section class=\"cover\">")?;
    writeln!(out, "<h1>{}</h1>", escape(&document.title))?;
    writeln!(
        out,
        "<p class=\"subtitle\">{}</p>",
        escape(&document.subtitle)
    )?;
    write_blocks(out, &document.cover, "h2")?;
    writeln!(out, "</section>")?;
    for sheet in &document.sheets {
        writeln!(
            out,
            "<section class=\"sheet\" id=\"{}\">",
            escape(&anchor(&sheet.anchor))
        )?;
        let heading = t!(register.language, "register.sheet.heading");
        writeln!(
            out,
            "<h2><span class=\"subtitle\">{}</span><br>{}</h2>",
            escape(&heading),
            escape(&sheet.title)
        )?;
        write_blocks(out, &sheet.blocks, "h3")?;
        writeln!(out, "</section>")?;
    }
    if let Some((title, parts)) = &document.annex {
        writeln!(out, "<section class=\"sheet annex\" id=\"annex\">")?;
        let mut lines = title.lines();
        writeln!(out, "<h2>{}</h2>", escape(lines.next().unwrap_or_default()))?;
        for line in lines {
            writeln!(out, "<p class=\"generated\">{}</p>", escape(line))?;
        }
        for part in parts {
            writeln!(out, "<h3>{}</h3>", escape(&part.title))?;
            write_blocks(out, &part.blocks, "h4")?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// The running footer and page numbers of printed pages (CSS paged media margin boxes): the
/// texts come from the workspace, so they are written as CSS strings, escaped.
fn page_style(document: &super::outline::Outline) -> String {
    format!(
        "@page {{ @bottom-left {{ content: {}; }} @bottom-right {{ content: {} counter(page) {} counter(pages); }} }}\n",
        css_string(&document.footer),
        css_string(&document.page_words.0),
        css_string(&document.page_words.1),
    )
}

/// A CSS string literal: quotes and backslashes escaped, control characters and `<` (which
/// could close the style element) written as escapes.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || c == '<' || c == '>' || c == '&' => {
                out.push_str(&format!("\\{:x} ", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write_blocks(out: &mut String, blocks: &[Block], section_tag: &str) -> fmt::Result {
    for block in blocks {
        match block {
            Block::Section(title) => {
                writeln!(out, "<{section_tag}>{}</{section_tag}>", escape(title))?
            }
            Block::Fields(fields) => {
                writeln!(out, "<dl>")?;
                for (label, value) in fields {
                    writeln!(
                        out,
                        "<div><dt>{}</dt><dd>{}</dd></div>",
                        escape(label),
                        cell(value)
                    )?;
                }
                writeln!(out, "</dl>")?;
            }
            Block::List(items) => {
                writeln!(out, "<ul>")?;
                for item in items {
                    writeln!(out, "<li>{}</li>", escape(item))?;
                }
                writeln!(out, "</ul>")?;
            }
            Block::Table { headers, rows } => {
                writeln!(out, "<table>")?;
                write!(out, "<thead><tr>")?;
                for header in headers {
                    write!(out, "<th scope=\"col\">{}</th>", escape(header))?;
                }
                writeln!(out, "</tr></thead>")?;
                writeln!(out, "<tbody>")?;
                for row in rows {
                    write!(out, "<tr>")?;
                    for value in row {
                        write!(out, "<td>{}</td>", cell(value))?;
                    }
                    writeln!(out, "</tr>")?;
                }
                writeln!(out, "</tbody>")?;
                writeln!(out, "</table>")?;
            }
            Block::Paragraph(text) => writeln!(out, "<p>{}</p>", escape(text))?,
            Block::Warning(text) => writeln!(
                out,
                "<p class=\"warning\" role=\"alert\">{}</p>",
                escape(text)
            )?,
        }
    }
    Ok(())
}

fn cell(cell: &Cell) -> String {
    let text = escape(&cell.text);
    let text = match &cell.anchor {
        Some(target) => format!("<a href=\"#{}\">{text}</a>", escape(&anchor(target))),
        None => text,
    };
    match cell.status {
        Some(level) => format!(
            "<span class=\"status status-{}\">{text}</span>",
            level.as_str()
        ),
        None => text,
    }
}

/// Processing ids are kebab-case already; anything else is replaced so an anchor stays a
/// valid fragment.
fn anchor(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("processing-{safe}")
}

/// Escapes text for element content and double-quoted attributes (the only kind written).
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
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{anchor, escape};

    #[test]
    fn workspace_text_is_escaped() {
        assert_eq!(
            escape("<b>\"R&D\"</b>"),
            "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;"
        );
        assert_eq!(anchor("ticket-sales"), "processing-ticket-sales");
        assert_eq!(anchor("a\"b"), "processing-a-b");
    }
}
