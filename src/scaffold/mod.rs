//! The starter workspace that `datacharter init` writes: settings, an organisation, a charter,
//! and for each tool a venue commonly uses (ticketing, CRM, website, emailing, spreadsheet) a
//! source, its processing and its vendor. It lints clean with every rule on, so a user starts
//! from zero findings and sees exactly what their own edits change.
//!
//! The templates are YAML files per language under `templates/{en,fr}/`, embedded; their
//! comments tell the user what to fill in. Dates are placeholders filled at generation time
//! (`last_reviewed` is today, a DPA expires three years from today), so the workspace is clean
//! whatever day `init` runs. A copy of the JSON Schemas goes to `schemas/`, and each file's
//! `# yaml-language-server: $schema=…` line points at it by a relative path, so editors complete
//! keys offline and the schema matches the version of datacharter that wrote the workspace.

use crate::i18n::Locale;
use crate::output;
use crate::schema::{
    DOCUMENT_SCHEMA_FILE, SETTINGS_SCHEMA_FILE, document_schema, settings_schema, to_pretty_json,
};
use jiff::civil::Date;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The folder, inside the new workspace, that holds the schema copies.
pub const SCHEMA_DIR: &str = "schemas";

/// The settings file, written last: a run cut short leaves no half-made workspace that
/// discovery would take for a real one.
pub const SETTINGS_FILE: &str = "datacharter.yaml";

/// How long the placeholder data-processing agreements run from today.
const DPA_YEARS: i16 = 3;

/// One file of the scaffold: its path relative to the workspace root (`/`-separated) and
/// its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaffoldFile {
    pub path: String,
    pub contents: String,
}

/// A template in both languages; the macro below makes a file missing in one language a
/// build error.
struct Template {
    path: &'static str,
    en: &'static str,
    fr: &'static str,
}

macro_rules! template {
    ($path:literal) => {
        Template {
            path: $path,
            en: include_str!(concat!("templates/en/", $path)),
            fr: include_str!(concat!("templates/fr/", $path)),
        }
    };
}

/// The documents, in writing order; the settings file comes last (see [`SETTINGS_FILE`]).
const TEMPLATES: &[Template] = &[
    template!("organisation.yaml"),
    template!("charter.yaml"),
    template!("parties/ticketing-vendor.yaml"),
    template!("parties/crm-vendor.yaml"),
    template!("parties/web-host.yaml"),
    template!("parties/emailing-vendor.yaml"),
    template!("sources/ticketing.yaml"),
    template!("sources/crm.yaml"),
    template!("sources/website.yaml"),
    template!("sources/emailing.yaml"),
    template!("sources/spreadsheet.yaml"),
    template!("processings/ticket-sales.yaml"),
    template!("processings/group-bookings.yaml"),
    template!("processings/website-operation.yaml"),
    template!("processings/newsletter.yaml"),
    template!("processings/press-invitations.yaml"),
    template!("datacharter.yaml"),
];

/// Why the scaffold could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// Today is so close to the end of the calendar that the agreement dates overflow.
    #[error("{today} + {DPA_YEARS} years is out of range: {source}")]
    Date { today: Date, source: jiff::Error },
    #[error("cannot render the JSON Schemas: {0}")]
    Schema(#[from] io::Error),
}

/// The files of a new workspace in `locale`, dated `today`: the schema copies first, then
/// the documents, then the settings file.
pub fn generate(locale: Locale, today: Date) -> Result<Vec<ScaffoldFile>, ScaffoldError> {
    let dpa_expires = today
        .checked_add(jiff::Span::new().years(DPA_YEARS))
        .map_err(|source| ScaffoldError::Date { today, source })?;
    let mut files = vec![
        ScaffoldFile {
            path: format!("{SCHEMA_DIR}/{DOCUMENT_SCHEMA_FILE}"),
            contents: to_pretty_json(&document_schema())?,
        },
        ScaffoldFile {
            path: format!("{SCHEMA_DIR}/{SETTINGS_SCHEMA_FILE}"),
            contents: to_pretty_json(&settings_schema())?,
        },
    ];
    files.extend(TEMPLATES.iter().map(|template| {
        let text = match locale {
            Locale::En => template.en,
            Locale::Fr => template.fr,
        };
        ScaffoldFile {
            path: template.path.to_owned(),
            contents: text
                .replace("{{today}}", &today.to_string())
                .replace("{{dpa_expires}}", &dpa_expires.to_string()),
        }
    }));
    Ok(files)
}

/// What is at the place `init` is asked to write to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing: the folder will be created.
    Missing,
    /// An empty folder, or one that holds only `.git` (a freshly initialised repository).
    Empty,
    /// A folder with files in it.
    NotEmpty,
    /// A file, or anything else that is not a folder.
    NotADirectory,
}

/// Looks at `dir` without changing anything.
pub fn inspect(dir: &Path) -> io::Result<Target> {
    let metadata = match fs::metadata(dir) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Target::Missing),
        Err(error) => return Err(error),
    };
    if !metadata.is_dir() {
        return Ok(Target::NotADirectory);
    }
    for entry in fs::read_dir(dir)? {
        if entry?.file_name() != ".git" {
            return Ok(Target::NotEmpty);
        }
    }
    Ok(Target::Empty)
}

/// Writes `files` under `dir` (created when missing), each one atomically; an existing file
/// is replaced only when `force`. The folders below `dir` are created one by one and never
/// entered through a symbolic link, so a repository with a committed `parties -> /etc` cannot
/// make `init --force` write outside it. Returns the paths written, in order.
pub fn write(
    dir: &Path,
    files: &[ScaffoldFile],
    force: bool,
) -> Result<Vec<PathBuf>, output::WriteError> {
    // Every target is checked first, so that a refusal leaves nothing half-written.
    if fs::symlink_metadata(dir).is_ok() {
        for file in files {
            output::check_new_within(dir, &file.path, force)?;
        }
    }
    let mut written = Vec::with_capacity(files.len());
    for file in files {
        let (folder, name) = match file.path.rsplit_once('/') {
            Some((folder, name)) => (folder, name),
            None => ("", file.path.as_str()),
        };
        let path = output::create_folders_within(dir, folder)?.join(name);
        output::write_new(&path, file.contents.as_bytes(), force)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests;
