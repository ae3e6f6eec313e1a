//! Custom declarative rules: checked and compiled once, before any document is evaluated.
//! A rule that is itself invalid is a finding on its declaration in the policy file.

use super::DeclaredRule;
use crate::finding::{Finding, Severity};
use crate::model::DocumentKind;
use crate::rules::REGISTRY;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// Deepest nesting of a custom rule's schema (a datacharter default).
pub const MAX_SCHEMA_DEPTH: usize = 32;
/// Most `$ref`s in a custom rule's schema (a datacharter default).
pub const MAX_SCHEMA_REFS: usize = 64;
/// Most schema nodes once every `$ref` is followed (a datacharter default): a schema whose
/// references double at each level grows exponentially, and is refused at compile time.
pub const MAX_SCHEMA_WEIGHT: usize = 10_000;
/// A rule's validation budget over the whole workspace, in schema nodes × document nodes
/// (a datacharter default); past it, the rule stops and says so on its declaration.
pub const VALIDATION_BUDGET: u64 = 50_000_000;

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
    /// The schema's nodes with every `$ref` followed (see [`MAX_SCHEMA_WEIGHT`]); 1 for the
    /// other tests.
    pub weight: usize,
    /// `uniqueItems` compares every pair of items: checking costs the square of a list.
    pub quadratic: bool,
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
        let mut weight = 1;
        if let Some(schema) = &rule.then.schema {
            match schema_weight(schema) {
                Ok(counted) => weight = counted,
                Err(why) => {
                    problems.extend(problem(
                        "/then/schema",
                        why,
                        "keep a custom rule's schema small: a fragment such as `{ const: double-opt-in }` or `{ type: string, minLength: 1 }`, with `$ref` only to `#/$defs/…` of the same schema",
                    ));
                    continue;
                }
            }
        }
        let quadratic = rule
            .then
            .schema
            .as_ref()
            .is_some_and(|schema| schema.to_string().contains("\"uniqueItems\""));
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
            weight,
            quadratic,
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

/// The size of a schema with every local `$ref` followed, refusing one nested deeper than
/// [`MAX_SCHEMA_DEPTH`], with more than [`MAX_SCHEMA_REFS`] references or weighing more than
/// [`MAX_SCHEMA_WEIGHT`]. Each node is weighed once (memoised), so the check is linear in the
/// schema even when its expansion is exponential; a reference back to a node being weighed
/// (recursion) counts 1, since a recursive schema costs one level per level of the value.
pub fn schema_weight(schema: &Value) -> Result<usize, String> {
    let mut weigher = Weigher {
        root: schema,
        memo: HashMap::new(),
        visiting: HashSet::new(),
        refs: 0,
    };
    weigher.weigh(schema, 0)
}

struct Weigher<'a> {
    root: &'a Value,
    memo: HashMap<*const Value, usize>,
    visiting: HashSet<*const Value>,
    refs: usize,
}

impl<'a> Weigher<'a> {
    fn weigh(&mut self, node: &'a Value, depth: usize) -> Result<usize, String> {
        if depth > MAX_SCHEMA_DEPTH {
            return Err(format!(
                "this schema is nested more than {MAX_SCHEMA_DEPTH} levels deep once its `$ref`s are followed (a datacharter default for custom rules)"
            ));
        }
        let key: *const Value = node;
        if let Some(weight) = self.memo.get(&key) {
            return Ok(*weight);
        }
        if !self.visiting.insert(key) {
            return Ok(1);
        }
        let mut weight: usize = 1;
        let children: Vec<(Option<&str>, &'a Value)> = match node {
            Value::Object(map) => map.iter().map(|(k, v)| (Some(k.as_str()), v)).collect(),
            Value::Array(items) => items.iter().map(|v| (None, v)).collect(),
            _ => Vec::new(),
        };
        for (key, child) in children {
            let part = match (key, child) {
                (Some("$dynamicRef" | "$recursiveRef"), _) => {
                    return Err("custom rules do not allow `$dynamicRef` or `$recursiveRef`; use `$ref` to `#/$defs/…`".to_owned());
                }
                (Some("$ref"), Value::String(reference)) => {
                    self.refs += 1;
                    if self.refs > MAX_SCHEMA_REFS {
                        return Err(format!(
                            "this schema has more than {MAX_SCHEMA_REFS} `$ref`s (a datacharter default for custom rules)"
                        ));
                    }
                    match reference.strip_prefix('#') {
                        Some(pointer) if pointer.is_empty() || pointer.starts_with('/') => {
                            match self.root.pointer(pointer) {
                                Some(target) => 1 + self.weigh(target, depth + 1)?,
                                // A dangling reference: the compiler says so.
                                None => 1,
                            }
                        }
                        Some(_) => {
                            return Err(format!(
                                "`$ref: {reference}` names an anchor; custom rules use JSON pointers such as `#/$defs/name`"
                            ));
                        }
                        // Another document: the offline compiler refuses it.
                        None => 1,
                    }
                }
                (_, child) => self.weigh(child, depth + 1)?,
            };
            weight = weight.saturating_add(part);
            if weight > MAX_SCHEMA_WEIGHT {
                return Err(format!(
                    "this schema expands to more than {MAX_SCHEMA_WEIGHT} parts once its `$ref`s are followed (a datacharter default for custom rules)"
                ));
            }
        }
        self.visiting.remove(&key);
        self.memo.insert(key, weight);
        Ok(weight)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `$defs.l0` refers twice to `l1`, which refers twice to `l2`, and so on.
    fn doubling(levels: usize) -> Value {
        let mut defs = Map::new();
        for level in 0..levels {
            let next = format!("#/$defs/l{}", level + 1);
            defs.insert(
                format!("l{level}"),
                json!({ "allOf": [{ "$ref": next }, { "$ref": next }] }),
            );
        }
        defs.insert(format!("l{levels}"), json!({ "type": "string" }));
        json!({ "$ref": "#/$defs/l0", "$defs": defs })
    }

    #[test]
    fn small_schemas_weigh_little() {
        assert_eq!(schema_weight(&json!({ "const": "x" })), Ok(2));
        assert!(schema_weight(&doubling(3)).is_ok());
    }

    #[test]
    fn doubled_references_are_refused_before_compiling() {
        let error = schema_weight(&doubling(40)).err().unwrap_or_default();
        assert!(error.contains("`$ref`"), "{error}");
    }

    #[test]
    fn a_long_chain_of_references_is_refused() {
        let mut defs = Map::new();
        for link in 0..100_000 {
            defs.insert(
                format!("d{link}"),
                json!({ "$ref": format!("#/$defs/d{}", link + 1) }),
            );
        }
        let schema = json!({ "$ref": "#/$defs/d0", "$defs": defs });
        assert!(schema_weight(&schema).is_err());
    }

    #[test]
    fn recursion_counts_once() {
        let tree = json!({
            "$defs": { "node": { "type": "array", "items": { "$ref": "#/$defs/node" } } },
            "$ref": "#/$defs/node"
        });
        assert!(schema_weight(&tree).is_ok());
    }
}
