//! Generation of the JSON Schemas from the model types.

use crate::model::{
    Charter, DocumentKind, Organisation, Party, Policy, Processing, Settings, Source,
};
use schemars::Schema;
use schemars::generate::{SchemaGenerator, SchemaSettings};
use schemars::transform::{Transform, transform_subschemas};
use serde_json::{Map, Value, json};
use std::io;
use std::path::{Path, PathBuf};

pub const DOCUMENT_SCHEMA_FILE: &str = "document.schema.json";
pub const SETTINGS_SCHEMA_FILE: &str = "settings.schema.json";
const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// The `$defs` name of each kind's schema.
pub(crate) fn definition_name(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Organisation => "Organisation",
        DocumentKind::Party => "Party",
        DocumentKind::Source => "Source",
        DocumentKind::Processing => "Processing",
        DocumentKind::Charter => "Charter",
        DocumentKind::Policy => "Policy",
    }
}

fn generator() -> SchemaGenerator {
    SchemaSettings::draft2020_12()
        .with_transform(DropNull)
        .with_transform(UnwrapDescriptions)
        .into_generator()
}

/// The schema of any workspace document: `kind` picks one of the per-kind schemas in `$defs`
/// through `if`/`then`, so an editor completes the keys of the kind being written and a
/// validator reports errors against that kind alone.
pub fn document_schema() -> Value {
    let mut generator = generator();
    let kinds = [
        (
            DocumentKind::Organisation,
            generator.subschema_for::<Organisation>(),
        ),
        (DocumentKind::Party, generator.subschema_for::<Party>()),
        (DocumentKind::Source, generator.subschema_for::<Source>()),
        (
            DocumentKind::Processing,
            generator.subschema_for::<Processing>(),
        ),
        (DocumentKind::Charter, generator.subschema_for::<Charter>()),
        (DocumentKind::Policy, generator.subschema_for::<Policy>()),
    ];
    let branches: Vec<Value> = kinds
        .iter()
        .map(|(kind, reference)| {
            json!({
                "if": {
                    "properties": { "kind": { "const": kind.as_str() } },
                    "required": ["kind"],
                },
                "then": reference,
            })
        })
        .collect();
    let kind_names: Vec<&str> = DocumentKind::ALL.iter().map(|kind| kind.as_str()).collect();
    json!({
        "$schema": DRAFT_2020_12,
        "title": "datacharter document",
        "description": "One YAML document of a datacharter workspace. Its `kind` says what it describes: the organisation, a party, a data source, a processing activity, the data charter, or a policy pack.",
        "type": "object",
        "required": ["kind"],
        "properties": {
            "kind": {
                "description": "What this document describes.",
                "enum": kind_names,
            },
        },
        "allOf": branches,
        "$defs": sorted(generator.take_definitions(true)),
    })
}

/// The schema of `datacharter.yaml`.
pub fn settings_schema() -> Value {
    let mut generator = generator();
    let generated = generator.root_schema_for::<Settings>().to_value();
    // The header keys first, then the body as generated: easier to read at the top of the file.
    let mut root = Map::new();
    root.insert("$schema".into(), json!(DRAFT_2020_12));
    root.insert(
        "title".into(),
        json!("datacharter settings (datacharter.yaml)"),
    );
    if let Value::Object(body) = generated {
        for (key, value) in body {
            match key.as_str() {
                "$schema" | "title" => {}
                "$defs" => {
                    if let Value::Object(definitions) = value {
                        root.insert(key, sorted(definitions));
                    }
                }
                _ => {
                    root.insert(key, value);
                }
            }
        }
    }
    Value::Object(root)
}

/// Writes `document.schema.json` and `settings.schema.json` into `dir` (created if needed):
/// pretty JSON with a trailing newline, so the committed files diff cleanly.
pub fn write_schemas(dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, schema) in [
        (DOCUMENT_SCHEMA_FILE, document_schema()),
        (SETTINGS_SCHEMA_FILE, settings_schema()),
    ] {
        let path = dir.join(name);
        // Atomic, and never through a link committed in place of a schema file.
        crate::output::write_atomically(&path, to_pretty_json(&schema)?.as_bytes())
            .map_err(|error| io::Error::new(error.kind(), error.to_string()))?;
        written.push(path);
    }
    Ok(written)
}

/// The exact text `write_schemas` writes for a schema.
pub fn to_pretty_json(schema: &Value) -> io::Result<String> {
    let mut text = serde_json::to_string_pretty(schema).map_err(io::Error::other)?;
    text.push('\n');
    Ok(text)
}

/// Definitions in name order, so the output does not depend on generation order.
fn sorted(definitions: Map<String, Value>) -> Value {
    let mut entries: Vec<(String, Value)> = definitions.into_iter().collect();
    entries.sort_by(|(a, _), (b, _)| a.cmp(b));
    Value::Object(entries.into_iter().collect())
}

/// Removes the `null` that schemars allows for every `Option` field.
///
/// An empty YAML value (`dpo:`) should be reported as a missing value of the right type, not
/// silently read as "absent"; and without the `null` branch an optional reference stays a
/// plain `$ref`, so errors name what is expected instead of "not valid under any of the given
/// schemas". A field whose schema says `"x-nullable": true` keeps its `null`.
#[derive(Clone)]
struct DropNull;

impl Transform for DropNull {
    fn transform(&mut self, schema: &mut Schema) {
        transform_subschemas(self, schema);
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        if object.get("x-nullable") == Some(&Value::Bool(true)) {
            return;
        }
        if let Some(Value::Array(types)) = object.get_mut("type") {
            types.retain(|kind| kind != "null");
            if let [single] = types.as_slice() {
                let single = single.clone();
                object.insert("type".into(), single);
            }
        }
        let Some(Value::Array(branches)) = object.get("anyOf") else {
            return;
        };
        let is_null = |branch: &Value| branch.get("type") == Some(&json!("null"));
        let rest: Vec<Value> = branches.iter().filter(|b| !is_null(b)).cloned().collect();
        if rest.len() == branches.len() {
            return;
        }
        object.remove("anyOf");
        match <[Value; 1]>::try_from(rest) {
            // The single remaining branch's keywords move up beside the field's description.
            Ok([Value::Object(branch)]) => {
                for (key, value) in branch {
                    object.entry(key).or_insert(value);
                }
            }
            Ok([other]) => {
                object.insert("allOf".into(), json!([other]));
            }
            Err(rest) => {
                object.insert("anyOf".into(), Value::Array(rest));
            }
        }
    }
}

/// Joins the lines of descriptions taken from doc comments: the wrapping of the Rust source
/// means nothing in an editor's tooltip. Blank lines (paragraphs) stay.
#[derive(Clone)]
struct UnwrapDescriptions;

impl Transform for UnwrapDescriptions {
    fn transform(&mut self, schema: &mut Schema) {
        transform_subschemas(self, schema);
        if let Some(Value::String(description)) = schema.get_mut("description") {
            *description = description
                .split("\n\n")
                .map(|paragraph| {
                    paragraph
                        .split('\n')
                        .map(str::trim)
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join("\n\n");
        }
    }
}
