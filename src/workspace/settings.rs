//! Loading `datacharter.yaml`: parse, check against the settings schema and check its globs,
//! then deserialize. Any problem is a finding rendered like a workspace finding (exit 2).

use super::WorkspaceError;
use super::files::{DEFAULT_INCLUDE, Matcher, compile_glob};
use super::read::{DEFAULT_MAX_FILE_SIZE, read_bounded};
use crate::finding::{Finding, Location, Severity};
use crate::i18n::Locale;
use crate::model::{Settings, settings_from_value};
use crate::schema::validate_settings;
use crate::syntax::{self, Limits, escape_token};
use glob::Pattern;
use serde_json::{Map, Value};
use std::path::Path;

/// The settings file's findings are in English: they are made before the settings say
/// which language the run speaks.
const SETTINGS_LOCALE: Locale = Locale::En;

/// Settings ready for use, with their globs compiled.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub settings: Settings,
    pub matcher: Matcher,
}

/// `--no-config`: default settings.
pub(crate) fn defaults(settings_name: &str) -> Loaded {
    let mut findings = Vec::new();
    let empty = Value::Object(Map::new());
    Loaded {
        settings: Settings::default(),
        matcher: matcher_from(settings_name, &empty, &mut findings),
    }
}

/// Reads the settings file at `path`; `name` is its path relative to the root.
pub(crate) fn load(path: &Path, name: &str) -> Result<Loaded, WorkspaceError> {
    // The settings file is bounded like any other: a huge one is a mistake, not a config.
    let bytes = read_bounded(path, DEFAULT_MAX_FILE_SIZE).map_err(|problem| {
        WorkspaceError::UnreadableSettings {
            path: path.to_path_buf(),
            problem,
        }
    })?;
    let parsed = syntax::parse(name, &bytes, &Limits::default());
    let invalid = |parsed, findings| WorkspaceError::InvalidSettings {
        file: Box::new(parsed),
        findings,
    };
    if !parsed.findings.is_empty() {
        // Schema errors on a document that did not parse would only add noise.
        let findings = parsed.findings.clone();
        return Err(invalid(parsed, findings));
    }

    let mut findings = Vec::new();
    let value = match parsed.documents.first() {
        // An empty file or one holding only comments is an empty mapping.
        None => Value::Object(Map::new()),
        Some(document) if document.value.is_null() => Value::Object(Map::new()),
        Some(document) => document.value.clone(),
    };
    if let Some(extra) = parsed.documents.get(1) {
        findings.push(violation(
            Location::node(name, extra.index, ""),
            crate::t!(
                SETTINGS_LOCALE,
                "DC002.settings-single-document",
                file = name
            ),
        ));
    }
    findings.extend(validate_settings(name, &value));
    let matcher = matcher_from(name, &value, &mut findings);
    if !findings.is_empty() {
        return Err(invalid(parsed, findings));
    }
    match settings_from_value(&value) {
        Ok(settings) => Ok(Loaded { settings, matcher }),
        // The schema is generated from `Settings`, so this means the two disagree; still a
        // finding rather than a crash.
        Err(error) => {
            let finding = violation(Location::node(name, 0, ""), error.to_string());
            Err(invalid(parsed, vec![finding]))
        }
    }
}

/// Compiles `include` (default `DEFAULT_INCLUDE`) and `exclude`, and checks the globs of
/// `rules.per-file-ignores`; each bad glob is a finding on its own node. Values of the wrong
/// type are skipped here: the schema reports them.
fn matcher_from(file: &str, settings: &Value, findings: &mut Vec<Finding>) -> Matcher {
    let include = match settings.get("include") {
        Some(value) => compile_list(file, "include", value, findings),
        None => DEFAULT_INCLUDE
            .iter()
            .filter_map(|glob| Pattern::new(glob).ok())
            .collect(),
    };
    let exclude = settings
        .get("exclude")
        .map(|value| compile_list(file, "exclude", value, findings))
        .unwrap_or_default();
    if let Some(Value::Object(ignores)) = settings.pointer("/rules/per-file-ignores") {
        for glob in ignores.keys() {
            if let Err(message) = compile_glob(glob) {
                let pointer = format!("/rules/per-file-ignores/{}", escape_token(glob));
                findings.push(glob_violation(
                    Location::node(file, 0, pointer).on_key(),
                    message,
                ));
            }
        }
    }
    Matcher {
        include,
        exclude,
        settings_name: file.to_owned(),
    }
}

fn compile_list(file: &str, key: &str, value: &Value, findings: &mut Vec<Finding>) -> Vec<Pattern> {
    let Value::Array(items) = value else {
        return Vec::new();
    };
    let mut patterns = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let Some(text) = item.as_str() else { continue };
        match compile_glob(text) {
            Ok(pattern) => patterns.push(pattern),
            Err(message) => findings.push(glob_violation(
                Location::node(file, 0, format!("/{key}/{index}")),
                message,
            )),
        }
    }
    patterns
}

fn glob_violation(location: Location, message: String) -> Finding {
    violation(location, message).with_help(crate::t!(SETTINGS_LOCALE, "DC002.glob-help"))
}

fn violation(location: Location, message: String) -> Finding {
    Finding::new(
        "DC002",
        "schema-violation",
        Severity::Error,
        location,
        message,
    )
}
