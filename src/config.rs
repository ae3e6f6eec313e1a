//! The effective configuration of a run: `datacharter.yaml` overridden by the command line,
//! over the defaults. A bad setting is a finding pointing into `datacharter.yaml` (exit 2); a
//! bad command-line value is a plain usage error.

use crate::finding::{Finding, Location, Severity};
use crate::i18n::Locale;
use crate::lint::Options;
use crate::model::Settings;
use crate::rules::{REGISTRY, Selection, Selector};
use crate::suppress::SuppressOptions;
use crate::workspace::contain::Refusal;
use std::collections::BTreeMap;
use std::path::Path;

/// What the command line may override.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--select`: replaces `rules.select`.
    pub select: Option<Vec<String>>,
    /// `--extend-select`, `--ignore`: added to the settings' lists.
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// `--no-ignores`.
    pub no_ignores: bool,
    /// `--locale`: replaces the settings' `locale` (and the environment's language).
    pub locale: Option<Locale>,
}

/// Why the configuration cannot be used.
#[derive(Debug)]
pub enum ConfigError {
    /// Findings on the settings file (render them against it, exit 2).
    Settings(Vec<Finding>),
    /// A bad command-line value.
    Usage(String),
}

/// Custom rule codes (`X…`) are only known once the workspace's policies are read, so a
/// selector in the `X` namespace is accepted here and checked after the run
/// ([`unknown_custom_selectors`]).
fn parse_selector(text: &str) -> Result<Selector, crate::rules::SelectorError> {
    let known: Vec<&str> = REGISTRY.iter().map(|rule| rule.code).collect();
    if text.trim().to_ascii_uppercase().starts_with('X') {
        return Selector::parse(text, &[text.trim()]);
    }
    Selector::parse(text, &known)
}

/// Builds the lint options from the settings and the command line.
pub fn options(
    settings: &Settings,
    settings_file: &str,
    root: &Path,
    overrides: &Overrides,
    today: jiff::civil::Date,
) -> Result<Options, ConfigError> {
    let rules = settings.rules.clone().unwrap_or_default();
    let locale = crate::i18n::resolve(overrides.locale, settings.locale);
    let mut problems = Vec::new();
    let mut from_settings = |pointer: String, text: &str| -> Option<Selector> {
        match parse_selector(text) {
            Ok(selector) => Some(selector),
            Err(error) => {
                let location = Location::node(settings_file, 0, pointer);
                problems.push(bad_setting(location, error.to_string(), locale));
                None
            }
        }
    };
    let settings_select: Vec<Selector> = rules
        .select
        .iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, s)| from_settings(format!("/rules/select/{i}"), s.as_str()))
        .collect();
    let settings_ignore: Vec<Selector> = rules
        .ignore
        .iter()
        .enumerate()
        .filter_map(|(i, s)| from_settings(format!("/rules/ignore/{i}"), s.as_str()))
        .collect();
    let settings_extend: Vec<Selector> = rules
        .extend_select
        .iter()
        .enumerate()
        .filter_map(|(i, s)| from_settings(format!("/rules/extend-select/{i}"), s.as_str()))
        .collect();
    let mut per_file_ignores = Vec::new();
    for (glob_text, selectors) in &rules.per_file_ignores {
        let key = crate::syntax::escape_token(glob_text);
        let parsed: Vec<Selector> = selectors
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                from_settings(format!("/rules/per-file-ignores/{key}/{i}"), s.as_str())
            })
            .collect();
        // The workspace stage already reported a glob that does not compile.
        if let Ok(glob) = glob::Pattern::new(glob_text) {
            per_file_ignores.push((glob, parsed));
        }
    }
    let mut severity = BTreeMap::new();
    for (code, level) in &rules.severity {
        let code = code.as_str();
        if crate::rules::find(code).is_none() && !code.starts_with('X') {
            let known = REGISTRY.iter().map(|rule| rule.code);
            let hint = crate::suggest::closest(code, known)
                .map(|c| crate::t!(locale, "foundation.did-you-mean", candidate = c))
                .unwrap_or_default();
            let location =
                Location::node(settings_file, 0, format!("/rules/severity/{code}")).on_key();
            let message = crate::t!(
                locale,
                "DC002.unknown-rule-code",
                code = code,
                suggestion = hint
            );
            problems.push(bad_setting(location, message, locale));
            continue;
        }
        severity.insert(code.to_owned(), Severity::from(*level));
    }
    if settings.max_file_size.bytes() > crate::workspace::MAX_FILE_SIZE_CEILING {
        problems.push(bad_setting(
            Location::node(settings_file, 0, "/max-file-size"),
            crate::t!(
                locale,
                "DC002.max-file-size-ceiling",
                size = settings.max_file_size.bytes(),
                ceiling = crate::workspace::MAX_FILE_SIZE_CEILING
            ),
            locale,
        ));
    }
    for (i, policy) in settings.policies.iter().enumerate() {
        // Resolved inside the root or refused, naming the entry as written and never where
        // it leads: see `workspace::contain`.
        let key = match crate::workspace::contain::resolve(root, policy) {
            Ok(found) if found.canonical.is_file() => continue,
            Ok(_) => "DC002.policy-pack-not-a-file",
            Err(Refusal::Missing) => "DC002.missing-policy-pack",
            Err(Refusal::Outside) => "DC002.policy-pack-outside",
            Err(Refusal::Unreadable) => "DC002.policy-pack-unreadable",
        };
        problems.push(
            bad_setting(
                Location::node(settings_file, 0, format!("/policies/{i}")),
                crate::t!(locale, key, policy = policy),
                locale,
            )
            .with_help(crate::t!(locale, "DC002.policy-pack-help")),
        );
    }
    if !problems.is_empty() {
        return Err(ConfigError::Settings(problems));
    }

    let from_cli = |texts: &[String]| -> Result<Vec<Selector>, ConfigError> {
        texts
            .iter()
            .map(|text| parse_selector(text).map_err(|e| ConfigError::Usage(e.to_string())))
            .collect()
    };
    let select = match &overrides.select {
        Some(codes) => from_cli(codes)?,
        None => settings_select,
    };
    let mut extend_select = settings_extend;
    extend_select.extend(from_cli(&overrides.extend_select)?);
    let mut ignore = settings_ignore;
    ignore.extend(from_cli(&overrides.ignore)?);

    let mut options = Options::new(Selection::new(select, extend_select, ignore), today);
    options.severity = severity;
    options.locale = locale;
    options.suppress = SuppressOptions {
        disregard_comments: overrides.no_ignores,
        require_reason: rules.require_reason,
        per_file_ignores,
    };
    Ok(options)
}

/// Selectors of custom rules (`X…`) in the settings or on the command line that match no
/// custom rule the workspace declares.
pub fn unknown_custom_selectors(options: &Options, custom_codes: &[&str]) -> Vec<String> {
    let Selection::Selectors {
        select,
        extend_select,
        ignore,
    } = &options.selection
    else {
        return Vec::new();
    };
    select
        .iter()
        .chain(extend_select)
        .chain(ignore)
        .map(ToString::to_string)
        .filter(|s| {
            s.starts_with('X') && !custom_codes.iter().any(|code| code.starts_with(s.as_str()))
        })
        .collect()
}

fn bad_setting(location: Location, message: String, locale: Locale) -> Finding {
    Finding::new(
        crate::schema::CODE,
        crate::schema::NAME,
        Severity::Error,
        location,
        message,
    )
    .with_help(crate::t!(locale, "DC002.setting-help"))
}
