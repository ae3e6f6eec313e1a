//! The one diagnostic type every stage emits and the reporter renders.
//!
//! Stages after `syntax` speak only in (file, document, JSON pointer); the syntax stage, which
//! has no pointer for a parse error, may give a text position instead. The reporter turns both
//! into lines, columns and byte spans.

use serde::Serialize;
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A position in a file's text as the YAML parser counts it: `index` in characters from the
/// start of the text (after a BOM), `line` 1-based, `column` 0-based in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TextPos {
    pub index: usize,
    pub line: usize,
    pub column: usize,
}

/// A half-open range of text, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TextRange {
    pub start: TextPos,
    pub end: TextPos,
}

/// Where inside a file a finding points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A node of a document, by RFC 6901 pointer. A pointer that does not exist (a missing
    /// key) is reported on its closest existing ancestor's key.
    Node {
        document: usize,
        pointer: String,
        /// Underline the mapping key rather than the value (e.g. an unknown key).
        on_key: bool,
    },
    /// A raw text range, for what has no pointer (a YAML syntax error, a duplicate key).
    Text {
        document: Option<usize>,
        range: TextRange,
    },
    /// The file as a whole (unreadable, too large, not UTF-8): reported at its first line.
    File,
}

/// A file (relative to the workspace root, `/`-separated) and a place in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: String,
    pub target: Target,
}

impl Location {
    pub fn node(file: impl Into<String>, document: usize, pointer: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            target: Target::Node {
                document,
                pointer: pointer.into(),
                on_key: false,
            },
        }
    }

    /// The same node, underlining its key instead of its value.
    pub fn on_key(mut self) -> Self {
        if let Target::Node { on_key, .. } = &mut self.target {
            *on_key = true;
        }
        self
    }

    pub fn text(file: impl Into<String>, document: Option<usize>, range: TextRange) -> Self {
        Location {
            file: file.into(),
            target: Target::Text { document, range },
        }
    }

    pub fn whole_file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            target: Target::File,
        }
    }

    pub fn document(&self) -> Option<usize> {
        match &self.target {
            Target::Node { document, .. } => Some(*document),
            Target::Text { document, .. } => *document,
            Target::File => None,
        }
    }

    pub fn pointer(&self) -> Option<&str> {
        match &self.target {
            Target::Node { pointer, .. } => Some(pointer),
            _ => None,
        }
    }
}

/// A secondary place that matters to a finding (the other duplicate, the DPO's entry…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub location: Location,
    pub message: String,
}

/// One diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `DC204`, or `X001` for a custom rule.
    pub code: String,
    /// The rule's kebab-case name, e.g. `disability-detail`.
    pub name: String,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    /// Text for the primary label (under the underlined YAML); the message is used when empty.
    pub label: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// What the message says, independent of its language and wording: its catalogue key and
    /// arguments (`DC204.message(field=tarif_handicap)`), part of the finding's stable key.
    /// Filled by the rules stage from the messages it saw formatted (see
    /// [`crate::i18n::capture`]); empty for the findings of the other stages.
    pub key_args: Vec<String>,
    /// What `datacharter audit` measured in a data file (the JSON report's `audit`).
    pub audit: Option<AuditFacts>,
}

/// The evidence of a data-audit finding: never a cell value, only where and how many.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct AuditFacts {
    /// The export, relative to the workspace root.
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// How many rows the finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<u64>,
    /// Their share of the rows, in millionths (serialised as a ratio from 0 to 1).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "millionths")]
    pub ratio: Option<u32>,
    /// 1-based row numbers, only with `--show rows`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub row_numbers: Vec<u64>,
}

fn millionths<S: serde::Serializer>(value: &Option<u32>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.serialize_f64(f64::from(*value) / 1_000_000.0),
        None => serializer.serialize_none(),
    }
}

impl Finding {
    pub fn new(
        code: impl Into<String>,
        name: impl Into<String>,
        severity: Severity,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            code: code.into(),
            name: name.into(),
            severity,
            message: message.into(),
            location,
            label: String::new(),
            labels: Vec::new(),
            help: None,
            key_args: Vec::new(),
            audit: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_audit(mut self, facts: AuditFacts) -> Self {
        self.audit = Some(facts);
        self
    }

    pub fn with_secondary(mut self, location: Location, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            location,
            message: message.into(),
        });
        self
    }
}

/// Gives each finding the captured forms of its message: the one whose text is the message,
/// else those whose text the message is made of, in order.
pub fn attach_key_args(findings: &mut [Finding], captured: &[crate::i18n::Captured]) {
    for finding in findings {
        if !finding.key_args.is_empty() {
            continue;
        }
        if let Some(exact) = captured.iter().find(|c| c.text == finding.message) {
            finding.key_args = vec![exact.form.clone()];
            continue;
        }
        let mut parts: Vec<String> = Vec::new();
        for part in captured
            .iter()
            .filter(|c| !c.text.trim().is_empty() && finding.message.contains(&c.text))
        {
            if !parts.contains(&part.form) {
                parts.push(part.form.clone());
            }
        }
        finding.key_args = parts;
    }
}
