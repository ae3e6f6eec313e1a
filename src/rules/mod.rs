//! Rules stage: the rule catalogue. One rule, one file (`<family>/<rule_name>.rs`) holding its
//! metadata, its documentation and its check; `registry.rs` is the single table code → rule.
//!
//! Rules read the typed [`Inventory`] and the [`PolicyTables`] and speak in (file, JSON pointer):
//! they never see YAML text or spans.

pub mod custom;
mod registry;
mod selection;

pub mod consent;
pub mod consistency;
pub mod foundation;
pub mod freshness;
pub mod governance;
pub mod register;
pub mod retention;
pub mod security;
pub mod sensitive;
pub mod transfers;

pub use registry::{REGISTRY, find};
pub use selection::{Selection, Selector, SelectorError};

use crate::finding::{Finding, Location, Severity};
use crate::model::{DocumentKind, Inventory};
use crate::policy::CompiledRule;
use crate::policy::PolicyTables;
use serde::Serialize;

/// The family of a rule, by the hundreds digit of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// DC0xx: syntax, schema, references.
    Foundation,
    /// DC1xx: register completeness (Art. 30).
    Register,
    /// DC2xx: sensitive data.
    Sensitive,
    /// DC3xx: retention.
    Retention,
    /// DC4xx: DPO and governance.
    Governance,
    /// DC5xx: legal basis, consent, minimisation.
    Consent,
    /// DC6xx: processors and transfers.
    Transfers,
    /// DC7xx: security, breach, DPIA.
    Security,
    /// DC8xx: inventory and consistency.
    Consistency,
    /// DC9xx: freshness.
    Freshness,
}

impl Family {
    pub fn slug(self) -> &'static str {
        match self {
            Family::Foundation => "foundation",
            Family::Register => "register",
            Family::Sensitive => "sensitive",
            Family::Retention => "retention",
            Family::Governance => "governance",
            Family::Consent => "consent",
            Family::Transfers => "transfers",
            Family::Security => "security",
            Family::Consistency => "consistency",
            Family::Freshness => "freshness",
        }
    }
}

/// A rule's documented examples. The prose of its documentation page — summary, what it
/// checks, why it matters, how to fix — is text in two languages, so it lives in the message
/// catalogues (`locales/<lang>/dcN.yaml`, under the rule's code); see [`Rule::text`].
#[derive(Debug, Clone, Copy)]
pub struct Docs {
    /// A workspace (YAML documents separated by `---`) on which the rule fires.
    pub failing: &'static str,
    /// The same workspace, fixed: the rule stays silent.
    pub passing: &'static str,
}

/// The sections of a rule's documentation page, in the catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// One line: when it fires.
    Summary,
    /// The legal reference (articles, guidelines); absent for the syntax rules.
    Legal,
    What,
    Why,
    Fix,
}

impl Section {
    /// The sections every rule must have (the legal reference is optional).
    pub const ALL: [Section; 4] = [Section::Summary, Section::What, Section::Why, Section::Fix];

    pub fn key(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Legal => "legal",
            Section::What => "what",
            Section::Why => "why",
            Section::Fix => "fix",
        }
    }
}

/// What a check reads.
pub struct Context<'a> {
    pub inventory: &'a Inventory,
    pub policy: &'a PolicyTables,
    /// "Today" for date comparisons (fixed by `DATACHARTER_TODAY` in tests).
    pub today: jiff::civil::Date,
    /// The settings file, relative to the root: where workspace-wide findings point.
    pub settings_file: &'a str,
    /// Every valid document as JSON, for the custom rules (which select nodes by pointer).
    pub documents: &'a [RawDocument<'a>],
    /// The workspace's custom rules, compiled.
    pub custom_rules: &'a [CompiledRule],
    /// The language of the messages.
    pub locale: crate::i18n::Locale,
}

/// A valid document's JSON value and where it is.
#[derive(Debug, Clone, Copy)]
pub struct RawDocument<'a> {
    pub file: &'a str,
    pub document: usize,
    pub kind: DocumentKind,
    pub value: &'a serde_json::Value,
}

/// A check: reads the context, pushes findings.
pub type Check = fn(&Context<'_>, &mut Vec<Finding>);

/// A rule of the catalogue.
#[derive(Debug)]
pub struct Rule {
    /// Stable public code, e.g. `DC204`.
    pub code: &'static str,
    /// Kebab-case name, e.g. `disability-detail`.
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub docs: Docs,
    /// `None` for findings a pipeline stage emits itself (DC001–DC003, DC007, DC008).
    pub check: Option<Check>,
}

impl Rule {
    /// A section of the rule's documentation, in `locale`.
    pub fn text(&self, section: Section, locale: crate::i18n::Locale) -> &'static str {
        let key = format!("{}.{}", self.code, section.key());
        crate::i18n::catalogue(locale)
            .get(&key)
            .or_else(|| crate::i18n::catalogue(crate::i18n::Locale::En).get(&key))
            .map_or("", String::as_str)
    }

    /// The one-line summary, in English (SARIF, tables).
    pub fn summary(&self) -> &'static str {
        self.text(Section::Summary, crate::i18n::Locale::En)
    }

    /// A finding of this rule at its default severity.
    pub fn finding(&self, location: Location, message: impl Into<String>) -> Finding {
        Finding::new(self.code, self.name, self.severity, location, message)
    }
}

/// Runs the selected rules that have a check. Each rule's findings come out in the order the
/// rule emits them; the reporter sorts.
pub fn run(context: &Context<'_>, selection: &Selection) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in REGISTRY {
        if let Some(check) = rule.check
            && selection.is_enabled(rule.code)
        {
            let t = std::time::Instant::now();
            check(context, &mut findings);
            eprintln!(
                "TIMING {} {:.2}",
                rule.code,
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
    custom::run(context, selection, &mut findings);
    findings
}
