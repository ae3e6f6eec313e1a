//! `datacharter discover DIR`: spreadsheets holding personal-data columns that no source
//! declares (DA602), or whose columns are mostly those of a declared source (DA603). Only the
//! header and the shapes of the values are looked at; nothing is kept or printed of them.

use super::profile::{ColumnPlan, Profile};
use super::read::{self, Format, Spec};
use super::rules::{facts_for_file, suggest_category};
use super::{AuditOptions, column_key, contain};
use crate::finding::{Finding, Location};
use crate::model::Inventory;
use crate::policy::PolicyTables;
use std::collections::BTreeSet;
use std::path::Path;

/// The share of a file's columns that makes it a copy of a source (a datacharter default: 60 %,
/// and at least three columns).
const COPY_PERCENT: usize = 60;

/// Walks `dir` and reports the spreadsheets with personal data that no source declares.
pub fn discover(
    dir: &Path,
    root: &Path,
    settings_file: &str,
    inventory: &Inventory,
    policy: &PolicyTables,
    options: &AuditOptions,
) -> Vec<Finding> {
    let locale = options.locale;
    // The declared exports, canonical: they are audited, not discovered.
    let declared: BTreeSet<std::path::PathBuf> = inventory
        .sources
        .iter()
        .filter_map(|s| s.item.export.as_ref()?.path.as_deref())
        .filter_map(|pattern| contain::resolve(root, pattern).ok())
        .collect();
    let mut findings = Vec::new();
    let mut files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| Format::resolve(None, p).is_some())
        .collect();
    files.sort();
    for path in files {
        if path.canonicalize().is_ok_and(|c| declared.contains(&c)) {
            continue;
        }
        let Some(format) = Format::resolve(None, &path) else {
            continue;
        };
        let spec = Spec {
            format,
            delimiter: None,
            encoding: None,
            header_row: 1,
            sheet: None,
            limits: options.limits,
        };
        let planner = |headers: &[String]| vec![ColumnPlan::default(); headers.len()];
        let mut profile = Profile::new(options.today, None, Box::new(planner));
        profile.keep_keys = false;
        if read::read(&path, &spec, &mut profile).is_err() {
            continue;
        }
        let personal: Vec<String> = profile
            .headers
            .iter()
            .zip(&profile.columns)
            .filter_map(|(header, stats)| suggest_category(policy, header, stats))
            .filter(|category| {
                category.starts_with("identity") || policy.sensitivity(category).is_some()
            })
            .collect();
        if personal.is_empty() {
            continue;
        }
        let shown = path.display().to_string().replace('\\', "/");
        let headers: BTreeSet<String> = profile.headers.iter().map(|h| column_key(h)).collect();
        let copy = inventory
            .sources
            .iter()
            .map(|source| {
                let fields: BTreeSet<String> = source
                    .item
                    .fields
                    .iter()
                    .map(|f| column_key(f.column.as_deref().unwrap_or(&f.name)))
                    .collect();
                (headers.intersection(&fields).count(), source)
            })
            .filter(|(shared, _)| *shared >= 3 && shared * 100 >= headers.len() * COPY_PERCENT)
            .max_by_key(|(shared, _)| *shared);
        let mut categories: Vec<String> = personal.clone();
        categories.sort();
        categories.dedup();
        let facts = facts_for_file(&shown, personal.len() as u64, profile.headers.len() as u64);
        let finding = match copy {
            Some((shared, source)) => {
                let rule = super::rules::find("DA603").map(|r| r.rule);
                rule.map(|rule| {
                    rule.localized(
                        locale,
                        source.at(""),
                        &[
                            ("file", &shown),
                            ("source", &source.item.id),
                            ("shared", &shared),
                            ("columns", &headers.len()),
                        ],
                    )
                })
            }
            None => super::rules::find("DA602").map(|r| {
                r.rule.localized(
                    locale,
                    Location::node(settings_file, 0, ""),
                    &[
                        ("file", &shown),
                        ("count", &personal.len()),
                        ("categories", &categories.join(", ")),
                    ],
                )
            }),
        };
        findings.extend(finding.map(|f| f.with_audit(facts)));
    }
    findings
}
