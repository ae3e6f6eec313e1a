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
                catalogue_files!("en": "core", "dc0", "dc1", "dc2", "dc3", "dc4", "dc5", "dc6", "dc7", "dc8", "dc9", "register", "map", "init", "format")
            }
            Locale::Fr => {
                catalogue_files!("fr": "core", "dc0", "dc1", "dc2", "dc3", "dc4", "dc5", "dc6", "dc7", "dc8", "dc9", "register", "map", "init", "format")
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

/// The template of `key`, falling back to English, then to the key itself (so a missing
/// message shows up in the output instead of vanishing).
pub fn template(locale: Locale, key: &str) -> &str {
    catalogue(locale)
        .get(key)
        .or_else(|| catalogue(Locale::En).get(key))
        .map_or(key, String::as_str)
}

/// Fills `{name}` placeholders of `key`'s template; `{{` and `}}` are literal braces.
pub fn format(locale: Locale, key: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    fill(template(locale, key), args)
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
