//! Custom declarative rules: checked and compiled once, before any document is evaluated.
//! A rule that is itself invalid is a finding on its declaration in the policy file.

use super::DeclaredRule;
use crate::finding::{Finding, Severity};
use crate::model::DocumentKind;
use crate::rules::REGISTRY;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// What the value at the rule's path must satisfy.
pub enum Test {
    Schema(Box<jsonschema::Validator>),
    Absent,
    Present,
}

/// A custom rule ready to run.
pub struct CompiledRule {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub kind: DocumentKind,
    pub filter: Map<String, Value>,
    pub path: String,
    pub test: Test,
    pub declared: DeclaredRule,
}

impl std::fmt::Debug for CompiledRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledRule")
            .field("code", &self.code)
            .finish_non_exhaustive()
    }
}

/// Compiles every declared custom rule; invalid ones become findings and are left out.
pub fn compile_custom_rules(declared: &[DeclaredRule]) -> (Vec<CompiledRule>, Vec<Finding>) {
    let mut compiled = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<String, &DeclaredRule> = HashMap::new();
    for entry in declared {
        let rule = &entry.rule;
        let code = rule.code.as_str().to_owned();
        let problem = |pointer: &str, message: String, help: &str| -> Option<Finding> {
            entry.at(pointer).map(|location| {
                Finding::new(
                    crate::schema::CODE,
                    crate::schema::NAME,
                    Severity::Error,
                    location,
                    message,
                )
                .with_help(help.to_owned())
            })
        };
        if let Some(first) = seen.get(&code) {
            let location = entry.at("/code");
            if let Some(location) = location {
                let mut finding = Finding::new(
                    "DC004",
                    "duplicate-id",
                    Severity::Error,
                    location,
                    format!("the custom rule code `{code}` is declared twice"),
                )
                .with_label("second declaration")
                .with_help("give each custom rule its own code");
                if let Some(first) = first.at("/code") {
                    finding = finding.with_secondary(first, "first declared here");
                }
                problems.push(finding);
            }
            continue;
        }
        if REGISTRY.iter().any(|builtin| builtin.code == code) {
            problems.extend(problem(
                "/code",
                format!("`{code}` is a built-in rule's code"),
                "custom rules use the `X` namespace, like `X001`",
            ));
            continue;
        }
        seen.insert(code.clone(), entry);
        if let Err(why) = check_pointer(&rule.then.path) {
            problems.extend(problem("/then/path", why, "a JSON pointer starts with `/` and escapes `~` as `~0` and `/` as `~1`, e.g. `/consent/mechanism`"));
            continue;
        }
        let tests = usize::from(rule.then.schema.is_some())
            + usize::from(rule.then.absent)
            + usize::from(rule.then.present);
        if tests != 1 {
            problems.extend(problem(
                "/then",
                "`then` needs exactly one of `schema`, `absent: true` or `present: true`".into(),
                "e.g. `then: { path: /consent/mechanism, schema: { const: double-opt-in } }`",
            ));
            continue;
        }
        let test = match &rule.then.schema {
            Some(schema) => match jsonschema::options().offline().build(schema) {
                Ok(validator) => Test::Schema(Box::new(validator)),
                Err(error) => {
                    problems.extend(problem(
                        "/then/schema",
                        format!("this JSON Schema is invalid: {error}"),
                        "write a JSON Schema (draft 2020-12) fragment, e.g. `{ const: double-opt-in }` or `{ type: string, minLength: 1 }`; `$ref` to other files or URLs is not allowed",
                    ));
                    continue;
                }
            },
            None if rule.then.absent => Test::Absent,
            None => Test::Present,
        };
        compiled.push(CompiledRule {
            code,
            name: rule.name.as_str().to_owned(),
            severity: rule.severity.into(),
            message: rule.message.clone(),
            help: rule.help.clone(),
            kind: rule.given.kind,
            filter: rule.given.filter.clone(),
            path: rule.then.path.clone(),
            test,
            declared: entry.clone(),
        });
    }
    (compiled, problems)
}

/// RFC 6901: empty, or `/`-separated tokens where `~` is followed by `0` or `1`.
fn check_pointer(pointer: &str) -> Result<(), String> {
    if !pointer.is_empty() && !pointer.starts_with('/') {
        return Err(format!(
            "`{pointer}` is not a JSON pointer: it must start with `/`"
        ));
    }
    let mut chars = pointer.chars();
    while let Some(c) = chars.next() {
        if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
            return Err(format!(
                "`{pointer}` is not a JSON pointer: `~` must be followed by `0` or `1`"
            ));
        }
    }
    Ok(())
}
