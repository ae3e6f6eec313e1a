//! The `--format sarif` report: SARIF 2.1.0, as GitHub code scanning
//! (`github/codeql-action/upload-sarif`) and other SARIF viewers read it.
//!
//! One run; `tool.driver.rules` lists every rule that can fire, whether it fired or not, so that
//! viewers can show a rule's help for any result. Nothing depends on the time or the machine: two
//! runs on the same input give the same bytes.

use super::{Diagnostic, LocatedLabel, Report, Span, sanitize};
use crate::finding::Severity;
use crate::i18n::Locale;
use crate::rules::{Rule, Section};
use serde::{Serialize, Serializer};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Write};

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The base every result's `uri` is relative to; viewers map it to their checkout.
const SOURCE_ROOT: &str = "%SRCROOT%";

/// The log, serialized as it is written: results are built one at a time, so memory does not
/// grow with a second copy of every diagnostic as a JSON tree.
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Value,
    original_uri_base_ids: Value,
    column_kind: &'static str,
    results: Results<'a>,
}

struct Results<'a> {
    diagnostics: &'a [Diagnostic],
    /// Suppressed findings stay in the log, as results with `suppressions` (after the others).
    suppressed: &'a [super::SuppressedDiagnostic],
    rule_index: HashMap<&'a str, usize>,
    path_prefix: &'a str,
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let index = |code: &str| self.rule_index.get(code).copied();
        let shown = self
            .diagnostics
            .iter()
            .map(|diagnostic| result(diagnostic, index(&diagnostic.code), self.path_prefix));
        let suppressed = self.suppressed.iter().map(|suppressed| {
            let code = suppressed.diagnostic.code.as_str();
            suppressed_result(suppressed, index(code), self.path_prefix)
        });
        serializer.collect_seq(shown.chain(suppressed))
    }
}

/// Writes the report as SARIF. `rules` are the rules that can fire (the registry); a code that
/// fired without being among them (a custom rule) gets a descriptor of its own. `path_prefix`
/// is put before each workspace-relative file so that the `uri` is relative to the repository
/// root (see [`super::repository_prefix`]).
pub fn render_sarif(
    report: &Report,
    rules: &[&Rule],
    path_prefix: &str,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut descriptors: Vec<Value> = rules.iter().map(|rule| rule_descriptor(rule)).collect();
    let mut rule_index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(index, rule)| (rule.code, index))
        .collect();
    let suppressed = report.suppressed.iter().map(|s| &s.diagnostic);
    for diagnostic in report.diagnostics.iter().chain(suppressed) {
        if !rule_index.contains_key(diagnostic.code.as_str()) {
            rule_index.insert(&diagnostic.code, descriptors.len());
            descriptors.push(json!({
                "id": diagnostic.code,
                "name": diagnostic.name,
                "shortDescription": { "text": diagnostic.name },
            }));
        }
    }
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: json!({
                "driver": {
                    "name": env!("CARGO_PKG_NAME"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": descriptors,
                }
            }),
            original_uri_base_ids: json!({
                // No `uri`: an absolute path would differ between machines and runs.
                SOURCE_ROOT: { "description": { "text": "The root of the repository that holds the workspace." } }
            }),
            column_kind: "unicodeCodePoints",
            results: Results {
                diagnostics: &report.diagnostics,
                suppressed: &report.suppressed,
                rule_index,
                path_prefix,
            },
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// A suppressed finding: a result with `suppressions` (SARIF 2.1.0 §3.35), `inSource` for a
/// comment in the file, `external` for the settings' `per-file-ignores`.
fn suppressed_result(
    suppressed: &super::SuppressedDiagnostic,
    rule_index: Option<usize>,
    path_prefix: &str,
) -> Value {
    let mut value = result(&suppressed.diagnostic, rule_index, path_prefix);
    let mut suppression = json!({
        "kind": if suppressed.in_source { "inSource" } else { "external" },
        "status": "accepted",
    });
    if let (Some(reason), Some(object)) = (&suppressed.reason, suppression.as_object_mut()) {
        object.insert(
            "justification".to_owned(),
            json!(super::sanitize::text(reason)),
        );
    }
    if let Some(object) = value.as_object_mut() {
        object.insert("suppressions".to_owned(), json!([suppression]));
    }
    value
}

fn rule_descriptor(rule: &Rule) -> Value {
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary() },
        "fullDescription": { "text": full_description(rule) },
        "help": {
            "text": format!(
                "{}\n\nHow to fix: {}",
                rule.text(Section::What, Locale::En).trim(),
                rule.text(Section::Fix, Locale::En).trim()
            ),
            "markdown": crate::commands::rule::markdown(rule, Locale::En),
        },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "tags": [rule.family.slug()] },
    })
}

fn full_description(rule: &Rule) -> String {
    let what = rule.text(Section::What, Locale::En).trim();
    let legal = rule.text(Section::Legal, Locale::En);
    if legal.is_empty() {
        what.to_owned()
    } else {
        format!("{what} ({legal})")
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(diagnostic: &Diagnostic, rule_index: Option<usize>, path_prefix: &str) -> Value {
    let mut message = sanitize::text(&diagnostic.message).into_owned();
    if let Some(help) = &diagnostic.help {
        message.push_str("\n\nhelp: ");
        message.push_str(&sanitize::text(help));
    }
    let mut result = json!({
        "ruleId": diagnostic.code,
        "level": level(diagnostic.severity),
        "message": { "text": message },
        "locations": [physical_location(&diagnostic.file, &diagnostic.span, path_prefix)],
        "partialFingerprints": {
            "datacharter/v1": fingerprint(diagnostic),
            crate::finding_key::VERSION: diagnostic.key.fingerprint(),
        },
    });
    if let (Some(index), Some(object)) = (rule_index, result.as_object_mut()) {
        object.insert("ruleIndex".to_owned(), json!(index));
    }
    if !diagnostic.labels.is_empty()
        && let Some(object) = result.as_object_mut()
    {
        let related: Vec<Value> = diagnostic
            .labels
            .iter()
            .enumerate()
            .map(|(id, label)| related_location(id, label, path_prefix))
            .collect();
        object.insert("relatedLocations".to_owned(), Value::Array(related));
    }
    result
}

fn related_location(id: usize, label: &LocatedLabel, path_prefix: &str) -> Value {
    let mut location = physical_location(&label.file, &label.span, path_prefix);
    if let Some(object) = location.as_object_mut() {
        object.insert("id".to_owned(), json!(id));
        object.insert(
            "message".to_owned(),
            json!({ "text": sanitize::text(&label.message) }),
        );
    }
    location
}

/// Every location has a region: a finding on a whole file is at line 1, column 1. The `uri`
/// is a URI reference (RFC 3986): a space, `#`, `%` or `?` in a file name is percent-encoded.
fn physical_location(file: &str, span: &Span, path_prefix: &str) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": sanitize::uri_path(&format!("{path_prefix}{file}")), "uriBaseId": SOURCE_ROOT },
            "region": {
                "startLine": span.start.line,
                "startColumn": span.start.column,
                "endLine": span.end.line,
                "endColumn": span.end.column,
            }
        }
    })
}

/// Identifies a finding across commits by what it is about (code, file, pointer, message)
/// rather than by its line, so that code scanning keeps tracking it when lines move above it.
fn fingerprint(diagnostic: &Diagnostic) -> String {
    let place = match &diagnostic.pointer {
        Some(pointer) => pointer.clone(),
        None => format!("line {}", diagnostic.span.start.line),
    };
    let document = diagnostic
        .document
        .map(|d| d.to_string())
        .unwrap_or_default();
    let key = [
        diagnostic.code.as_str(),
        diagnostic.file.as_str(),
        document.as_str(),
        place.as_str(),
        diagnostic.message.as_str(),
    ]
    .join("\0");
    format!("{:016x}", fnv1a(key.as_bytes()))
}

/// FNV-1a, 64 bits: small, stable across Rust versions (unlike `DefaultHasher`).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
