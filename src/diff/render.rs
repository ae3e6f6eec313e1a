//! The changelog as markdown (a pull-request comment, `$GITHUB_STEP_SUMMARY`), HTML (an
//! annex to the register) and JSON.

use super::{Change, Changelog, FindingChange, Level};
use crate::i18n::Locale;
use crate::t;
use std::fmt::Write as _;
use std::io::{self, Write};

const LEVELS: [Level; 3] = [Level::Attention, Level::Notable, Level::Info];

fn heading(level: Level, locale: Locale) -> String {
    t!(locale, &format!("diff.level.{}", level.as_str()))
}

/// One line of text: control characters (newlines included) become spaces, so that a value
/// from a file cannot break the layout or reach a terminal.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Markdown-safe: no HTML and no link can come from a value of the files; code spans
/// (backticks, as the messages write names) are kept.
fn md(text: &str) -> String {
    let mut out = String::new();
    for c in clean(text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // No link or image can be made from a value of the files.
            '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn html(text: &str) -> String {
    let mut out = String::new();
    for c in clean(text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn counts(log: &Changelog, locale: Locale) -> String {
    t!(
        locale,
        "diff.counts",
        attention = log.count(Level::Attention),
        notable = log.count(Level::Notable),
        info = log.count(Level::Info),
        fixed = log.fixed.len(),
        introduced = log.introduced.len()
    )
}

pub fn render_markdown(log: &Changelog, locale: Locale, out: &mut impl Write) -> io::Result<()> {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "## {}\n\n{}\n",
        md(&t!(locale, "diff.title", from = log.from, to = log.to)),
        md(&counts(log, locale))
    );
    if log.changes.is_empty() {
        let _ = writeln!(text, "{}\n", md(&t!(locale, "diff.none")));
    }
    for level in LEVELS {
        let changes: Vec<&Change> = log.changes.iter().filter(|c| c.level == level).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(text, "### {}\n", md(&heading(level, locale)));
        for change in changes {
            let _ = writeln!(
                text,
                "- `{}`: {}",
                clean(&change.document).replace('`', "'"),
                md(&change.text)
            );
        }
        text.push('\n');
    }
    for (key, findings) in [
        ("diff.introduced", &log.introduced),
        ("diff.fixed", &log.fixed),
    ] {
        if findings.is_empty() {
            continue;
        }
        let _ = writeln!(
            text,
            "### {}\n",
            md(&t!(locale, key, count = findings.len()))
        );
        for finding in findings {
            let _ = writeln!(text, "- {}", md(&finding_line(finding)));
        }
        text.push('\n');
    }
    out.write_all(text.as_bytes())
}

fn finding_line(finding: &FindingChange) -> String {
    format!(
        "{}:{}: {} {} {}",
        finding.file, finding.line, finding.severity, finding.code, finding.message
    )
}

pub fn render_html(log: &Changelog, locale: Locale, out: &mut impl Write) -> io::Result<()> {
    let title = t!(locale, "diff.title", from = log.from, to = log.to);
    let mut text = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}}h2{{border-bottom:1px solid #ccc}}.attention{{color:#a40000}}code{{background:#f3f3f3}}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p>{}</p>\n",
        locale.code(),
        html(&title),
        html(&title),
        html(&counts(log, locale))
    );
    if log.changes.is_empty() {
        let _ = writeln!(text, "<p>{}</p>", html(&t!(locale, "diff.none")));
    }
    for level in LEVELS {
        let changes: Vec<&Change> = log.changes.iter().filter(|c| c.level == level).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(
            text,
            "<h2 class=\"{}\">{}</h2>\n<ul>",
            level.as_str(),
            html(&heading(level, locale))
        );
        for change in changes {
            let _ = writeln!(
                text,
                "<li><code>{}</code>: {}</li>",
                html(&change.document),
                html(&change.text)
            );
        }
        text.push_str("</ul>\n");
    }
    for (key, findings) in [
        ("diff.introduced", &log.introduced),
        ("diff.fixed", &log.fixed),
    ] {
        if findings.is_empty() {
            continue;
        }
        let _ = writeln!(
            text,
            "<h2>{}</h2>\n<ul>",
            html(&t!(locale, key, count = findings.len()))
        );
        for finding in findings {
            let _ = writeln!(text, "<li>{}</li>", html(&finding_line(finding)));
        }
        text.push_str("</ul>\n");
    }
    text.push_str("</body>\n</html>\n");
    out.write_all(text.as_bytes())
}

pub fn render_json(log: &Changelog, locale: Locale, out: &mut impl Write) -> io::Result<()> {
    let json = serde_json::json!({
        "version": 1,
        "locale": locale.code(),
        "from": log.from,
        "to": log.to,
        "summary": {
            "attention": log.count(Level::Attention),
            "notable": log.count(Level::Notable),
            "info": log.count(Level::Info),
            "fixed": log.fixed.len(),
            "introduced": log.introduced.len(),
        },
        "changes": log.changes,
        "findings": { "fixed": log.fixed, "introduced": log.introduced },
    });
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
