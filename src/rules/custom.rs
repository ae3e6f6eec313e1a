//! Running the workspace's custom declarative rules (`X…`) over the documents' JSON values.

use super::{Context, Selection};
use crate::finding::{Finding, Location};
use crate::policy::{CompiledRule, Test, VALIDATION_BUDGET};
use serde_json::Value;

/// Evaluates every selected custom rule on the documents of its kind.
pub fn run(context: &Context<'_>, selection: &Selection, findings: &mut Vec<Finding>) {
    for rule in context.custom_rules {
        if !selection.is_enabled(&rule.code) {
            continue;
        }
        // What checking has cost so far, in schema nodes × value nodes.
        let mut spent: u64 = 0;
        for document in context.documents.iter().filter(|d| d.kind == rule.kind) {
            if !matches_filter(document.value, rule) {
                continue;
            }
            // `null` is how an absent optional key comes out of the typed document.
            let value = document.value.pointer(&rule.path).filter(|v| !v.is_null());
            if let (Test::Schema(_), Some(value)) = (&rule.test, value) {
                let size = nodes(value);
                let size = if rule.quadratic {
                    size.saturating_mul(size)
                } else {
                    size
                };
                spent = spent.saturating_add(size.saturating_mul(rule.weight as u64));
                if spent > VALIDATION_BUDGET {
                    findings.extend(over_budget(rule, document.file));
                    break;
                }
            }
            let failed = match (&rule.test, value) {
                (Test::Schema(validator), Some(value)) => !validator.is_valid(value),
                (Test::Schema(_), None) | (Test::Present, None) => true,
                (Test::Absent, Some(_)) => true,
                (Test::Absent, None) | (Test::Present, Some(_)) => false,
            };
            if failed {
                findings.push(finding(
                    rule,
                    document.file,
                    document.document,
                    document.value,
                    value,
                ));
            }
        }
    }
}

/// Nodes of a JSON value (counted without recursion: a value can be deep).
fn nodes(value: &Value) -> u64 {
    let mut count = 0;
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        count += 1;
        match value {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    count
}

/// The rule stopped: a finding on its declaration (the policy file), naming where it stopped.
fn over_budget(rule: &CompiledRule, file: &str) -> Option<Finding> {
    let location = rule.declared.at("/then/schema")?;
    Some(
        Finding::new(
            crate::schema::CODE,
            crate::schema::NAME,
            crate::finding::Severity::Error,
            location,
            format!(
                "custom rule {} was stopped at `{file}`: checking it costs more than {VALIDATION_BUDGET} steps (schema parts × document values; a datacharter default)",
                rule.code
            ),
        )
        .with_help(
            "make the schema smaller or the rule narrower (`where:`, a deeper `path`), so that it checks less of each document",
        ),
    )
}

/// `where: { purpose: newsletter }`: each key must equal the value, or contain it when the
/// document's value is a list.
fn matches_filter(document: &Value, rule: &CompiledRule) -> bool {
    rule.filter
        .iter()
        .all(|(key, wanted)| match document.get(key) {
            Some(Value::Array(items)) if !wanted.is_array() => items.contains(wanted),
            Some(actual) => actual == wanted,
            None => false,
        })
}

fn finding(
    rule: &CompiledRule,
    file: &str,
    document: usize,
    value: &Value,
    found: Option<&Value>,
) -> Finding {
    let id = value.get("id").and_then(Value::as_str).unwrap_or("(no id)");
    let shown = found.map_or_else(
        || "nothing".to_owned(),
        |v| match v {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        },
    );
    let message = rule
        .message
        .replace("{id}", id)
        .replace("{value}", &shown)
        .replace("{kind}", rule.kind.as_str())
        .replace("{path}", &rule.path);
    let declared = rule
        .declared
        .place
        .as_ref()
        .map_or_else(String::new, |place| {
            format!(" (declared in {})", place.file)
        });
    let help = rule
        .help
        .clone()
        .unwrap_or_else(|| format!("custom rule {} `{}`{declared}", rule.code, rule.name));
    Finding::new(
        rule.code.clone(),
        rule.name.clone(),
        rule.severity,
        Location::node(file, document, rule.path.clone()),
        message,
    )
    .with_label(format!("checked by custom rule `{}`", rule.name))
    .with_help(help)
}
