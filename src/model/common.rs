//! Pieces shared by several kinds: contacts, labels, Art. 9(2) exceptions, the kind tags.

use super::ids::Id;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A single-value `kind` tag, so each document type names its own kind in its schema and
/// rejects any other.
macro_rules! kind_tag {
    ($name:ident, $value:literal) => {
        #[doc = concat!("The kind of this document: always `", $value, "`.")]
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema,
        )]
        #[schemars(inline)]
        pub enum $name {
            #[default]
            #[serde(rename = $value)]
            Tag,
        }
    };
}

kind_tag!(OrganisationKind, "organisation");
kind_tag!(PartyKind, "party");
kind_tag!(SourceKind, "source");
kind_tag!(ProcessingKind, "processing");
kind_tag!(CharterKind, "charter");
kind_tag!(PolicyKind, "policy");

/// How to reach an organisation or a person.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub email: Option<String>,
    /// Postal address, on one line.
    pub address: Option<String>,
    pub phone: Option<String>,
}

/// A label in English and in French.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub en: String,
    pub fr: String,
}

/// The exception of GDPR Art. 9(2) that allows processing special-category data, by its
/// letter: `a` explicit consent; `b` employment and social-security obligations; `c` vital
/// interests of a person unable to consent; `d` a foundation, association or other
/// not-for-profit body with a political, philosophical, religious or trade-union aim, for its
/// members, former members or regular contacts (the organisation's `aim` says so); `e` data made
/// public by the person; `f` legal claims; `g` substantial public interest; `h` health or
/// social care; `i` public health; `j` archiving, research or statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Art9Basis {
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H,
    I,
    J,
}

/// The documented Art. 9(2) exception for special-category data (DC201).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Art9Exception {
    pub basis: Art9Basis,
    /// Why the exception applies here.
    pub description: Option<String>,
    /// Where the justification is documented (a file, a deliberation, a consent form).
    pub reference: Option<String>,
}

/// The case of loi Informatique et Libertés art. 46 under which data on criminal convictions
/// and offences is processed (GDPR Art. 10; DC203).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Art10Basis {
    pub article: Art46Case,
    /// Why the case applies here (the legal power, the legal action prepared).
    pub description: Option<String>,
    pub reference: Option<String>,
}

/// A case of loi I&L art. 46: `46-1` courts, public authorities and legal persons running a
/// public service, within their legal powers; `46-2` officers of the court (auxiliaires de
/// justice); `46-3` a person preparing, bringing and following a legal action as a victim or
/// defendant, for a strictly proportionate duration; `46-4` the collective-management bodies of
/// the Code de la propriété intellectuelle (L321-1, L331-1) for infringements; `46-5`
/// re-users of court decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Art46Case {
    #[serde(rename = "46-1")]
    PublicAuthority,
    #[serde(rename = "46-2")]
    OfficerOfTheCourt,
    #[serde(rename = "46-3")]
    LegalAction,
    #[serde(rename = "46-4")]
    CollectiveManagement,
    #[serde(rename = "46-5")]
    CourtDecisions,
}

/// The kinds of documents of a workspace.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    Organisation,
    Party,
    Source,
    Processing,
    Charter,
    Policy,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 6] = [
        DocumentKind::Organisation,
        DocumentKind::Party,
        DocumentKind::Source,
        DocumentKind::Processing,
        DocumentKind::Charter,
        DocumentKind::Policy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Organisation => "organisation",
            DocumentKind::Party => "party",
            DocumentKind::Source => "source",
            DocumentKind::Processing => "processing",
            DocumentKind::Charter => "charter",
            DocumentKind::Policy => "policy",
        }
    }

    pub fn parse(text: &str) -> Option<DocumentKind> {
        DocumentKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

impl std::fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is: `error`, `warning` or `info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeverityLevel {
    Error,
    Warning,
    Info,
}

impl From<SeverityLevel> for crate::finding::Severity {
    fn from(level: SeverityLevel) -> Self {
        match level {
            SeverityLevel::Error => crate::finding::Severity::Error,
            SeverityLevel::Warning => crate::finding::Severity::Warning,
            SeverityLevel::Info => crate::finding::Severity::Info,
        }
    }
}

/// A person of the organisation's staff directory, referenced by `id` elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: Id,
    pub name: String,
    /// What the person does, from the `functions` vocabulary (DPO conflicts, DC402).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<super::ids::FunctionId>,
    pub email: Option<String>,
}
