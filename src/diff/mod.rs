//! The register's changelog: two revisions' documents compared by `kind:id` (not by text),
//! each change said in words and given a level — what a DPO must look at (attention), what is
//! worth knowing (notable), the rest (info). Levels follow the design's table; where it is
//! silent a change is notable when it alters what the register says, info when only wording.

mod render;

pub use render::{render_html, render_json, render_markdown};

use crate::i18n::Locale;
use crate::model::Duration;
use crate::t;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

/// How much a change matters to the DPO. Ordered: `Info < Notable < Attention`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Notable,
    Attention,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Notable => "notable",
            Level::Attention => "attention",
        }
    }
}

/// One change of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub level: Level,
    /// `kind:id` of the document (the new one for a rename).
    pub document: String,
    /// The top-level key that changed; empty for a document added, removed or renamed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub field: String,
    /// The change in words, in the run's language.
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// A document of one side: its `kind:id`, file and value.
#[derive(Debug, Clone)]
pub struct Document {
    pub identity: String,
    pub kind: String,
    pub file: String,
    pub value: Value,
}

/// The documents of a side, from a lint run's inventory.
pub fn documents(inventory: &crate::model::Inventory) -> Vec<Document> {
    let mut documents: Vec<Document> = crate::model::DocumentKind::ALL
        .into_iter()
        .flat_map(|kind| inventory.documents_as_json(kind))
        .filter_map(|(file, index, _, value)| {
            let identity = crate::finding_key::document_identity(&value)
                .unwrap_or_else(|| format!("{file}#{index}"));
            let kind = value.get("kind")?.as_str()?.to_owned();
            Some(Document {
                identity,
                kind,
                file,
                value,
            })
        })
        .collect();
    // A duplicated id (DC004) would make two documents one: each is then told by its file.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for document in &documents {
        *seen.entry(document.identity.clone()).or_insert(0) += 1;
    }
    for document in &mut documents {
        if seen.get(&document.identity).is_some_and(|count| *count > 1) {
            document.identity = format!("{} ({})", document.identity, document.file);
        }
    }
    documents
}

/// Two documents are one renamed when at least this share of their keys (the id left out)
/// hold equal values: a datacharter default.
const RENAME_SIMILARITY: f64 = 0.7;

/// The changes from `old` to `new`, sorted by level (attention first), document, field.
pub fn changes(old: &[Document], new: &[Document], locale: Locale) -> Vec<Change> {
    let old_by: BTreeMap<&str, &Document> = old.iter().map(|d| (d.identity.as_str(), d)).collect();
    let new_by: BTreeMap<&str, &Document> = new.iter().map(|d| (d.identity.as_str(), d)).collect();
    let mut removed: Vec<&Document> = old
        .iter()
        .filter(|d| !new_by.contains_key(d.identity.as_str()))
        .collect();
    let added: Vec<&Document> = new
        .iter()
        .filter(|d| !old_by.contains_key(d.identity.as_str()))
        .collect();
    let mut out = Vec::new();
    for document in new {
        if let Some(before) = old_by.get(document.identity.as_str()) {
            compare(before, document, locale, &mut out);
        }
    }
    for document in added {
        let twin = removed
            .iter()
            .enumerate()
            .filter(|(_, old)| old.kind == document.kind)
            .map(|(at, old)| (at, similarity(&old.value, &document.value)))
            .filter(|(_, score)| *score >= RENAME_SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match twin {
            Some((at, _)) => {
                let before = removed.remove(at);
                out.push(Change {
                    level: Level::Notable,
                    document: document.identity.clone(),
                    field: String::new(),
                    text: t!(
                        locale,
                        "diff.renamed",
                        old = before.identity,
                        new = document.identity
                    ),
                    before: Some(before.identity.clone()),
                    after: Some(document.identity.clone()),
                });
                compare(before, document, locale, &mut out);
            }
            None => out.push(added_document(document, locale)),
        }
    }
    for document in removed {
        let level = if document.kind == "processing" {
            Level::Attention
        } else {
            Level::Notable
        };
        out.push(Change {
            level,
            document: document.identity.clone(),
            field: String::new(),
            text: t!(locale, "diff.removed", document = document.identity),
            before: None,
            after: None,
        });
    }
    out.sort_by(|a, b| (b.level, &a.document, &a.field).cmp(&(a.level, &b.document, &b.field)));
    out
}

fn added_document(document: &Document, locale: Locale) -> Change {
    let fields = document
        .value
        .get("fields")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let (level, text) = match document.kind.as_str() {
        "processing" => (
            Level::Attention,
            t!(locale, "diff.added", document = document.identity),
        ),
        "source" if fields > 0 => (
            Level::Attention,
            t!(
                locale,
                "diff.source-with-data",
                document = document.identity,
                count = fields
            ),
        ),
        _ => (
            Level::Notable,
            t!(locale, "diff.added", document = document.identity),
        ),
    };
    Change {
        level,
        document: document.identity.clone(),
        field: String::new(),
        text,
        before: None,
        after: None,
    }
}

/// Share of keys (the id left out) whose values are equal on both sides.
fn similarity(a: &Value, b: &Value) -> f64 {
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return 0.0;
    };
    let keys: BTreeSet<&String> = a
        .keys()
        .chain(b.keys())
        .filter(|key| *key != "id")
        .filter(|key| {
            !(a.get(*key).is_none_or(Value::is_null) && b.get(*key).is_none_or(Value::is_null))
        })
        .collect();
    if keys.is_empty() {
        return 0.0;
    }
    let equal = keys
        .iter()
        .filter(|key| a.get(**key) == b.get(**key))
        .count();
    equal as f64 / keys.len() as f64
}

/// The changes inside one document, key by key.
fn compare(old: &Document, new: &Document, locale: Locale, out: &mut Vec<Change>) {
    let (Some(a), Some(b)) = (old.value.as_object(), new.value.as_object()) else {
        return;
    };
    let null = Value::Null;
    let mut keys: Vec<&String> = b.keys().collect();
    keys.extend(a.keys().filter(|key| !b.contains_key(*key)));
    for key in keys {
        let before = a.get(key).unwrap_or(&null);
        let after = b.get(key).unwrap_or(&null);
        if before == after || key == "id" {
            continue;
        }
        let change = |level: Level, text: String| Change {
            level,
            document: new.identity.clone(),
            field: key.clone(),
            text,
            before: shown(before),
            after: shown(after),
        };
        let generic = |level: Level| {
            change(
                level,
                t!(
                    locale,
                    "diff.changed",
                    field = key,
                    before = shown(before).unwrap_or_else(|| "—".into()),
                    after = shown(after).unwrap_or_else(|| "—".into())
                ),
            )
        };
        match (new.kind.as_str(), key.as_str()) {
            (_, "legal_basis") => out.push(change(
                Level::Attention,
                t!(
                    locale,
                    "diff.legal-basis",
                    before = shown(before).unwrap_or_else(|| "—".into()),
                    after = shown(after).unwrap_or_else(|| "—".into())
                ),
            )),
            ("processing", "data_categories") => {
                let (gone, came) = set_difference(before, after);
                for category in came {
                    let level = if is_sensitive(&category) {
                        Level::Attention
                    } else {
                        Level::Notable
                    };
                    let text = if level == Level::Attention {
                        t!(locale, "diff.sensitive-category-added", category = category)
                    } else {
                        t!(locale, "diff.category-added", category = category)
                    };
                    out.push(Change {
                        after: Some(category),
                        before: None,
                        ..change(level, text)
                    });
                }
                for category in gone {
                    out.push(Change {
                        before: Some(category.clone()),
                        after: None,
                        ..change(
                            Level::Notable,
                            t!(locale, "diff.category-removed", category = category),
                        )
                    });
                }
            }
            ("source", "fields") => {
                let categories = |value: &Value| -> Value {
                    Value::Array(
                        value
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|field| field.get("category").cloned())
                            .collect(),
                    )
                };
                let (gone, came) = set_difference(&categories(before), &categories(after));
                let mut said = false;
                for category in came {
                    said = true;
                    let level = if is_sensitive(&category) {
                        Level::Attention
                    } else {
                        Level::Notable
                    };
                    let text = if level == Level::Attention {
                        t!(locale, "diff.sensitive-category-added", category = category)
                    } else {
                        t!(locale, "diff.category-added", category = category)
                    };
                    out.push(Change {
                        after: Some(category),
                        before: None,
                        ..change(level, text)
                    });
                }
                for category in gone {
                    said = true;
                    out.push(Change {
                        before: Some(category.clone()),
                        after: None,
                        ..change(
                            Level::Notable,
                            t!(locale, "diff.category-removed", category = category),
                        )
                    });
                }
                if !said {
                    out.push(change(Level::Info, t!(locale, "diff.fields-reworded")));
                }
            }
            ("processing", "retention") => retention(before, after, &change, locale, out),
            ("processing", "processors") => {
                let (gone, came) = set_difference(before, after);
                for id in came {
                    out.push(change(
                        Level::Attention,
                        t!(locale, "diff.processor-added", id = id),
                    ));
                }
                for id in gone {
                    out.push(change(
                        Level::Notable,
                        t!(locale, "diff.processor-removed", id = id),
                    ));
                }
            }
            ("processing", "recipients") => {
                let external =
                    |value: &Value| value.get("external").cloned().unwrap_or(Value::Null);
                let (_, came) = set_difference(&external(before), &external(after));
                for id in &came {
                    out.push(change(
                        Level::Attention,
                        t!(locale, "diff.recipient-added", id = id),
                    ));
                }
                if came.is_empty() {
                    out.push(generic(Level::Notable));
                }
            }
            ("processing", "transfers") => transfers(before, after, &change, locale, out),
            ("processing", "dpia") => {
                let status = |value: &Value| {
                    value
                        .get("status")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                };
                let rank = |status: &Option<String>| match status.as_deref() {
                    Some("done") | Some("not-required") => 3,
                    Some("planned") => 2,
                    Some("required") => 1,
                    _ => 0,
                };
                let (was, is) = (status(before), status(after));
                if rank(&is) < rank(&was) {
                    out.push(change(
                        Level::Attention,
                        t!(
                            locale,
                            "diff.dpia-worse",
                            before = was.unwrap_or_else(|| "—".into()),
                            after = is.unwrap_or_else(|| "—".into())
                        ),
                    ));
                } else {
                    out.push(generic(Level::Notable));
                }
            }
            ("charter", "commitments") => {
                let removed: Vec<String> = before
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(name, value)| {
                        let now = after.get(name.as_str()).unwrap_or(&null);
                        (value.as_bool() == Some(true) && now.as_bool() != Some(true))
                            || (!value.is_null() && !value.is_boolean() && now.is_null())
                    })
                    .map(|(name, _)| name.clone())
                    .collect();
                for name in &removed {
                    out.push(change(
                        Level::Attention,
                        t!(locale, "diff.commitment-removed", commitment = name),
                    ));
                }
                if removed.is_empty() {
                    out.push(generic(Level::Notable));
                }
            }
            (_, "purpose" | "description") => out.push(change(
                Level::Notable,
                t!(locale, "diff.purpose-changed", field = key),
            )),
            (_, "owner" | "last_reviewed" | "dpa" | "review_every") => {
                out.push(generic(Level::Notable))
            }
            (_, "name") => out.push(generic(Level::Info)),
            _ => out.push(generic(Level::Info)),
        }
    }
}

fn retention(
    before: &Value,
    after: &Value,
    change: &dyn Fn(Level, String) -> Change,
    locale: Locale,
    out: &mut Vec<Change>,
) {
    let rules = |value: &Value| -> BTreeMap<String, Value> {
        value
            .as_array()
            .into_iter()
            .flatten()
            .map(|rule| {
                let categories = rule
                    .get("categories")
                    .and_then(Value::as_array)
                    .map(|list| {
                        let mut names: Vec<String> = list
                            .iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect();
                        names.sort();
                        names.join(", ")
                    })
                    .unwrap_or_default();
                (categories, rule.clone())
            })
            .collect()
    };
    let (old, new) = (rules(before), rules(after));
    let mut said = false;
    for (categories, rule) in &new {
        let Some(was) = old.get(categories) else {
            said = true;
            out.push(change(
                Level::Notable,
                t!(locale, "diff.retention-added", categories = categories),
            ));
            continue;
        };
        let duration = |rule: &Value| {
            rule.get("duration")
                .and_then(Value::as_str)
                .and_then(|text| Duration::from_str(text).ok())
        };
        let text = |rule: &Value| {
            rule.get("duration")
                .and_then(Value::as_str)
                .unwrap_or("—")
                .to_owned()
        };
        if let (Some(a), Some(b)) = (duration(was), duration(rule))
            && a != b
        {
            said = true;
            let (level, key) = if b > a {
                (Level::Attention, "diff.retention-longer")
            } else {
                (Level::Notable, "diff.retention-shorter")
            };
            out.push(Change {
                before: Some(text(was)),
                after: Some(text(rule)),
                ..change(
                    level,
                    t!(
                        locale,
                        key,
                        categories = categories,
                        before = text(was),
                        after = text(rule)
                    ),
                )
            });
        }
        let then = |rule: &Value| {
            rule.get("then")
                .and_then(Value::as_str)
                .unwrap_or("delete")
                .to_owned()
        };
        if then(was) != then(rule) {
            said = true;
            let level = if then(was) == "delete" {
                Level::Attention
            } else {
                Level::Notable
            };
            out.push(change(
                level,
                t!(
                    locale,
                    "diff.retention-then",
                    categories = categories,
                    before = then(was),
                    after = then(rule)
                ),
            ));
        }
    }
    for categories in old.keys().filter(|key| !new.contains_key(*key)) {
        said = true;
        out.push(change(
            Level::Notable,
            t!(locale, "diff.retention-removed", categories = categories),
        ));
    }
    if !said {
        out.push(change(Level::Info, t!(locale, "diff.retention-reworded")));
    }
}

fn transfers(
    before: &Value,
    after: &Value,
    change: &dyn Fn(Level, String) -> Change,
    locale: Locale,
    out: &mut Vec<Change>,
) {
    let by_destination = |value: &Value| -> BTreeMap<String, Value> {
        value
            .as_array()
            .into_iter()
            .flatten()
            .map(|transfer| {
                let part = |key: &str| {
                    transfer
                        .get(key)
                        .and_then(Value::as_str)
                        .unwrap_or("?")
                        .to_owned()
                };
                (
                    format!("{} ({})", part("recipient"), part("country")),
                    transfer.clone(),
                )
            })
            .collect()
    };
    let (old, new) = (by_destination(before), by_destination(after));
    let mut said = false;
    for (to, transfer) in &new {
        match old.get(to) {
            None => {
                said = true;
                out.push(change(
                    Level::Attention,
                    t!(locale, "diff.transfer-added", to = to),
                ));
            }
            Some(was) if was.get("safeguard") != transfer.get("safeguard") => {
                said = true;
                out.push(change(
                    Level::Attention,
                    t!(locale, "diff.safeguard-changed", to = to),
                ));
            }
            Some(_) => {}
        }
    }
    for to in old.keys().filter(|key| !new.contains_key(*key)) {
        said = true;
        out.push(change(
            Level::Notable,
            t!(locale, "diff.transfer-removed", to = to),
        ));
    }
    if !said {
        out.push(change(Level::Info, t!(locale, "diff.transfers-reworded")));
    }
}

/// Categories that need the DPO: special categories (Art. 9), criminal data (Art. 10), the
/// national identification number (Art. 87).
fn is_sensitive(category: &str) -> bool {
    category.starts_with("special.")
        || category == "criminal"
        || category.starts_with("criminal.")
        || category == "national-id"
        || category.starts_with("national-id.")
}

/// (removed, added) scalar items of two arrays.
fn set_difference(before: &Value, after: &Value) -> (Vec<String>, Vec<String>) {
    let items = |value: &Value| -> BTreeSet<String> {
        value
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(shown)
            .collect()
    };
    let (a, b) = (items(before), items(after));
    (
        a.difference(&b).cloned().collect(),
        b.difference(&a).cloned().collect(),
    )
}

/// A value as a change shows it: text as is, the rest as compact JSON, at most 120 characters.
fn shown(value: &Value) -> Option<String> {
    let text = match value {
        Value::Null => return None,
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    Some(if text.chars().count() > 120 {
        let cut: String = text.chars().take(119).collect();
        format!("{cut}…")
    } else {
        text
    })
}

/// A finding fixed or introduced between the revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingChange {
    pub code: String,
    pub severity: crate::finding::Severity,
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The whole changelog.
#[derive(Debug, Clone, Serialize)]
pub struct Changelog {
    pub from: String,
    pub to: String,
    pub changes: Vec<Change>,
    pub fixed: Vec<FindingChange>,
    pub introduced: Vec<FindingChange>,
}

impl Changelog {
    pub fn count(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level == level).count()
    }
}

#[cfg(test)]
mod tests;
