//! `datacharter audit`: the exports of the declared sources held against the register, by the
//! guide's four criteria (completeness, reliability, consistency, minimisation).
//!
//! Stages: resolve each source's export inside the workspace ([`contain`]) → read it row by row
//! ([`read`]) into a [`profile::Profile`] (counts only) → the DA rules ([`rules`]) turn the
//! profiles into findings, which then go through lint's suppressions and reports.
//!
//! Privacy (normative): no cell value, masked value or hash leaves this module; findings carry
//! column names, counts, ratios and, only with `show_rows`, row numbers.

pub mod contain;
pub mod discover;
pub mod draft;
pub mod link;
pub mod profile;
pub mod read;
pub mod rules;
pub mod sheet;
pub mod values;
pub mod vocabulary;

use crate::i18n::Locale;
use crate::model::{Inventory, Located, Source};
use crate::policy::PolicyTables;
use profile::{ColumnPlan, KeyRole, Profile};
use read::{Format, Notes, ReadError, Spec};
use std::path::{Path, PathBuf};

/// How to audit.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    pub today: jiff::civil::Date,
    pub locale: Locale,
    /// `--show rows`: row numbers in the findings.
    pub show_rows: bool,
    /// Fewest rows with Art. 9 words before DA201 fires (a datacharter default: 3).
    pub min_count: u64,
    /// `--export SOURCE=FILE`: paths replacing the declared ones.
    pub exports: Vec<(String, PathBuf)>,
    /// Only these sources (none: every source that declares an export).
    pub sources: Vec<String>,
    pub limits: read::Limits,
    /// `--link A B`: match these two sources (DA5xx).
    pub link: Option<(String, String)>,
    /// The per-run random key of every hash (duplicates, linkage).
    pub hasher: std::collections::hash_map::RandomState,
}

/// One source's export, read (or not).
pub struct SourceAudit<'a> {
    pub source: &'a Located<Source>,
    /// The export as findings name it (relative to the root when inside it).
    pub file: String,
    pub format: Option<Format>,
    pub outcome: Result<(Profile<'static>, Notes), ReadError>,
    /// The export is tracked by git (DA009).
    pub tracked: bool,
    /// For each declared field, its column.
    pub field_columns: Vec<Option<usize>>,
    /// Rows in duplicate groups: certain (same email), possible (phone; name plus a second
    /// attribute).
    pub certain_duplicates: u64,
    pub possible_duplicates: u64,
}

/// What the DA rules read.
pub struct AuditContext<'a> {
    pub inventory: &'a Inventory,
    pub policy: &'a PolicyTables,
    pub options: &'a AuditOptions,
    pub sources: Vec<SourceAudit<'a>>,
    /// With `--link`: how far the two sources match.
    pub linkage: Option<link::Linkage>,
}

/// The column names a field answers to: its `column`, else its `name`, compared trimmed and
/// case-insensitively.
pub fn column_key(text: &str) -> String {
    text.trim().to_lowercase()
}

/// A problem found before any export is read: a source named on the command line that does
/// not exist, an `--export` for an unknown source.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditError {
    #[error("no source `{0}` in this workspace")]
    UnknownSource(String),
    #[error("source `{0}` declares no `export:`; give its file with --export {0}=FILE")]
    NoExport(String),
}

/// Reads the exports and profiles them.
pub fn audit<'a>(
    root: &Path,
    inventory: &'a Inventory,
    policy: &'a PolicyTables,
    options: &'a AuditOptions,
) -> Result<AuditContext<'a>, AuditError> {
    let linked: Vec<String> = options
        .link
        .iter()
        .flat_map(|(a, b)| [a.clone(), b.clone()])
        .collect();
    let wanted: &[String] = if linked.is_empty() {
        &options.sources
    } else {
        &linked
    };
    for name in wanted.iter().chain(options.exports.iter().map(|(s, _)| s)) {
        if inventory.source(name).is_none() {
            return Err(AuditError::UnknownSource(name.clone()));
        }
    }
    let mut sources = Vec::new();
    // In source order, or in the order `--link` names them.
    let chosen: Vec<&Located<Source>> = if wanted.is_empty() {
        inventory.sources.iter().collect()
    } else {
        wanted
            .iter()
            .filter_map(|id| inventory.source(id))
            .collect()
    };
    for source in chosen {
        let id = source.item.id.as_str();
        let given = options
            .exports
            .iter()
            .find(|(s, _)| s == id)
            .map(|(_, p)| p.clone());
        let declared = source.item.export.as_ref().and_then(|e| e.path.clone());
        let path = match (given, declared) {
            (Some(path), _) => Ok(path),
            (None, Some(pattern)) => contain::resolve(root, &pattern),
            (None, None) if !wanted.is_empty() => {
                return Err(AuditError::NoExport(id.to_owned()));
            }
            (None, None) => continue,
        };
        sources.push(audit_source(root, source, path, policy, inventory, options));
    }
    let linkage = if options.link.is_some() {
        link::of(&sources)
    } else {
        None
    };
    Ok(AuditContext {
        inventory,
        policy,
        options,
        sources,
        linkage,
    })
}

fn audit_source<'a>(
    root: &Path,
    source: &'a Located<Source>,
    path: Result<PathBuf, ReadError>,
    policy: &PolicyTables,
    inventory: &Inventory,
    options: &AuditOptions,
) -> SourceAudit<'a> {
    let export = source.item.export.as_ref();
    let display = |path: &Path| {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        absolute
            .strip_prefix(&root)
            .map_or_else(|_| path.display().to_string(), |p| p.display().to_string())
            .replace('\\', "/")
    };
    let file = match &path {
        Ok(path) => display(path),
        Err(_) => export.and_then(|e| e.path.clone()).unwrap_or_default(),
    };
    let format = path
        .as_ref()
        .ok()
        .and_then(|p| Format::resolve(export.and_then(|e| e.format.as_deref()), p));
    let mut audit = SourceAudit {
        source,
        file,
        format,
        outcome: Err(ReadError::Missing),
        tracked: false,
        field_columns: vec![None; source.item.fields.len()],
        certain_duplicates: 0,
        possible_duplicates: 0,
    };
    let path = match path {
        Ok(path) => path,
        Err(error) => {
            audit.outcome = Err(error);
            return audit;
        }
    };
    audit.tracked = contain::tracked_by_git(&path);
    let Some(format) = format else {
        let declared = export.and_then(|e| e.format.clone()).unwrap_or_default();
        audit.outcome = Err(ReadError::Corrupt(format!(
            "unknown export format `{declared}` (csv, xlsx, ods or xls)"
        )));
        return audit;
    };
    let encoding = export
        .and_then(|e| e.encoding.as_deref())
        .map(|label| encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or(label));
    let encoding = match encoding {
        Some(Err(label)) => {
            audit.outcome = Err(ReadError::UnsupportedEncoding(label.to_owned()));
            return audit;
        }
        Some(Ok(encoding)) => Some(encoding),
        None => None,
    };
    let spec = Spec {
        format,
        delimiter: export
            .and_then(|e| e.delimiter.as_deref())
            .and_then(read::parse_delimiter),
        encoding,
        header_row: export.and_then(|e| e.header_row).unwrap_or(1),
        sheet: export.and_then(|e| e.sheet.clone()),
        limits: options.limits,
    };
    let plans = plan_columns(source, policy, inventory, options.today);
    let mut profile = Profile::new(options.today, vocabulary::builtin(), Box::new(plans));
    profile.share_hasher(options.hasher.clone());
    if options.link.is_some() {
        profile.link_keys = Some(Vec::new());
    }
    let outcome = read::read(&path, &spec, &mut profile);
    for (index, field) in source.item.fields.iter().enumerate() {
        let wanted = column_key(field.column.as_deref().unwrap_or(&field.name));
        audit.field_columns[index] = profile.headers.iter().position(|h| column_key(h) == wanted);
    }
    audit.certain_duplicates = Profile::duplicate_rows(&mut profile.certain_keys);
    audit.possible_duplicates = Profile::duplicate_rows(&mut profile.possible_keys);
    profile.certain_keys = Vec::new();
    profile.possible_keys = Vec::new();
    audit.outcome = outcome.map(|notes| (profile, notes));
    audit
}

/// The plan of each column, from the header: its field, what to scan for, its retention.
fn plan_columns(
    source: &Located<Source>,
    policy: &PolicyTables,
    inventory: &Inventory,
    today: jiff::civil::Date,
) -> impl Fn(&[String]) -> Vec<ColumnPlan> + 'static {
    let fields: Vec<(String, String, bool, Option<jiff::civil::Date>)> = source
        .item
        .fields
        .iter()
        .map(|field| {
            let limit = field
                .marks
                .and_then(|_| retention_limit(source, field.category.as_str(), inventory, today));
            (
                column_key(field.column.as_deref().unwrap_or(&field.name)),
                field.category.as_str().to_owned(),
                field.free_text,
                limit,
            )
        })
        .collect();
    let sensitive: Vec<bool> = fields
        .iter()
        .map(|(_, c, _, _)| policy.sensitivity(c).is_some())
        .collect();
    move |headers: &[String]| {
        headers
            .iter()
            .map(|header| {
                let key = column_key(header);
                let Some(index) = fields.iter().position(|(name, ..)| *name == key) else {
                    return ColumnPlan {
                        field: None,
                        scan_words: true,
                        scan_contacts: false,
                        retention_limit: None,
                        role: None,
                    };
                };
                let (_, category, free_text, limit) = &fields[index];
                let role = if PolicyTables::covers("identity.email", category) {
                    Some(KeyRole::Email)
                } else if PolicyTables::covers("identity.phone", category) {
                    Some(KeyRole::Phone)
                } else if PolicyTables::covers("identity.name", category) {
                    Some(KeyRole::Name)
                } else if PolicyTables::covers("identity.postal-address", category)
                    && is_postcode_name(&key)
                {
                    Some(KeyRole::Postal)
                } else if PolicyTables::covers("identity.birth-date", category) {
                    Some(KeyRole::Birth)
                } else {
                    None
                };
                ColumnPlan {
                    field: Some(index),
                    scan_words: *free_text && !sensitive[index],
                    scan_contacts: *free_text,
                    retention_limit: *limit,
                    role,
                }
            })
            .collect()
    }
}

/// A postal-address column that holds the postcode alone (`code_postal`, `cp`, `zip`), by its
/// name: the postcode is a duplicate and matching attribute, the street is not.
fn is_postcode_name(name: &str) -> bool {
    let words = crate::rules::sensitive::words(name);
    name.contains("post")
        || words
            .iter()
            .any(|w| matches!(w.as_str(), "cp" | "zip" | "zipcode" | "postcode" | "npa"))
}

/// The day before which a date marking `category` in `source` is past the retention of every
/// processing that uses the source and the category; `None` when no processing sets one.
fn retention_limit(
    source: &Located<Source>,
    category: &str,
    inventory: &Inventory,
    today: jiff::civil::Date,
) -> Option<jiff::civil::Date> {
    let id = source.item.id.as_str();
    let mut longest: Option<f64> = None;
    for processing in &inventory.processings {
        let processing = &processing.item;
        let uses_source = processing.sources.iter().any(|s| s.as_str() == id);
        let uses_category = processing.data_categories.iter().any(|c| {
            PolicyTables::covers(c.as_str(), category) || PolicyTables::covers(category, c.as_str())
        });
        if !uses_source || !uses_category {
            continue;
        }
        let rule = processing.retention.iter().find(|rule| {
            rule.categories.is_empty()
                || rule.categories.iter().any(|c| {
                    PolicyTables::covers(c.as_str(), category)
                        || PolicyTables::covers(category, c.as_str())
                })
        });
        // A processing without a retention for the category keeps the rows: no limit.
        let days = rule.and_then(|rule| rule.duration.approx_days())?;
        longest = Some(longest.map_or(days, |d| d.max(days)));
    }
    let days = longest?;
    today
        .checked_sub(jiff::Span::new().days(days.ceil() as i64))
        .ok()
}

/// A share as millionths, for [`crate::finding::AuditFacts::ratio`].
pub fn millionths(part: u64, whole: u64) -> u32 {
    if whole == 0 {
        return 0;
    }
    u32::try_from(part.saturating_mul(1_000_000) / whole).unwrap_or(1_000_000)
}

/// A share as people read it: `30 %`, `0.4 %` (French writes `30 %` too, and `0,4 %`).
pub fn percent(part: u64, whole: u64, locale: Locale) -> String {
    if whole == 0 {
        return "0 %".to_owned();
    }
    let value = part as f64 * 100.0 / whole as f64;
    let text = if value >= 10.0 || value == 0.0 || value.fract() == 0.0 {
        format!("{:.0}", value.round())
    } else {
        format!("{value:.1}")
    };
    match locale {
        Locale::Fr => format!("{} %", text.replace('.', ",")),
        Locale::En => format!("{text}%"),
    }
}
