//! DC002 schema-violation: validate a value against its schema and explain every error in
//! words a non-programmer understands, at the node it concerns.
//!
//! A document is first checked for a usable `kind`, then validated against that kind's schema
//! alone, so errors are precise ("unknown key `retension`") instead of the union's "not valid
//! under any of the given schemas".

use super::generate::{definition_name, document_schema, settings_schema};
use crate::finding::{Finding, Location, Severity};
use crate::model::{Date, DocumentKind, Duration, RuleCode};
use crate::suggest::closest;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub const CODE: &str = "DC002";
pub const NAME: &str = "schema-violation";

/// A compiled validator and the schema it came from (to read allowed keys, enum values and
/// descriptions when explaining an error).
struct Compiled {
    validator: Validator,
    schema: Value,
}

/// Everything compiled once per process. Building can only fail if the generated schema is
/// broken, which a unit test rules out; the error is still reported rather than panicking.
struct Validators {
    documents: Result<BTreeMap<DocumentKind, Compiled>, String>,
    settings: Result<Compiled, String>,
}

fn validators() -> &'static Validators {
    static VALIDATORS: OnceLock<Validators> = OnceLock::new();
    VALIDATORS.get_or_init(|| {
        let documents = document_schema();
        let by_kind = DocumentKind::ALL
            .into_iter()
            .map(|kind| {
                let schema = json!({
                    "$schema": documents.get("$schema"),
                    "$ref": format!("#/$defs/{}", definition_name(kind)),
                    "$defs": documents.get("$defs"),
                });
                compile(schema).map(|compiled| (kind, compiled))
            })
            .collect();
        Validators {
            documents: by_kind,
            settings: compile(settings_schema()),
        }
    })
}

fn compile(schema: Value) -> Result<Compiled, String> {
    jsonschema::options()
        // Every `$ref` is local; refuse to fetch anything, whatever the schema says.
        .offline()
        // Dates carry `format: date`, so `2023-02-30` is caught here and not by serde later.
        .should_validate_formats(true)
        .build(&schema)
        .map(|validator| Compiled { validator, schema })
        .map_err(|error| format!("the built-in schema does not compile: {error}"))
}

/// Validates one document of `file` (0-based `document` index) and returns every DC002.
pub fn validate_document(file: &str, document: usize, value: &Value) -> Vec<Finding> {
    let report = Report { file, document };
    let Some(object) = value.as_object() else {
        return vec![report.finding(
            "",
            false,
            format!(
                "a document must be a mapping with a `kind`, but this one is {}",
                found(value)
            ),
            format!(
                "start the document with `kind:` and one of: {}",
                kind_list()
            ),
        )];
    };
    let kind = match object.get("kind") {
        None => {
            return vec![report.finding(
                "",
                false,
                "this document has no `kind`".into(),
                format!("add `kind:` with one of: {}", kind_list()),
            )];
        }
        Some(Value::String(text)) => match DocumentKind::parse(text) {
            Some(kind) => kind,
            None => {
                let names = DocumentKind::ALL.map(DocumentKind::as_str);
                return vec![report.finding(
                    "/kind",
                    false,
                    format!("unknown kind `{text}`{}", did_you_mean(text, names)),
                    format!("the kinds are: {}", kind_list()),
                )];
            }
        },
        Some(other) => {
            return vec![report.finding(
                "/kind",
                false,
                format!("`kind` must be text, but it is {}", found(other)),
                format!("write one of: {}", kind_list()),
            )];
        }
    };
    let compiled = match &validators().documents {
        Ok(by_kind) => by_kind.get(&kind),
        Err(error) => return vec![report.internal(error)],
    };
    match compiled {
        Some(compiled) => report.all_errors(compiled, value, &format!("this {kind}")),
        None => vec![report.internal("no schema for this kind")],
    }
}

/// Validates the settings of `datacharter.yaml` and returns every DC002.
pub fn validate_settings(file: &str, value: &Value) -> Vec<Finding> {
    let report = Report { file, document: 0 };
    if !value.is_object() {
        return vec![report.finding(
            "",
            false,
            format!(
                "the settings must be a mapping of keys, starting with `datacharter: 1`, but this is {}",
                found(value)
            ),
            "write `datacharter: 1` on the first line, then the settings you need".into(),
        )];
    }
    match &validators().settings {
        Ok(compiled) => report.all_errors(compiled, value, "the settings"),
        Err(error) => vec![report.internal(error)],
    }
}

fn kind_list() -> String {
    DocumentKind::ALL.map(|kind| format!("`{kind}`")).join(", ")
}

struct Report<'a> {
    file: &'a str,
    document: usize,
}

/// One error turned into words: where, what, and how to fix it.
struct Explained {
    pointer: String,
    on_key: bool,
    message: String,
    help: String,
}

impl Report<'_> {
    fn finding(&self, pointer: &str, on_key: bool, message: String, help: String) -> Finding {
        let mut location = Location::node(self.file, self.document, pointer);
        if on_key {
            location = location.on_key();
        }
        Finding::new(CODE, NAME, Severity::Error, location, message).with_help(help)
    }

    fn internal(&self, error: &str) -> Finding {
        self.finding(
            "",
            false,
            format!("internal error: {error}"),
            "please report this bug to the datacharter project".into(),
        )
    }

    fn all_errors(&self, compiled: &Compiled, value: &Value, root_name: &str) -> Vec<Finding> {
        let mut explained: Vec<Explained> = Vec::new();
        for error in compiled.validator.iter_errors(value) {
            explain(&error, &compiled.schema, root_name, &mut explained);
        }
        // Stable order whatever the validator's traversal; identical duplicates (the same
        // problem reached twice) are dropped.
        explained.sort_by(|a, b| {
            (pointer_sort_key(&a.pointer), &a.message)
                .cmp(&(pointer_sort_key(&b.pointer), &b.message))
        });
        explained.dedup_by(|a, b| a.pointer == b.pointer && a.message == b.message);
        explained
            .into_iter()
            .map(|e| self.finding(&e.pointer, e.on_key, e.message, e.help))
            .collect()
    }
}

/// Sorts `/fields/10` after `/fields/2`: numeric segments compare as numbers.
fn pointer_sort_key(pointer: &str) -> Vec<(u8, usize, &str)> {
    pointer
        .split('/')
        .skip(1)
        .map(|segment| match segment.parse::<usize>() {
            Ok(index) => (0, index, ""),
            Err(_) => (1, 0, segment),
        })
        .collect()
}

fn explain(error: &ValidationError<'_>, schema: &Value, root_name: &str, out: &mut Vec<Explained>) {
    let pointer = error.instance_path().as_str().to_owned();
    let instance = error.instance().as_ref();
    let target = SchemaAt::resolve(schema, &pointer);
    let place = place_name(&pointer, root_name);
    let what = target.noun;
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let allowed = target.property_names();
            // A map keyed by rule codes (`severity`) has a key pattern instead of key names.
            let keyed_by_code = target.key_pattern() == Some(RuleCode::PATTERN);
            for key in unexpected {
                let (suggestion, help) = if keyed_by_code {
                    let upper = key.to_uppercase();
                    let suggestion = match RuleCode::new(upper.as_str()) {
                        Ok(_) => format!("; did you mean `{upper}`?"),
                        Err(_) => String::new(),
                    };
                    (
                        suggestion,
                        "each key here is a full rule code, like `DC204`".to_owned(),
                    )
                } else if allowed.is_empty() {
                    (String::new(), "remove this key".to_owned())
                } else {
                    (
                        did_you_mean(key, allowed.iter().copied()),
                        format!("the keys allowed here are: {}", quoted_list(&allowed)),
                    )
                };
                out.push(Explained {
                    pointer: format!("{pointer}/{}", escape(key)),
                    on_key: true,
                    message: format!("unknown key `{key}` in {place}{suggestion}"),
                    help,
                });
            }
        }
        ValidationErrorKind::Required { property } => {
            let key = property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_owned);
            let help = match SchemaAt::resolve(schema, &format!("{pointer}/{}", escape(&key)))
                .description
            {
                Some(description) => format!("add `{key}`: {}", first_sentence(description)),
                None => format!("add `{key}`"),
            };
            out.push(Explained {
                pointer,
                on_key: false,
                message: format!("{} needs `{key}`, which is missing", capitalised(&place)),
                help,
            });
        }
        ValidationErrorKind::Enum { options } => {
            let accepted: Vec<String> = match options.as_ref() {
                Value::Array(values) => values.iter().map(scalar_text).collect(),
                other => vec![scalar_text(other)],
            };
            let suggestion = match instance {
                Value::String(text) => did_you_mean(text, accepted.iter().map(String::as_str)),
                _ => String::new(),
            };
            out.push(Explained {
                pointer,
                on_key: false,
                message: format!(
                    "{} is not an accepted value for {place}{suggestion}",
                    short(instance)
                ),
                help: format!("accepted values: {}", quoted_list(&accepted)),
            });
        }
        ValidationErrorKind::Constant { expected_value } => out.push(Explained {
            pointer,
            on_key: false,
            message: format!(
                "{place} must be `{}`, not {}",
                scalar_text(expected_value),
                short(instance)
            ),
            help: format!("write `{}`", scalar_text(expected_value)),
        }),
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(single) => vec![single.as_str()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
            };
            let expected_words: Vec<&str> = expected
                .iter()
                .filter(|name| **name != "null")
                .map(|name| type_words(name))
                .collect();
            out.push(Explained {
                pointer,
                on_key: false,
                message: format!(
                    "expected {} for {place}, found {}",
                    expected_words.join(" or "),
                    found(instance)
                ),
                help: type_help(&expected, target.description),
            });
        }
        // A date that is not even laid out YYYY-MM-DD already has its `pattern` error.
        ValidationErrorKind::Format { .. }
            if !instance.as_str().is_some_and(Date::has_iso_layout) => {}
        ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Format { .. } => {
            let (message, help) = bad_form(instance, what, target.description, error.kind());
            out.push(Explained {
                pointer,
                on_key: false,
                message: format!("{message} (in {place})"),
                help,
            });
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // Only a nullable field has alternatives: explain the branch that is not `null`.
            let branches: Vec<&Vec<ValidationError<'static>>> = context
                .iter()
                .filter(|branch| !branch.iter().all(is_null_type_error))
                .collect();
            if let [branch] = branches.as_slice() {
                for inner in branch.iter() {
                    explain(inner, schema, root_name, out);
                }
            } else {
                out.push(generic(error, pointer, &place));
            }
        }
        _ => out.push(generic(error, pointer, &place)),
    }
}

fn is_null_type_error(error: &ValidationError<'_>) -> bool {
    matches!(error.kind(), ValidationErrorKind::Type { kind: TypeKind::Single(t) } if t.as_str() == "null")
}

fn generic(error: &ValidationError<'_>, pointer: String, place: &str) -> Explained {
    Explained {
        pointer,
        on_key: false,
        message: format!("{place}: {error}"),
        help: "see the schema for the expected form".into(),
    }
}

/// The message and help for a value that has the right type but not the right form.
fn bad_form(
    instance: &Value,
    noun: Option<&'static str>,
    description: Option<&str>,
    kind: &ValidationErrorKind,
) -> (String, String) {
    let noun = noun.unwrap_or("value");
    if noun == "date" && matches!(kind, ValidationErrorKind::Format { .. }) {
        return (
            format!("{} is not a real calendar date", short(instance)),
            "check the day and the month (written YYYY-MM-DD)".into(),
        );
    }
    let help = match (noun, description) {
        ("duration", _) => Duration::ACCEPTED_FORMS.to_owned(),
        (_, Some(description)) => {
            format!("expected {}", lowercase_first(first_sentence(description)))
        }
        (_, None) => "check the expected form in the schema".into(),
    };
    (format!("{} is not a valid {noun}", short(instance)), help)
}

/// What the schema says about one place of the instance.
struct SchemaAt<'a> {
    /// The resolved schema (after `$ref`), if the place is described.
    schema: Option<&'a Value>,
    /// The closest description: the definition's, else the field's.
    description: Option<&'a str>,
    /// A word for the kind of value, from the definition's name (`duration`, `date`, `id`…).
    noun: Option<&'static str>,
}

impl<'a> SchemaAt<'a> {
    /// Follows an instance pointer through `properties`, `items`, `additionalProperties` and
    /// local `$ref`s. The generated schemas use nothing else.
    fn resolve(root: &'a Value, pointer: &str) -> SchemaAt<'a> {
        let mut at = SchemaAt {
            schema: Some(root),
            description: None,
            noun: None,
        };
        at.follow_refs(root);
        for token in pointer.split('/').skip(1) {
            let token = unescape(token);
            let Some(current) = at.schema else { break };
            let next = current
                .get("properties")
                .and_then(|properties| properties.get(token.as_str()))
                .or_else(|| {
                    token
                        .parse::<usize>()
                        .ok()
                        .and_then(|_| current.get("items"))
                })
                .or_else(|| {
                    current
                        .get("additionalProperties")
                        .filter(|s| s.is_object())
                });
            at = SchemaAt {
                schema: next,
                description: None,
                noun: None,
            };
            at.follow_refs(root);
        }
        at
    }

    fn follow_refs(&mut self, root: &'a Value) {
        // Bounded: a reference cycle in a generated schema must not hang the linter.
        for _ in 0..16 {
            let Some(schema) = self.schema else { return };
            if let Some(description) = schema.get("description").and_then(Value::as_str) {
                self.description = Some(description);
            }
            // A plain `$ref`, or the one referenced branch of a nullable field's `anyOf`.
            let branches = ["allOf", "anyOf"]
                .iter()
                .filter_map(|keyword| schema.get(keyword)?.as_array())
                .flatten();
            let reference = schema
                .get("$ref")
                .or_else(|| branches.filter_map(|branch| branch.get("$ref")).next())
                .and_then(Value::as_str);
            let Some(name) = reference.and_then(|r| r.strip_prefix("#/$defs/")) else {
                return;
            };
            self.noun = noun_for(name).or(self.noun);
            self.schema = root.get("$defs").and_then(|defs| defs.get(name));
        }
    }

    /// The pattern keys must match, for a map like `severity: { DC204: error }`.
    fn key_pattern(&self) -> Option<&'a str> {
        let patterns = self.schema?.get("patternProperties")?.as_object()?;
        patterns.keys().next().map(String::as_str)
    }

    fn property_names(&self) -> Vec<&'a str> {
        self.schema
            .and_then(|schema| schema.get("properties"))
            .and_then(Value::as_object)
            .map(|properties| properties.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

fn noun_for(definition: &str) -> Option<&'static str> {
    Some(match definition {
        "Duration" => "duration",
        "Date" => "date",
        "Id" => "id",
        "CategoryId" => "data category",
        "PurposeId" => "purpose id",
        "SubjectId" => "data-subject id",
        "FunctionId" => "function id",
        "SecurityMeasure" => "security measure",
        "CountryCode" => "country code",
        "RuleSelector" => "rule code or prefix",
        "RuleCode" => "rule code",
        "CustomRuleCode" => "custom rule code",
        "ByteSize" => "size",
        _ => return None,
    })
}

/// "this processing", "`dpo`", "entry 2 of `retention`".
fn place_name(pointer: &str, root_name: &str) -> String {
    let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
    match tokens.as_slice() {
        [] => root_name.to_owned(),
        [.., parent, last] if last.parse::<usize>().is_ok() && parent.parse::<usize>().is_err() => {
            let position = last.parse::<usize>().map_or(0, |index| index + 1);
            format!("entry {position} of `{parent}`")
        }
        [.., last] => format!("`{last}`"),
    }
}

fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates)
        .map(|candidate| format!("; did you mean `{candidate}`?"))
        .unwrap_or_default()
}

/// The value's type in words, with the value itself when it is short.
fn found(value: &Value) -> String {
    match value {
        Value::Null => "nothing (an empty value)".into(),
        Value::Bool(flag) => format!("`{flag}`"),
        Value::Number(number) => format!("the number `{number}`"),
        Value::String(text) if text.chars().count() <= 40 => format!("the text `{text}`"),
        Value::String(_) => "a text".into(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
    }
}

/// A value as it would appear in a message: `text` in backticks, or its type in words.
fn short(value: &Value) -> String {
    match value {
        Value::String(text) if text.chars().count() <= 60 => format!("`{text}`"),
        Value::Bool(_) | Value::Number(_) => format!("`{value}`"),
        other => found(other),
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn type_words(name: &str) -> &'static str {
    match name {
        "object" => "a mapping (`key: value` lines)",
        "array" => "a list",
        "string" => "text",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "`true` or `false`",
        _ => "nothing",
    }
}

fn type_help(expected: &[&str], description: Option<&str>) -> String {
    let example = match expected.first().copied() {
        Some("array") => "write a list, like `[a, b]` or one `- item` per line",
        Some("object") => "write indented `key: value` lines, or `{ key: value }`",
        Some("boolean") => "write `true` or `false`",
        Some("string") => "write text (quote it if it looks like a number or a date)",
        _ => "write a value of the expected type",
    };
    match description {
        Some(description) => format!(
            "{example}; {}",
            lowercase_first(first_sentence(description))
        ),
        None => example.into(),
    }
}

fn quoted_list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|item| format!("`{}`", item.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    match text.find(". ") {
        Some(end) => &text[..end],
        None => text.trim_end_matches('.'),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}
