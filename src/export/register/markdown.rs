//! `--format markdown`: the outline as CommonMark with GitHub tables; sheets are separated by a
//! thematic break.

use super::model::Register;
use super::outline::{Block, Cell, outline};
use crate::t;
use std::fmt::{self, Write};

pub fn render(register: &Register) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = write_document(&mut out, register);
    out
}

fn write_document(out: &mut String, register: &Register) -> fmt::Result {
    let document = outline(register);
    let colon = t!(register.language, "register.colon");
    writeln!(out, "# {}\n", inline(&document.title))?;
    writeln!(out, "*{}*\n", inline(&document.subtitle))?;
    write_blocks(out, &document.cover, "##", &colon)?;
    for sheet in &document.sheets {
        writeln!(out, "---\n")?;
        writeln!(out, "## {}\n", inline(&sheet.title))?;
        write_blocks(out, &sheet.blocks, "###", &colon)?;
    }
    if let Some((title, parts)) = &document.annex {
        writeln!(out, "---\n")?;
        let mut lines = title.lines();
        writeln!(out, "## {}\n", inline(lines.next().unwrap_or_default()))?;
        for line in lines {
            writeln!(out, "{}\n", inline(line))?;
        }
        for part in parts {
            writeln!(out, "### {}\n", inline(&part.title))?;
            write_blocks(out, &part.blocks, "####", &colon)?;
        }
    }
    Ok(())
}

/// `heading` is the Markdown prefix of section titles: `##` on the cover, `###` in a sheet.
fn write_blocks(out: &mut String, blocks: &[Block], heading: &str, colon: &str) -> fmt::Result {
    for block in blocks {
        match block {
            Block::Section(title) => writeln!(out, "{heading} {}\n", inline(title))?,
            Block::Fields(fields) => {
                for (label, value) in fields {
                    writeln!(out, "- **{}**{colon} {}", inline(label), cell(value))?;
                }
                writeln!(out)?;
            }
            Block::List(items) => {
                for item in items {
                    writeln!(out, "- {}", inline(item))?;
                }
                writeln!(out)?;
            }
            Block::Table { headers, rows } => {
                let headers: Vec<String> = headers.iter().map(|h| inline(h)).collect();
                writeln!(out, "| {} |", headers.join(" | "))?;
                writeln!(out, "|{}", " --- |".repeat(headers.len()))?;
                for row in rows {
                    let cells: Vec<String> = row.iter().map(cell).collect();
                    writeln!(out, "| {} |", cells.join(" | "))?;
                }
                writeln!(out)?;
            }
            Block::Paragraph(text) => writeln!(out, "{}\n", inline(text))?,
            Block::Warning(text) => writeln!(out, "> **{}**\n", inline(text))?,
        }
    }
    Ok(())
}

fn cell(cell: &Cell) -> String {
    inline(&cell.text)
}

/// Text from the workspace on one line, with the characters that would start Markdown syntax
/// (emphasis, links, code, HTML, table cells) escaped.
fn inline(text: &str) -> String {
    // Control and bidi characters from the workspace are shown escaped, never as themselves.
    let text = crate::report::sanitize::text(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn workspace_text_cannot_break_the_layout() {
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("line\nbreak"), "line break");
        assert_eq!(inline("<script>"), "\\<script\\>");
        assert_eq!(inline("l'événement"), "l'événement");
    }
}
