//! The data map ("cartographie"): which source holds which data category, as a matrix of
//! sources (columns) × categories (rows, grouped by top-level family), with the processings
//! that use each source and the cells the rules flagged.
//!
//! [`DataMap::build`] turns a lint [`Outcome`] into the matrix once; each format (`text`,
//! `markdown`, `html`, `csv`) is a small renderer over it, in its own file.

mod build;
pub mod csv;
pub mod html;
pub mod markdown;
pub mod text;

use crate::finding::Severity;
use crate::i18n::Locale;
use crate::model::Sensitivity;

/// The formats of `datacharter map`. (Plain comments on the variants: clap would show doc
/// comments as English help; `map.help.format` describes them in both languages.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    // A terminal table (numbered source columns, at most 100 characters wide).
    Text,
    // A Markdown table with the sources and the flagged cells listed below.
    Markdown,
    // One self-contained, printable HTML page.
    Html,
    // The matrix for a spreadsheet: one row per category, one column per source.
    Csv,
}

/// The data map of a workspace, with every label already in the map's language.
#[derive(Debug, Clone)]
pub struct DataMap {
    pub locale: Locale,
    /// The organisation's name, when the workspace declares one.
    pub organisation: Option<String>,
    pub date: jiff::civil::Date,
    /// The columns, in the order of the cultural-sector guide's table (ticketing, CRM,
    /// website and analytics, emailing, spreadsheets, then the others).
    pub sources: Vec<SourceColumn>,
    /// The rows, by top-level family in the taxonomy's order.
    pub families: Vec<Family>,
    /// The second view: processings (columns, as (id, name)) × the categories they declare.
    pub processings: Vec<(String, String)>,
    /// (category label, which processings declare it), in the taxonomy's order.
    pub processing_rows: Vec<(String, Vec<bool>)>,
}

/// One source: a column of the matrix.
#[derive(Debug, Clone)]
pub struct SourceColumn {
    pub id: String,
    pub name: String,
    /// The source type's label (`Ticketing`, `Tableur`…).
    pub kind: String,
    /// `Some(false)`: the source cannot be exported or read (`accessible: false`).
    pub accessible: Option<bool>,
    /// Where it is hosted, in words (`France`, `États-Unis`).
    pub country: Option<String>,
    /// The vendor's name (or id, when no party has it).
    pub vendor: Option<String>,
    /// The source's document failed to parse or validate: the column shows what could be read.
    pub partial: bool,
    /// The processings that list this source, as (id, name).
    pub processings: Vec<(String, String)>,
    /// Findings about the source as a whole (DC802 no processing, DC804 no owner…).
    pub flags: Vec<Flag>,
}

/// A top-level category (`identity`, `special`…) and the rows under it.
#[derive(Debug, Clone)]
pub struct Family {
    pub id: String,
    pub label: String,
    pub rows: Vec<Row>,
}

impl Family {
    /// The family is a single category with no sub-category held (`location`): renderers
    /// show it as one row instead of a heading over a row of the same name.
    pub fn single(&self) -> Option<&Row> {
        match self.rows.as_slice() {
            [row] if row.category == self.id => Some(row),
            _ => None,
        }
    }
}

/// One data category: a row of the matrix.
#[derive(Debug, Clone)]
pub struct Row {
    pub category: String,
    pub label: String,
    /// Set for Art. 9, Art. 10 and national-id categories (inherited from the parent).
    pub sensitivity: Option<Sensitivity>,
    /// One cell per source, in the order of [`DataMap::sources`].
    pub cells: Vec<Cell>,
}

/// Whether a source holds a category, and what the rules say about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Names of the source's fields declared in this category; empty: not held.
    pub fields: Vec<String>,
    pub flags: Vec<Flag>,
}

impl Cell {
    pub fn held(&self) -> bool {
        !self.fields.is_empty()
    }

    /// The codes of the cell's findings, each once (two processings may raise the same rule).
    pub fn codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = Vec::new();
        for flag in &self.flags {
            if !codes.contains(&flag.code.as_str()) {
                codes.push(&flag.code);
            }
        }
        codes
    }

    /// The most severe flag, which sets the cell's highlight.
    pub fn worst(&self) -> Option<Severity> {
        self.flags.iter().map(|flag| flag.severity).max()
    }
}

/// A finding of the lint run, attached to a cell or a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub message: String,
}

/// A flagged cell, for the lists under the table: its source and its row.
pub struct FlaggedCell<'m> {
    pub source: &'m SourceColumn,
    pub row: &'m Row,
    pub cell: &'m Cell,
}

impl DataMap {
    /// Every row, family by family.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.families.iter().flat_map(|family| &family.rows)
    }

    /// The flagged cells, row by row then column by column.
    pub fn flagged_cells(&self) -> Vec<FlaggedCell<'_>> {
        self.rows()
            .flat_map(|row| {
                row.cells
                    .iter()
                    .zip(&self.sources)
                    .filter(|(cell, _)| !cell.flags.is_empty())
                    .map(move |(cell, source)| FlaggedCell { source, row, cell })
            })
            .collect()
    }

    /// The title: "Data map — organisation".
    pub fn title(&self) -> String {
        match &self.organisation {
            Some(name) => crate::t!(self.locale, "map.title_of", organisation = name),
            None => crate::t!(self.locale, "map.title"),
        }
    }

    /// A message of this map's catalogue in the map's language.
    fn text(&self, key: &str) -> String {
        crate::i18n::format(self.locale, key, &[])
    }
}

/// The label of a sensitivity ("Art. 9"…).
pub fn sensitivity_label(locale: Locale, sensitivity: Sensitivity) -> String {
    let key = match sensitivity {
        Sensitivity::Art9 => "map.sensitive.art9",
        Sensitivity::Art10 => "map.sensitive.art10",
        Sensitivity::NationalId => "map.sensitive.national_id",
    };
    crate::i18n::format(locale, key, &[])
}

/// The label of a severity ("error", "erreur"…).
pub fn severity_label(locale: Locale, severity: Severity) -> String {
    crate::i18n::format(locale, &format!("map.severity.{}", severity.as_str()), &[])
}

/// Renders the map in `format`.
pub fn render(map: &DataMap, format: Format) -> String {
    match format {
        Format::Text => text::render(map),
        Format::Markdown => markdown::render(map),
        Format::Html => html::render(map),
        Format::Csv => csv::render(map),
    }
}

#[cfg(test)]
mod tests;
