//! The quality sheet: per audited source, the guide's four criteria — completeness (fill rate
//! per field against its threshold), reliability (age, duplicates), consistency (values that
//! contradict the declared category) and minimisation (undeclared, empty and unused columns,
//! rows past retention). Counts from 1 to 4 are shown as "< 5", so that a sheet does not
//! single out a person; no cell value appears.

use super::rules::read_export;
use super::{AuditContext, percent};
use crate::commands::audit::SheetFormat;
use crate::i18n::Locale;
use std::io::{self, Write};

/// A count as the sheet shows it.
pub fn count(value: u64) -> String {
    if (1..5).contains(&value) {
        "< 5".to_owned()
    } else {
        value.to_string()
    }
}

/// One line of the sheet: criterion, what, column, value.
struct Line {
    criterion: &'static str,
    measure: String,
    column: String,
    value: String,
}

fn lines(context: &AuditContext<'_>, source: &super::SourceAudit<'_>, locale: Locale) -> Vec<Line> {
    let t = |key: &str| crate::t!(locale, &format!("audit.sheet.{key}"));
    let mut out = Vec::new();
    let Some((profile, _)) = read_export(source) else {
        out.push(Line {
            criterion: "reliability",
            measure: t("unreadable"),
            column: String::new(),
            value: String::new(),
        });
        return out;
    };
    let rows = profile.rows;
    out.push(Line {
        criterion: "completeness",
        measure: t("rows"),
        column: String::new(),
        value: count(rows),
    });
    for (index, field) in source.source.item.fields.iter().enumerate() {
        let Some(column) = source.field_columns[index] else {
            out.push(Line {
                criterion: "completeness",
                measure: t("absent"),
                column: field.name.clone(),
                value: String::new(),
            });
            continue;
        };
        let filled = profile.columns[column].filled;
        let threshold = field
            .required
            .map(|r| format!(" / {r}"))
            .unwrap_or_default();
        out.push(Line {
            criterion: "completeness",
            measure: t("fill-rate"),
            column: profile.headers[column].clone(),
            value: format!("{}{threshold}", percent(filled, rows, locale)),
        });
    }
    let today = context.options.today;
    let newest = profile
        .columns
        .iter()
        .filter_map(|c| c.newest)
        .filter(|d| *d <= today)
        .max();
    if let Some(newest) = newest
        && let Ok(age) = context.options.today.since(newest)
    {
        let months = (f64::from(age.get_days()) / 30.44).floor() as i64;
        out.push(Line {
            criterion: "reliability",
            measure: t("age"),
            column: String::new(),
            value: months.to_string(),
        });
    }
    out.push(Line {
        criterion: "reliability",
        measure: t("certain"),
        column: String::new(),
        value: count(source.certain_duplicates),
    });
    out.push(Line {
        criterion: "reliability",
        measure: t("possible"),
        column: String::new(),
        value: count(source.possible_duplicates),
    });
    for (index, name) in profile.headers.iter().enumerate() {
        let stats = &profile.columns[index];
        let words: u64 = stats.words.values().map(|h| h.rows).sum();
        let contradicting = stats.nirs.rows + stats.ibans.rows + stats.cards.rows + words;
        if contradicting > 0 {
            out.push(Line {
                criterion: "consistency",
                measure: t("contradicting"),
                column: name.clone(),
                value: count(contradicting),
            });
        }
        if profile.plans[index].field.is_none() {
            out.push(Line {
                criterion: "minimisation",
                measure: t("undeclared"),
                column: name.clone(),
                value: count(stats.filled),
            });
        }
        if rows > 0 && stats.filled * 100 <= rows {
            out.push(Line {
                criterion: "minimisation",
                measure: t("empty"),
                column: name.clone(),
                value: count(stats.filled),
            });
        }
        if stats.past_retention.rows > 0 {
            out.push(Line {
                criterion: "minimisation",
                measure: t("past-retention"),
                column: name.clone(),
                value: count(stats.past_retention.rows),
            });
        }
    }
    out
}

/// Writes the sheet of every audited source.
pub fn render(
    context: &AuditContext<'_>,
    format: SheetFormat,
    locale: Locale,
    out: &mut impl Write,
) -> io::Result<()> {
    let t = |key: &str| crate::t!(locale, &format!("audit.sheet.{key}"));
    let criterion = |c: &str| t(&format!("criterion.{c}"));
    match format {
        SheetFormat::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let header = [
                t("source"),
                t("file"),
                t("criterion-heading"),
                t("measure"),
                t("column"),
                t("value"),
            ];
            writer.write_record(&header).map_err(io::Error::other)?;
            for source in &context.sources {
                for line in lines(context, source, locale) {
                    writer
                        .write_record([
                            source.source.item.id.as_str(),
                            &source.file,
                            &criterion(line.criterion),
                            &line.measure,
                            &line.column,
                            &line.value,
                        ])
                        .map_err(io::Error::other)?;
                }
            }
            out.write_all(&writer.into_inner().map_err(io::Error::other)?)
        }
        SheetFormat::Markdown => {
            writeln!(out, "# {}\n", t("title"))?;
            for source in &context.sources {
                writeln!(out, "## {} (`{}`)\n", source.source.item.name, source.file)?;
                writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    t("criterion-heading"),
                    t("measure"),
                    t("column"),
                    t("value")
                )?;
                writeln!(out, "|---|---|---|---|")?;
                for line in lines(context, source, locale) {
                    let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
                    writeln!(
                        out,
                        "| {} | {} | {} | {} |",
                        criterion(line.criterion),
                        cell(&line.measure),
                        cell(&line.column),
                        cell(&line.value)
                    )?;
                }
                writeln!(out)?;
            }
            Ok(())
        }
        SheetFormat::Html => {
            let escape = |text: &str| {
                text.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
                    .replace('"', "&quot;")
            };
            writeln!(
                out,
                "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>",
                locale.code(),
                escape(&t("title"))
            )?;
            writeln!(out, "<h1>{}</h1>", escape(&t("title")))?;
            for source in &context.sources {
                writeln!(
                    out,
                    "<h2>{} (<code>{}</code>)</h2>",
                    escape(&source.source.item.name),
                    escape(&source.file)
                )?;
                writeln!(
                    out,
                    "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
                    escape(&t("criterion-heading")),
                    escape(&t("measure")),
                    escape(&t("column")),
                    escape(&t("value"))
                )?;
                for line in lines(context, source, locale) {
                    writeln!(
                        out,
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        escape(&criterion(line.criterion)),
                        escape(&line.measure),
                        escape(&line.column),
                        escape(&line.value)
                    )?;
                }
                writeln!(out, "</tbody></table>")?;
            }
            writeln!(out, "</body></html>")
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn small_counts_are_hidden() {
        assert_eq!(super::count(0), "0");
        assert_eq!(super::count(1), "< 5");
        assert_eq!(super::count(4), "< 5");
        assert_eq!(super::count(5), "5");
    }
}
