//! Rules stage: the rule catalogue. One rule, one file (`<family>/<rule_name>.rs`) holding its
//! metadata (stated once, with [`declare_rule!`]) and its check, its examples beside it
//! (`<family>/examples/<code>-fail.yaml`, `-pass.yaml`), its prose in the catalogues;
//! `registry.rs` is the single table code → rule.
//!
//! Rules read the typed [`Inventory`] and the [`PolicyTables`] and speak in (file, JSON pointer):
//! they never see YAML text or spans.

/// Declares a rule file's `RULE`: its code, name and default severity, stated once. The family
/// is the module's (`super::FAMILY`, in the family's `mod.rs`); the documented examples are the
/// YAML files `examples/<code>-fail.yaml` and `examples/<code>-pass.yaml` beside the rule,
/// embedded. Without `check`, the rule's findings come from a pipeline stage (DC001…).
/// `tests/rule_docs.rs` checks the name against the file name and the code against the family.
macro_rules! declare_rule {
    (code: $code:literal, name: $name:literal, severity: $severity:ident $(, check: $check:path)? $(,)?) => {
        pub static RULE: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            family: super::FAMILY,
            severity: $crate::finding::Severity::$severity,
            docs: $crate::rules::Docs {
                failing: include_str!(concat!("examples/", $code, "-fail.yaml")),
                passing: include_str!(concat!("examples/", $code, "-pass.yaml")),
            },
            check: declare_rule!(@check $($check)?),
            source: file!(),
        };
    };
    (@check $check:path) => { Some($check) };
    (@check) => { None };
}

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
    /// DAxxx: the data audit (`datacharter audit`), in its own registry.
    Audit,
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
            Family::Audit => "audit",
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
    /// The source file that declares the rule (`file!()`), so a test can check that the name
    /// is the file's and the family its directory's.
    pub source: &'static str,
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

    /// A finding of this rule whose sentences are its catalogue's `{code}.message` (filled
    /// with `args`), `{code}.label` and `{code}.help`, in `locale`.
    pub fn localized(
        &self,
        locale: crate::i18n::Locale,
        location: Location,
        args: &[(&str, &dyn std::fmt::Display)],
    ) -> Finding {
        let text =
            |part: &str, args| crate::i18n::format(locale, &format!("{}.{part}", self.code), args);
        self.finding(location, text("message", args))
            .with_label(text("label", &[]))
            .with_help(text("help", &[]))
    }
}

/// Runs the selected rules that have a check. Each rule's findings come out in the order the
/// rule emits them; the reporter sorts.
pub fn run(context: &Context<'_>, selection: &Selection) -> Vec<Finding> {
    use rayon::prelude::*;
    // Rules are independent: they run on the thread pool, and their findings are joined in
    // registry order, so the result does not depend on the number of threads.
    let per_rule: Vec<Vec<Finding>> = REGISTRY
        .par_iter()
        .filter_map(|rule| rule.check.filter(|_| selection.is_enabled(rule.code)))
        .map(|check| {
            let mut findings = Vec::new();
            let ((), captured) = crate::i18n::capture(|| check(context, &mut findings));
            crate::finding::attach_key_args(&mut findings, &captured);
            findings
        })
        .collect();
    let mut findings: Vec<Finding> = per_rule.into_iter().flatten().collect();
    custom::run(context, selection, &mut findings);
    findings
}

/// What the rule families' unit tests share: lint a YAML workspace (documents separated by
/// `---`) with one rule selected, on 2026-06-01 as `tests/rule_docs.rs` does, and check every
/// documented failing example of a family.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Family, REGISTRY};
    use crate::finding::Finding;
    use crate::i18n::Locale;
    use jiff::civil::Date;

    /// The day the tests lint on.
    pub fn today() -> Date {
        jiff::civil::date(2026, 6, 1)
    }

    /// Lints a one-file workspace with only `code` enabled.
    pub fn lint_only(code: &str, yaml: &str) -> Vec<Finding> {
        lint_in(code, yaml, today(), Locale::En)
    }

    /// [`lint_only`], with the messages in `locale`.
    pub fn lint_only_in(code: &str, yaml: &str, locale: Locale) -> Vec<Finding> {
        lint_in(code, yaml, today(), locale)
    }

    /// [`lint_only`] on another day.
    pub fn lint_on(code: &str, yaml: &str, today: Date) -> Vec<Finding> {
        lint_in(code, yaml, today, Locale::En)
    }

    /// [`lint_only`] on another day, with the messages in `locale`.
    pub fn lint_in(code: &str, yaml: &str, today: Date, locale: Locale) -> Vec<Finding> {
        match crate::lint::lint_example_in(&[code], yaml, today, locale) {
            Ok(findings) => findings,
            Err(error) => panic!("built-in packs do not load: {error}"),
        }
    }

    /// The JSON pointers the findings point at, in order.
    pub fn pointers(findings: &[Finding]) -> Vec<&str> {
        findings
            .iter()
            .filter_map(|finding| finding.location.pointer())
            .collect()
    }

    /// The texts a finding shows: message, label, help, secondary labels.
    fn texts(finding: &Finding) -> Vec<String> {
        let mut texts = vec![finding.message.clone(), finding.label.clone()];
        texts.extend(finding.help.clone());
        texts.extend(finding.labels.iter().map(|label| label.message.clone()));
        texts
    }

    /// Lints the documented failing example of every rule of `family` in English and in French,
    /// and checks that each French text (message, label, help, secondary labels) is a translation:
    /// as many findings, and no text left as the English one.
    pub fn assert_family_speaks_french(family: Family) {
        for rule in REGISTRY.iter().filter(|rule| rule.family == family) {
            let english = lint_only_in(rule.code, rule.docs.failing, Locale::En);
            let french = lint_only_in(rule.code, rule.docs.failing, Locale::Fr);
            assert!(
                !english.is_empty(),
                "{}: the failing example passes",
                rule.code
            );
            assert_eq!(english.len(), french.len(), "{}", rule.code);
            for (english, french) in english.iter().zip(&french) {
                for (english, french) in texts(english).iter().zip(texts(french)) {
                    assert_ne!(english, &french, "{}: not translated", rule.code);
                    assert!(
                        !french.contains("DC"),
                        "{}: a key is missing: {french}",
                        rule.code
                    );
                }
            }
        }
    }

    /// Every documented failing example of `family`: each message, label, help line and
    /// secondary label differs from the English one, so none was left as a literal (every
    /// finding of these families has a help line).
    pub fn assert_failing_examples_translated(family: Family) {
        for rule in REGISTRY.iter().filter(|rule| rule.family == family) {
            let english = lint_only_in(rule.code, rule.docs.failing, Locale::En);
            let french = lint_only_in(rule.code, rule.docs.failing, Locale::Fr);
            assert!(!french.is_empty(), "{}: no finding", rule.code);
            assert_eq!(english.len(), french.len(), "{}", rule.code);
            for (en, fr) in english.iter().zip(&french) {
                assert_ne!(en.message, fr.message, "{}", rule.code);
                assert_ne!(en.label, fr.label, "{}", rule.code);
                assert_ne!(en.help, fr.help, "{}", rule.code);
                for (en, fr) in en.labels.iter().zip(&fr.labels) {
                    assert_ne!(en.message, fr.message, "{}", rule.code);
                }
            }
        }
    }

    /// Every text of every finding of the failing examples of `rules` is translated, and none,
    /// in either language, is a bare catalogue key (one starting with a prefix of `keys`).
    pub fn assert_rules_speak_french(rules: &[&super::Rule], keys: &[&str]) {
        for rule in rules {
            let english = lint_only_in(rule.code, rule.docs.failing, Locale::En);
            let french = lint_only_in(rule.code, rule.docs.failing, Locale::Fr);
            assert!(
                !english.is_empty(),
                "{} does not fire on its example",
                rule.code
            );
            assert_eq!(english.len(), french.len(), "{}", rule.code);
            for (en, fr) in english.iter().zip(&french) {
                for (en, fr) in texts(en).iter().zip(texts(fr).iter()) {
                    assert_ne!(en, fr, "{}: not translated", rule.code);
                    for text in [en, fr] {
                        let bare_key = keys.iter().any(|key| text.starts_with(key));
                        assert!(!bare_key, "{}: no message for `{text}`", rule.code);
                    }
                }
            }
        }
    }

    /// The human rendering of every documented failing example of `family`, one after the other:
    /// what a user sees for each rule, kept as a snapshot.
    pub fn render_failing_examples(family: Family) -> String {
        let mut rendered = String::new();
        for rule in REGISTRY.iter().filter(|rule| rule.family == family) {
            rendered.push_str(&format!("===== {} {}\n", rule.code, rule.name));
            rendered.push_str(&render_failing_example(rule));
        }
        rendered
    }

    /// The human rendering (English, no colour, 100 columns) of `rule`'s failing example.
    pub fn render_failing_example(rule: &super::Rule) -> String {
        use crate::lint::{Options, lint_inputs};
        use crate::report::{HumanOptions, Report, locate, render_human};
        let options = Options::new(super::Selection::only(&[rule.code]), today());
        let inputs = vec![(
            "example.yaml".to_owned(),
            Ok(rule.docs.failing.as_bytes().to_vec()),
        )];
        let outcome = match lint_inputs(inputs, "datacharter.yaml", &options) {
            Ok(outcome) => outcome,
            Err(error) => panic!("built-in packs do not load: {error}"),
        };
        let files = &outcome.files;
        let diagnostics = locate(outcome.findings, &|path| files.get(path));
        let report = Report::new(
            ".",
            outcome.file_count,
            outcome.document_count,
            0,
            diagnostics,
        );
        let options = HumanOptions {
            colored: false,
            width: 100,
        };
        let mut out = Vec::new();
        if let Err(error) = render_human(&report, &|path| files.get(path), &options, &mut out) {
            panic!("rendering to memory failed: {error}");
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// One snapshot per rule: what a user reads for its failing example (English). A new rule
/// gets its `snapshots/datacharter__rules__tests__<code>.snap` to review on its first run.
#[cfg(test)]
mod tests {
    use super::REGISTRY;
    use super::testing::render_failing_example;

    #[test]
    fn each_rule_renders_its_failing_example() {
        // DC009's examples are baseline files, not workspaces: its rendering is part of the
        // `examples/broken` snapshots (tests/cli.rs), which hold a stale baseline entry.
        for rule in REGISTRY.iter().filter(|rule| rule.code != "DC009") {
            let rendered = render_failing_example(rule);
            assert!(
                rendered.contains(rule.code),
                "{}: not in its own rendering",
                rule.code
            );
            insta::assert_snapshot!(rule.code, rendered, rule.name);
        }
    }
}
