//! Rule selection: codes, prefixes (`DC2`, `DC20`) or `ALL`, as in ruff.

use super::REGISTRY;
use std::collections::BTreeSet;
use std::fmt;

/// One selector as a user writes it: `ALL`, a full code, or a code prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector(String);

/// A selector that matches no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{selector}` matches no rule{}", suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
pub struct SelectorError {
    pub selector: String,
    pub suggestion: Option<String>,
}

impl Selector {
    /// Parses a selector against the known codes (the registry plus any custom codes).
    pub fn parse(text: &str, known: &[&str]) -> Result<Selector, SelectorError> {
        let normalized = text.trim().to_ascii_uppercase();
        if normalized == "ALL" || known.iter().any(|code| code.starts_with(&normalized)) {
            if !normalized.is_empty() {
                return Ok(Selector(normalized));
            }
        }
        Err(SelectorError {
            selector: text.to_owned(),
            suggestion: crate::suggest::closest(text, known.iter().copied()).map(str::to_owned),
        })
    }

    pub fn matches(&self, code: &str) -> bool {
        self.0 == "ALL" || code.starts_with(&self.0)
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The set of enabled rule codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    enabled: BTreeSet<String>,
}

impl Default for Selection {
    /// Every rule.
    fn default() -> Self {
        Selection::new(&[Selector("ALL".into())], &[], &[], &[])
    }
}

impl Selection {
    /// `select` (or every rule when empty) plus `extend_select`, minus `ignore`. The DC0xx
    /// rules (syntax, schema, references, suppressions) are always on: without them no other
    /// finding can be trusted. `custom` lists the codes of the workspace's own rules.
    pub fn new(
        select: &[Selector],
        extend_select: &[Selector],
        ignore: &[Selector],
        custom: &[&str],
    ) -> Selection {
        let all: Vec<&str> = REGISTRY
            .iter()
            .map(|rule| rule.code)
            .chain(custom.iter().copied())
            .collect();
        let selected = |code: &str| {
            let chosen = if select.is_empty() {
                true
            } else {
                select.iter().any(|s| s.matches(code))
            };
            (chosen || extend_select.iter().any(|s| s.matches(code)))
                && !ignore.iter().any(|s| s.matches(code))
        };
        let enabled = all
            .into_iter()
            .filter(|code| code.starts_with("DC0") || selected(code))
            .map(str::to_owned)
            .collect();
        Selection { enabled }
    }

    /// Exactly these codes (used by the documentation tests to run one rule).
    pub fn only(codes: &[&str]) -> Selection {
        Selection {
            enabled: codes.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    pub fn is_enabled(&self, code: &str) -> bool {
        self.enabled.contains(code)
    }
}
