//! Messages in English and French. Every sentence a user reads — finding messages, help
//! lines, labels, rule documentation, summaries, report headings — lives in a catalogue
//! (`locales/en.yaml`, `locales/fr.yaml`, embedded), looked up by key; a test fails when a
//! key exists in one language and not the other.

pub mod format;

use saphyr::{LoadableYamlNode, Scalar, Yaml};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

/// The language of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }

    pub fn parse(text: &str) -> Option<Locale> {
        match text.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Locale::En),
            "fr" => Some(Locale::Fr),
            _ => None,
        }
    }

    /// The locale a POSIX `LANG` / `LC_ALL` / `LC_MESSAGES` value asks for (`fr_FR.UTF-8` → fr).
    pub fn from_posix(value: &str) -> Option<Locale> {
        let language = value.split(['_', '.', '@']).next().unwrap_or("");
        Locale::parse(language)
    }

    /// From the environment: `LC_ALL`, then `LC_MESSAGES`, then `LANG`; English otherwise.
    pub fn from_environment() -> Locale {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .and_then(|value| Locale::from_posix(&value))
            .unwrap_or_default()
    }

    /// The catalogue files of this locale, embedded: one file per part of the program, so
    /// that each part's messages are edited in one place.
    fn sources(self) -> &'static [(&'static str, &'static str)] {
        macro_rules! catalogue_files {
            ($lang:literal: $($part:literal),+) => {
                &[$((concat!("locales/", $lang, "/", $part, ".yaml"),
                     include_str!(concat!("../../locales/", $lang, "/", $part, ".yaml")))),+]
            };
        }
        match self {
            Locale::En => {
                catalogue_files!("en": "core", "dc0", "dc1", "dc2", "dc3", "dc4", "dc5", "dc6", "dc7", "dc8", "dc9", "register", "map", "init", "diff", "da", "format")
            }
            Locale::Fr => {
                catalogue_files!("fr": "core", "dc0", "dc1", "dc2", "dc3", "dc4", "dc5", "dc6", "dc7", "dc8", "dc9", "register", "map", "init", "diff", "da", "format")
            }
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A catalogue: dotted keys (nested YAML mappings flattened) → message templates.
pub type Catalogue = BTreeMap<String, String>;

/// The catalogue of a locale, parsed once. A catalogue that does not parse is a defect of
/// this build; it yields an empty catalogue (and the test suite fails on it).
pub fn catalogue(locale: Locale) -> &'static Catalogue {
    static EN: OnceLock<Catalogue> = OnceLock::new();
    static FR: OnceLock<Catalogue> = OnceLock::new();
    let cell = match locale {
        Locale::En => &EN,
        Locale::Fr => &FR,
    };
    cell.get_or_init(|| {
        let mut merged = Catalogue::new();
        for (path, text) in locale.sources() {
            merged.extend(load(path, text).unwrap_or_default());
        }
        merged
    })
}

/// Parses a catalogue's YAML into flat keys; an error names the problem.
///
/// Read with saphyr's plain loader, not with the `syntax` stage: that stage's own messages
/// come from these catalogues.
pub fn load(path: &str, text: &str) -> Result<Catalogue, String> {
    let documents = Yaml::load_from_str(text).map_err(|error| format!("{path}: {error}"))?;
    let mut catalogue = Catalogue::new();
    if let Some(document) = documents.first() {
        flatten("", document, &mut catalogue).map_err(|error| format!("{path}: {error}"))?;
    }
    Ok(catalogue)
}

fn flatten(prefix: &str, node: &Yaml<'_>, into: &mut Catalogue) -> Result<(), String> {
    match node {
        Yaml::Mapping(map) => {
            for (key, child) in map {
                let key = match key {
                    Yaml::Value(Scalar::String(text)) => text.to_string(),
                    Yaml::Value(Scalar::Integer(number)) => number.to_string(),
                    other => return Err(format!("a key under `{prefix}` is not text: {other:?}")),
                };
                let path = if prefix.is_empty() {
                    key
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&path, child, into)?;
            }
            Ok(())
        }
        Yaml::Value(Scalar::String(text)) => {
            into.insert(prefix.to_owned(), text.to_string());
            Ok(())
        }
        other => Err(format!("`{prefix}` must be text, found {other:?}")),
    }
}

/// The template of `key`, falling back to English, then to a generic text (never the key itself:
/// a user must not read `DC210.message`). A key missing in `locale` is recorded, so that the
/// tests that lint every documented example can fail on it ([`missing_keys`]).
pub fn template(locale: Locale, key: &str) -> &str {
    if let Some(text) = catalogue(locale).get(key) {
        return text;
    }
    record_missing(locale, key);
    if let Some(text) = catalogue(Locale::En).get(key) {
        return text;
    }
    let is_rule_key = key
        .strip_prefix("DC")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    let generic = if key.ends_with("label") {
        "i18n.missing-label"
    } else if is_rule_key {
        "i18n.missing-rule"
    } else {
        "i18n.missing"
    };
    catalogue(locale)
        .get(generic)
        .map_or("datacharter has no text for this message", String::as_str)
}

fn missing() -> &'static std::sync::Mutex<std::collections::BTreeSet<String>> {
    static MISSING: OnceLock<std::sync::Mutex<std::collections::BTreeSet<String>>> =
        OnceLock::new();
    MISSING.get_or_init(Default::default)
}

fn record_missing(locale: Locale, key: &str) {
    if let Ok(mut missing) = missing().lock() {
        missing.insert(format!("{locale}: {key}"));
    }
}

/// Every `locale: key` looked up so far and missing from its catalogue (a defect of this build).
pub fn missing_keys() -> Vec<String> {
    missing()
        .lock()
        .map(|missing| missing.iter().cloned().collect())
        .unwrap_or_default()
}

/// Fills `{name}` placeholders of `key`'s template; `{{` and `}}` are literal braces. A key
/// missing everywhere gives the generic text, which names the rule when the key is a rule's.
pub fn format(locale: Locale, key: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    // `{rule_code}` is offered to every template (the generic text of a missing rule message
    // names the rule); the finding key records only the message's own arguments.
    let code = key.split('.').next().unwrap_or_default();
    let mut all: Vec<(&str, &dyn fmt::Display)> = args.to_vec();
    all.push(("rule_code", &code));
    let text = fill(template(locale, key), &all);
    record(&text, key, args);
    text
}

/// A message as the finding key sees it: its catalogue key and its arguments, whatever the
/// language (see [`capture`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    /// The text as rendered, to match it to a finding's message.
    pub text: String,
    /// `key(name=value,…)`, with each argument that is itself a captured message replaced by
    /// that message's own form, so that a localised argument (`72 heures`) stays `in_words(72)`.
    pub form: String,
}

/// Message arguments that only ever hold text in the output language.
const PROSE_ARGUMENTS: &[&str] = &["label", "labels", "cited", "citation"];

thread_local! {
    static CAPTURE: std::cell::RefCell<Option<Vec<Captured>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f`, recording every message formatted on this thread meanwhile: the rules stage uses
/// it to give each finding its message's arguments without every rule having to pass them.
pub fn capture<R>(f: impl FnOnce() -> R) -> (R, Vec<Captured>) {
    let outer = CAPTURE.with(|cell| cell.replace(Some(Vec::new())));
    let result = f();
    let captured = CAPTURE.with(|cell| cell.replace(outer)).unwrap_or_default();
    (result, captured)
}

fn record(text: &str, key: &str, args: &[(&str, &dyn fmt::Display)]) {
    CAPTURE.with(|cell| {
        let mut cell = cell.borrow_mut();
        let Some(captured) = cell.as_mut() else {
            return;
        };
        // Arguments that are prose — a label or a citation from a policy pack, free text —
        // are in the output language (or the user's wording): left out, the key keeps what
        // names things (ids, codes, categories, numbers, nested messages).
        let args: Vec<String> = args
            .iter()
            .filter(|(name, _)| !PROSE_ARGUMENTS.contains(name))
            .filter_map(|(name, value)| {
                let value = value.to_string();
                let value = match captured
                    .iter()
                    .rev()
                    .find(|earlier| earlier.text == value && !value.is_empty())
                {
                    Some(earlier) => earlier.form.clone(),
                    None if value.contains(char::is_whitespace) => return None,
                    None => value,
                };
                Some(format!("{name}={value}"))
            })
            .collect();
        captured.push(Captured {
            text: text.to_owned(),
            form: format!("{key}({})", args.join(",")),
        });
    });
}

/// Fills `{name}` placeholders of a template.
pub fn fill(template: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if let Some(close) = tail.find('}').filter(|_| tail.starts_with('{')) {
            let name = &tail[1..close];
            match args.iter().find(|(arg, _)| *arg == name) {
                Some((_, value)) => out.push_str(&value.to_string()),
                None => out.push_str(&tail[..=close]),
            }
            rest = &tail[close + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// `t!(locale, "key")` or `t!(locale, "key", name = value, …)`: a message from the catalogue.
#[macro_export]
macro_rules! t {
    ($locale:expr, $key:expr) => {
        $crate::i18n::format($locale, $key, &[])
    };
    ($locale:expr, $key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::format($locale, $key, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+])
    };
}

#[cfg(test)]
mod tests;

impl From<crate::model::Locale> for Locale {
    fn from(locale: crate::model::Locale) -> Self {
        match locale {
            crate::model::Locale::En => Locale::En,
            crate::model::Locale::Fr => Locale::Fr,
        }
    }
}

/// The locale of a run: `--locale`, else the settings' `locale`, else the environment
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
pub fn resolve(command_line: Option<Locale>, settings: Option<crate::model::Locale>) -> Locale {
    command_line
        .or(settings.map(Locale::from))
        .unwrap_or_else(Locale::from_environment)
}
