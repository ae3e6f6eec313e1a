//! The record of processing activities (GDPR Art. 30), laid out like the supervisory
//! authority's model register: a cover page (controller, DPO, date, the processings with their
//! lint status), then one sheet per processing.
//!
//! [`build`] turns a lint run into a [`Register`] whose ids are already words in the chosen
//! language; each format is then a small renderer of that one structure.

mod build;
mod csv;
mod html;
mod json;
mod labels;
mod markdown;
mod model;
mod outline;

pub use build::{build, build_with};
pub use model::{
    Archive, Art9Exception, Category, Controller, Dpia, Dpo, Labelled, PartyRef, PersonRef,
    Recipients, Register, Retention, Sheet, SourceRef, Status, StatusLevel, Summary, Transfer,
};

/// The formats of `datacharter register`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    // Plain comments, not doc comments: clap would show them as English-only help.
    // A cover, then one section per processing.
    Markdown,
    // One self-contained, printable page (inline CSS, a page per processing).
    Html,
    // One row per processing and data category (RFC 4180), for spreadsheets.
    Csv,
    // The structure documented in `json.rs` (`version: 1`).
    Json,
}

/// The register in `format`, as the bytes to write.
pub fn render(register: &Register, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(register),
        Format::Html => html::render(register),
        Format::Csv => csv::render(register),
        Format::Json => json::render(register),
    }
}
