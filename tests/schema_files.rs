//! The committed JSON Schemas under `schemas/` must match what the model generates, and the
//! shipped YAML (built-in policy packs, examples) must satisfy them.
//!
//! Regenerate the files with `cargo run -- schema --out schemas` (or run this test with
//! `DATACHARTER_UPDATE_SCHEMAS=1`).

use datacharter::schema::{
    DOCUMENT_SCHEMA_FILE, SETTINGS_SCHEMA_FILE, document_schema, settings_schema, to_pretty_json,
    validate_document, write_schemas,
};
use std::path::{Path, PathBuf};

fn schemas_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas")
}

#[test]
fn committed_schemas_are_up_to_date() {
    if std::env::var_os("DATACHARTER_UPDATE_SCHEMAS").is_some()
        && let Err(error) = write_schemas(&schemas_dir())
    {
        panic!("cannot write schemas/: {error}");
    }
    let mut stale = Vec::new();
    for (name, schema) in [
        (DOCUMENT_SCHEMA_FILE, document_schema()),
        (SETTINGS_SCHEMA_FILE, settings_schema()),
    ] {
        let expected = match to_pretty_json(&schema) {
            Ok(text) => text,
            Err(error) => panic!("cannot serialise {name}: {error}"),
        };
        let committed = std::fs::read_to_string(schemas_dir().join(name)).unwrap_or_default();
        if committed != expected {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "schemas/{} out of date with the model; regenerate with `cargo run -- schema --out schemas` \
         (or `DATACHARTER_UPDATE_SCHEMAS=1 cargo test --test schema_files`) and commit the result",
        stale.join(", schemas/")
    );
}

#[test]
fn schemas_dir_holds_exactly_the_generated_files() {
    let mut names: Vec<String> = std::fs::read_dir(schemas_dir())
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    assert_eq!(names, [DOCUMENT_SCHEMA_FILE, SETTINGS_SCHEMA_FILE]);
}

/// The built-in packs are `kind: policy` documents: the same schema checks them.
#[test]
fn builtin_policy_packs_satisfy_the_schema() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut checked = 0;
    for entry in std::fs::read_dir(&rules).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|ext| ext != "yaml") {
            continue;
        }
        let name = format!("rules/{}", entry.file_name().to_string_lossy());
        let bytes = std::fs::read(&path).unwrap_or_default();
        let parsed = datacharter::syntax::parse(&name, &bytes, &Default::default());
        assert_eq!(parsed.findings, vec![], "{name}");
        for document in &parsed.documents {
            let findings = validate_document(&name, document.index, &document.value);
            let messages: Vec<String> = findings
                .iter()
                .map(|f| format!("{}: {}", f.location.pointer().unwrap_or(""), f.message))
                .collect();
            assert_eq!(messages, Vec::<String>::new(), "{name}");
            let typed = datacharter::model::from_value(&document.value);
            assert!(typed.is_ok(), "{name}: {typed:?}");
            checked += 1;
        }
    }
    assert!(checked > 0, "no policy pack found under rules/");
}
