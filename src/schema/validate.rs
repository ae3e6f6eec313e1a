//! DC002 schema-violation: validate a value against its schema and explain every error in
//! words a non-programmer understands, at the node it concerns.
//!
//! A document is first checked for a usable `kind`, then validated against that kind's schema
//! alone, so errors are precise ("unknown key `retension`") instead of the union's "not valid
//! under any of the given schemas".

use super::generate::{definition_name, document_schema, settings_schema};
use crate::finding::{Finding, Location, Severity};
use crate::i18n::Locale;
use crate::model::{Date, DocumentKind, RuleCode};
use crate::suggest::closest;
use crate::t;
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

/// Validates one document of `file` (0-based `document` index) and returns every DC002, in
/// English.
pub fn validate_document(file: &str, document: usize, value: &Value) -> Vec<Finding> {
    validate_document_in(file, document, value, Locale::En)
}

/// [`validate_document`], with the messages in `locale`.
pub fn validate_document_in(
    file: &str,
    document: usize,
    value: &Value,
    locale: Locale,
) -> Vec<Finding> {
    let report = Report {
        file,
        document,
        locale,
    };
    let Some(object) = value.as_object() else {
        return vec![report.finding(
            "",
            false,
            t!(locale, "DC002.not-a-mapping", found = shape(value, locale)),
            t!(locale, "DC002.not-a-mapping-help", kinds = kind_list()),
        )];
    };
    let kind = match object.get("kind") {
        None => {
            return vec![report.finding(
                "",
                false,
                t!(locale, "DC002.no-kind"),
                t!(locale, "DC002.no-kind-help", kinds = kind_list()),
            )];
        }
        Some(Value::String(text)) => match DocumentKind::parse(text) {
            Some(kind) => kind,
            None => {
                let names = DocumentKind::ALL.map(DocumentKind::as_str);
                return vec![report.finding(
                    "/kind",
                    false,
                    t!(
                        locale,
                        "DC002.unknown-kind",
                        kind = text,
                        suggestion = did_you_mean(text, names, locale)
                    ),
                    t!(locale, "DC002.unknown-kind-help", kinds = kind_list()),
                )];
            }
        },
        Some(other) => {
            return vec![report.finding(
                "/kind",
                false,
                t!(locale, "DC002.kind-not-text", found = found(other, locale)),
                t!(locale, "DC002.kind-not-text-help", kinds = kind_list()),
            )];
        }
    };
    let compiled = match &validators().documents {
        Ok(by_kind) => by_kind.get(&kind),
        Err(error) => return vec![report.internal(error)],
    };
    match compiled {
        Some(compiled) => {
            let root_name = t!(locale, &format!("DC002.this.{}", kind.as_str()));
            report.all_errors(compiled, value, &root_name)
        }
        None => vec![report.internal(&t!(locale, "DC002.no-schema-for-kind"))],
    }
}

/// Validates the settings of `datacharter.yaml` and returns every DC002, in English.
pub fn validate_settings(file: &str, value: &Value) -> Vec<Finding> {
    validate_settings_in(file, value, Locale::En)
}

/// [`validate_settings`], with the messages in `locale`.
pub fn validate_settings_in(file: &str, value: &Value, locale: Locale) -> Vec<Finding> {
    let report = Report {
        file,
        document: 0,
        locale,
    };
    if !value.is_object() {
        return vec![report.finding(
            "",
            false,
            t!(
                locale,
                "DC002.settings-not-a-mapping",
                found = shape(value, locale)
            ),
            t!(locale, "DC002.settings-not-a-mapping-help"),
        )];
    }
    match &validators().settings {
        Ok(compiled) => report.all_errors(compiled, value, &t!(locale, "DC002.place.settings")),
        Err(error) => vec![report.internal(error)],
    }
}

fn kind_list() -> String {
    DocumentKind::ALL.map(|kind| format!("`{kind}`")).join(", ")
}

struct Report<'a> {
    file: &'a str,
    document: usize,
    locale: Locale,
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
            t!(self.locale, "DC002.internal", error = error),
            t!(self.locale, "DC002.internal-help"),
        )
    }

    fn all_errors(&self, compiled: &Compiled, value: &Value, root_name: &str) -> Vec<Finding> {
        let mut explained: Vec<Explained> = Vec::new();
        for error in compiled.validator.iter_errors(value) {
            explain(
                &error,
                &compiled.schema,
                root_name,
                self.locale,
                &mut explained,
            );
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

fn explain(
    error: &ValidationError<'_>,
    schema: &Value,
    root_name: &str,
    locale: Locale,
    out: &mut Vec<Explained>,
) {
    let pointer = error.instance_path().as_str().to_owned();
    let instance = error.instance().as_ref();
    let target = SchemaAt::resolve(schema, &pointer);
    let place = place_name(&pointer, root_name, locale);
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
                        Ok(_) => t!(locale, "foundation.did-you-mean", candidate = upper),
                        Err(_) => String::new(),
                    };
                    (suggestion, t!(locale, "DC002.rule-code-keys-help"))
                } else if allowed.is_empty() {
                    (String::new(), t!(locale, "DC002.remove-key-help"))
                } else {
                    (
                        did_you_mean(key, allowed.iter().copied(), locale),
                        t!(
                            locale,
                            "DC002.allowed-keys-help",
                            keys = quoted_list(&allowed)
                        ),
                    )
                };
                out.push(Explained {
                    pointer: format!("{pointer}/{}", escape(key)),
                    on_key: true,
                    message: t!(
                        locale,
                        "DC002.unknown-key",
                        key = key,
                        place = place,
                        suggestion = suggestion
                    ),
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
                Some(description) => t!(
                    locale,
                    "DC002.missing-help-described",
                    key = key,
                    description = first_sentence(description)
                ),
                None => t!(locale, "DC002.missing-help", key = key),
            };
            out.push(Explained {
                pointer,
                on_key: false,
                message: capitalised(&t!(locale, "DC002.missing", place = place, key = key)),
                help,
            });
        }
        ValidationErrorKind::Enum { options } => {
            let accepted: Vec<String> = match options.as_ref() {
                Value::Array(values) => values.iter().map(scalar_text).collect(),
                other => vec![scalar_text(other)],
            };
            let suggestion = match instance {
                Value::String(text) => {
                    did_you_mean(text, accepted.iter().map(String::as_str), locale)
                }
                _ => String::new(),
            };
            out.push(Explained {
                pointer,
                on_key: false,
                message: t!(
                    locale,
                    "DC002.not-accepted",
                    value = short(instance, locale),
                    place = place,
                    suggestion = suggestion
                ),
                help: t!(
                    locale,
                    "DC002.accepted-help",
                    values = quoted_list(&accepted)
                ),
            });
        }
        ValidationErrorKind::Constant { expected_value } => out.push(Explained {
            pointer,
            on_key: false,
            message: t!(
                locale,
                "DC002.constant",
                place = place,
                expected = scalar_text(expected_value),
                value = short(instance, locale)
            ),
            help: t!(
                locale,
                "DC002.constant-help",
                expected = scalar_text(expected_value)
            ),
        }),
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(single) => vec![single.as_str()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
            };
            let expected_words = expected
                .iter()
                .filter(|name| **name != "null")
                .map(|name| type_words(name, locale))
                .reduce(|first, second| {
                    t!(locale, "DC002.type.either", first = first, second = second)
                })
                .unwrap_or_default();
            out.push(Explained {
                pointer,
                on_key: false,
                message: t!(
                    locale,
                    "DC002.wrong-type",
                    expected = expected_words,
                    place = place,
                    found = found(instance, locale)
                ),
                help: type_help(&expected, target.description, locale),
            });
        }
        // A date that is not even laid out YYYY-MM-DD already has its `pattern` error.
        ValidationErrorKind::Format { .. }
            if !instance.as_str().is_some_and(Date::has_iso_layout) => {}
        ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Format { .. } => {
            let (message, help) =
                bad_form(instance, what, target.description, error.kind(), locale);
            out.push(Explained {
                pointer,
                on_key: false,
                message: t!(locale, "DC002.bad-form", problem = message, place = place),
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
                    explain(inner, schema, root_name, locale, out);
                }
            } else {
                out.push(generic(error, pointer, &place, locale));
            }
        }
        _ => out.push(generic(error, pointer, &place, locale)),
    }
}

fn is_null_type_error(error: &ValidationError<'_>) -> bool {
    matches!(error.kind(), ValidationErrorKind::Type { kind: TypeKind::Single(t) } if t.as_str() == "null")
}

/// An error the explanations above do not cover: the validator's own (English) words.
fn generic(error: &ValidationError<'_>, pointer: String, place: &str, locale: Locale) -> Explained {
    Explained {
        pointer,
        on_key: false,
        message: t!(locale, "DC002.generic", place = place, error = error),
        help: t!(locale, "DC002.generic-help"),
    }
}

/// The message and help for a value that has the right type but not the right form.
fn bad_form(
    instance: &Value,
    noun: Option<&'static str>,
    description: Option<&str>,
    kind: &ValidationErrorKind,
    locale: Locale,
) -> (String, String) {
    let noun = noun.unwrap_or("value");
    if noun == "date" && matches!(kind, ValidationErrorKind::Format { .. }) {
        return (
            t!(locale, "DC002.not-a-date", value = short(instance, locale)),
            t!(locale, "DC002.not-a-date-help"),
        );
    }
    let help = match (noun, description) {
        ("duration", _) => t!(locale, "DC002.duration-forms"),
        (_, Some(description)) => t!(
            locale,
            "DC002.expected-described",
            description = lowercase_first(first_sentence(description))
        ),
        (_, None) => t!(locale, "DC002.form-help"),
    };
    let noun = t!(locale, &format!("DC002.noun.{noun}"));
    (
        t!(
            locale,
            "DC002.not-valid",
            value = short(instance, locale),
            noun = noun
        ),
        help,
    )
}

/// What the schema says about one place of the instance.
struct SchemaAt<'a> {
    /// The resolved schema (after `$ref`), if the place is described.
    schema: Option<&'a Value>,
    /// The closest description: the definition's, else the field's.
    description: Option<&'a str>,
    /// The kind of value, from the definition's name (`duration`, `date`, `id`…): the last
    /// part of its `DC002.noun.*` key.
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
        "CategoryId" => "data-category",
        "PurposeId" => "purpose-id",
        "SubjectId" => "subject-id",
        "FunctionId" => "function-id",
        "SecurityMeasure" => "security-measure",
        "CountryCode" => "country-code",
        "RuleSelector" => "rule-selector",
        "RuleCode" => "rule-code",
        "CustomRuleCode" => "custom-rule-code",
        "ByteSize" => "size",
        _ => return None,
    })
}

/// "this processing", "`dpo`", "entry 2 of `retention`".
fn place_name(pointer: &str, root_name: &str, locale: Locale) -> String {
    let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
    match tokens.as_slice() {
        [] => root_name.to_owned(),
        [.., parent, last] if last.parse::<usize>().is_ok() && parent.parse::<usize>().is_err() => {
            let position = last.parse::<usize>().map_or(0, |index| index + 1);
            t!(
                locale,
                "DC002.place.entry",
                position = position,
                list = parent
            )
        }
        [.., last] => t!(locale, "DC002.place.key", key = last),
    }
}

fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    locale: Locale,
) -> String {
    closest(word, candidates)
        .map(|candidate| t!(locale, "foundation.did-you-mean", candidate = candidate))
        .unwrap_or_default()
}

/// The value's type in words, with the value itself when it is short.
fn found(value: &Value, locale: Locale) -> String {
    match value {
        Value::Null => t!(locale, "DC002.found.nothing"),
        Value::Bool(flag) => t!(locale, "DC002.found.boolean", value = flag),
        Value::Number(number) => t!(locale, "DC002.found.number", value = number),
        Value::String(text) if text.chars().count() <= 40 => {
            t!(locale, "DC002.found.text", value = text)
        }
        Value::String(_) => t!(locale, "DC002.found.long-text"),
        Value::Array(_) => t!(locale, "DC002.found.list"),
        Value::Object(_) => t!(locale, "DC002.found.mapping"),
    }
}

/// What a whole document is, never quoting it: a file that is not YAML at all (a token, a
/// key, a password file) parses as one text, and a message must not carry a file's content
/// into reports that are uploaded (SARIF, annotations). The snippet shows it, in the file.
fn shape(value: &Value, locale: Locale) -> String {
    match value {
        Value::String(_) => t!(locale, "DC002.found.long-text"),
        Value::Bool(_) | Value::Number(_) => t!(locale, "DC002.found.scalar"),
        other => found(other, locale),
    }
}

/// A value as it would appear in a message: `text` in backticks, or its type in words.
fn short(value: &Value, locale: Locale) -> String {
    match value {
        Value::String(text) if text.chars().count() <= 60 => format!("`{text}`"),
        Value::Bool(_) | Value::Number(_) => format!("`{value}`"),
        other => found(other, locale),
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A JSON Schema type name in words.
fn type_words(name: &str, locale: Locale) -> String {
    let key = match name {
        "object" | "array" | "string" | "integer" | "number" | "boolean" => name,
        _ => "other",
    };
    t!(locale, &format!("DC002.type.{key}"))
}

fn type_help(expected: &[&str], description: Option<&str>, locale: Locale) -> String {
    let key = expected
        .first()
        .copied()
        .filter(|name| matches!(*name, "array" | "object" | "boolean" | "string"))
        .unwrap_or("other");
    let example = t!(locale, &format!("DC002.type-help.{key}"));
    match description {
        Some(description) => t!(
            locale,
            "DC002.type-help.described",
            example = example,
            description = lowercase_first(first_sentence(description))
        ),
        None => example,
    }
}

fn quoted_list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|item| format!("`{}`", item.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text up to its first full stop: not one inside parentheses, nor one that ends an
/// abbreviation (`e.g.`, `Art.`), so that a help is never cut at "(e.g".
fn first_sentence(text: &str) -> &str {
    const ABBREVIATIONS: &[&str] = &[
        "e.g", "i.e", "etc", "cf", "art", "no", "n°", "vs", "p", "ex",
    ];
    let text = text.trim();
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '.' if depth == 0 && text[at + 1..].starts_with(' ') => {
                let word = text[..at]
                    .rsplit(|c: char| c.is_whitespace() || c == '(')
                    .next()
                    .unwrap_or_default()
                    .to_lowercase();
                if !ABBREVIATIONS.contains(&word.as_str()) {
                    return &text[..at];
                }
            }
            _ => {}
        }
    }
    text.trim_end_matches('.')
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

#[cfg(test)]
mod first_sentence_tests {
    use super::first_sentence;

    #[test]
    fn a_sentence_is_not_cut_at_an_abbreviation() {
        assert_eq!(
            first_sentence("The party (e.g. a distributor) and the organisation. More."),
            "The party (e.g. a distributor) and the organisation"
        );
        assert_eq!(
            first_sentence("Required by Art. 30 of the GDPR. Then more."),
            "Required by Art. 30 of the GDPR"
        );
        assert_eq!(first_sentence("One sentence."), "One sentence");
    }
}
