//! `datacharter policy show [PACK]`: the effective policy tables — the built-in packs merged
//! with the workspace's own — and where each entry comes from.

use super::CommandError;
use crate::policy::PolicyTables;
use serde::Serialize;
use serde_json::{Value, json};
use std::fmt::Write as _;

/// The tables `policy show` knows, by the pack that holds them.
pub const PACKS: &[(&str, &[&str])] = &[
    (
        "taxonomy",
        &["categories", "purposes", "subjects", "functions"],
    ),
    (
        "retention",
        &[
            "retention.references",
            "retention.ceilings",
            "retention.maxima",
        ],
    ),
    ("governance", &["governance"]),
    ("minimisation", &["minimisation"]),
    ("transfers", &["transfers.eea", "transfers.adequacy"]),
    ("rules", &["rules"]),
];

/// One table: its entries as JSON, each with `origin`.
fn table(tables: &PolicyTables, name: &str) -> Vec<Value> {
    fn entries<T: Serialize>(
        tables: &PolicyTables,
        table: &str,
        items: impl IntoIterator<Item = (String, T)>,
    ) -> Vec<Value> {
        items
            .into_iter()
            .map(|(id, item)| {
                let mut value = serde_json::to_value(item).unwrap_or(Value::Null);
                let origin = tables
                    .origins
                    .get(&(table.to_owned(), id.clone()))
                    .cloned()
                    .unwrap_or_default();
                if let Value::Object(map) = &mut value {
                    map.insert("origin".into(), Value::String(origin));
                }
                value
            })
            .collect()
    }
    match name {
        "categories" => entries(
            tables,
            name,
            tables.categories.iter().map(|(k, v)| (k.clone(), v)),
        ),
        "purposes" => entries(
            tables,
            name,
            tables.purposes.iter().map(|(k, v)| (k.clone(), v)),
        ),
        "subjects" => entries(
            tables,
            name,
            tables.subjects.iter().map(|(k, v)| (k.clone(), v)),
        ),
        "functions" => entries(
            tables,
            name,
            tables.functions.iter().map(|(k, v)| (k.clone(), v)),
        ),
        "retention.references" => entries(
            tables,
            name,
            tables
                .retention_references
                .iter()
                .map(|(k, v)| (k.clone(), v)),
        ),
        "retention.ceilings" => entries(
            tables,
            name,
            tables
                .retention_ceilings
                .iter()
                .map(|(k, v)| (k.clone(), v)),
        ),
        "retention.maxima" => entries(
            tables,
            name,
            tables.retention_maxima.iter().map(|(k, v)| (k.clone(), v)),
        ),
        "governance" => entries(
            tables,
            name,
            [("governance".to_owned(), &tables.governance)],
        ),
        "minimisation" => entries(
            tables,
            name,
            tables.minimisation.iter().map(|(k, v)| (k.clone(), v)),
        ),
        "transfers.eea" => vec![json!({ "countries": tables.transfers.eea })],
        "transfers.adequacy" => entries(
            tables,
            name,
            tables
                .transfers
                .adequacy
                .iter()
                .map(|d| (d.id.as_str().to_owned(), d)),
        ),
        "rules" => tables
            .custom_rules
            .iter()
            .map(|declared| {
                let mut value = serde_json::to_value(&declared.rule).unwrap_or(Value::Null);
                let origin = declared
                    .place
                    .as_ref()
                    .map_or_else(|| "built-in".to_owned(), |place| place.file.clone());
                if let Value::Object(map) = &mut value {
                    map.insert("origin".into(), Value::String(origin));
                }
                value
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The selected packs' tables as one JSON object: `{ "categories": [...], ... }`.
pub fn tables_json(tables: &PolicyTables, pack: Option<&str>) -> Result<Value, CommandError> {
    let selected: Vec<&str> = match pack {
        None => PACKS
            .iter()
            .flat_map(|(_, names)| names.iter().copied())
            .collect(),
        Some(pack) => match PACKS.iter().find(|(name, _)| *name == pack) {
            Some((_, names)) => names.to_vec(),
            None => {
                let names: Vec<&str> = PACKS.iter().map(|(name, _)| *name).collect();
                let hint = crate::suggest::closest(pack, names.iter().copied())
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                return Err(
                    format!("unknown pack `{pack}`{hint} (packs: {})", names.join(", ")).into(),
                );
            }
        },
    };
    let mut object = serde_json::Map::new();
    for name in selected {
        object.insert(name.to_owned(), Value::Array(table(tables, name)));
    }
    Ok(Value::Object(object))
}

/// A readable listing: one heading per table, one line per entry with its origin.
pub fn tables_text(tables: &Value, locale: crate::i18n::Locale) -> String {
    let mut out = String::new();
    let Some(object) = tables.as_object() else {
        return out;
    };
    for (name, entries) in object {
        let list = entries.as_array().map(Vec::as_slice).unwrap_or_default();
        let count = if list.len() == 1 {
            crate::t!(locale, "policy.entry")
        } else {
            crate::t!(locale, "policy.entries", count = list.len())
        };
        let _ = writeln!(out, "## {name} ({count})\n");
        for entry in list {
            let id = ["id", "code", "purpose"]
                .iter()
                .find_map(|key| entry.get(*key).and_then(Value::as_str))
                .unwrap_or("");
            let mut details = serde_json::Map::new();
            if let Some(map) = entry.as_object() {
                for (key, value) in map {
                    if !["id", "code", "purpose", "origin"].contains(&key.as_str()) {
                        details.insert(key.clone(), value.clone());
                    }
                }
            }
            let origin = entry.get("origin").and_then(Value::as_str).unwrap_or("");
            let details = Value::Object(details).to_string();
            if id.is_empty() {
                let _ = writeln!(out, "- {details}  [{origin}]");
            } else {
                let _ = writeln!(out, "- `{id}` {details}  [{origin}]");
            }
        }
        out.push('\n');
    }
    out
}

/// `datacharter policy show [PACK]`.
pub fn run_show(args: &crate::cli::PolicyShowArgs) -> Result<std::process::ExitCode, CommandError> {
    let (tables, settings_locale) = match super::load_for_reading(&args.workspace)? {
        Some(loaded) => (loaded.outcome.policy, loaded.workspace.settings.locale),
        None => (
            PolicyTables::build(
                crate::policy::builtin_packs()?,
                &crate::model::Inventory::default(),
            ),
            None,
        ),
    };
    let locale = crate::i18n::resolve(None, settings_locale);
    let value = tables_json(&tables, args.pack.as_deref())?;
    let text = match args.format {
        // Workspace packs' texts reach the terminal: escaped (JSON escapes what JSON needs).
        crate::cli::TableFormat::Text => {
            crate::report::sanitize::text(&tables_text(&value, locale)).into_owned()
        }
        crate::cli::TableFormat::Json => format!("{}\n", serde_json::to_string_pretty(&value)?),
    };
    crate::output::console::print(text)?;
    Ok(std::process::ExitCode::SUCCESS)
}
