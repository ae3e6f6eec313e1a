//! Rule selection: codes, prefixes (`DC2`, `DC20`) or `ALL`, as in ruff.

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
        let matches_some = known.iter().any(|code| code.starts_with(&normalized));
        if !normalized.is_empty() && (normalized == "ALL" || matches_some) {
            return Ok(Selector(normalized));
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

/// Which rules run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// `select` (every rule when empty) plus `extend_select`, minus `ignore`; the DC0xx rules
    /// (syntax, schema, references, suppressions) are always on, since no other finding can
    /// be trusted without them. Custom rules (`X…`) are matched the same way.
    Selectors {
        select: Vec<Selector>,
        extend_select: Vec<Selector>,
        ignore: Vec<Selector>,
    },
    /// Exactly these codes (the documentation tests run one rule at a time).
    Only(BTreeSet<String>),
}

impl Default for Selection {
    /// Every rule.
    fn default() -> Self {
        Selection::new(Vec::new(), Vec::new(), Vec::new())
    }
}

impl Selection {
    pub fn new(
        select: Vec<Selector>,
        extend_select: Vec<Selector>,
        ignore: Vec<Selector>,
    ) -> Selection {
        Selection::Selectors {
            select,
            extend_select,
            ignore,
        }
    }

    pub fn only(codes: &[&str]) -> Selection {
        Selection::Only(codes.iter().map(|c| (*c).to_owned()).collect())
    }

    pub fn is_enabled(&self, code: &str) -> bool {
        match self {
            Selection::Only(codes) => codes.contains(code),
            Selection::Selectors {
                select,
                extend_select,
                ignore,
            } => {
                if code.starts_with("DC0") {
                    return true;
                }
                let chosen = select.is_empty() || select.iter().any(|s| s.matches(code));
                (chosen || extend_select.iter().any(|s| s.matches(code)))
                    && !ignore.iter().any(|s| s.matches(code))
            }
        }
    }
}
