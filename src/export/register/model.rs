//! The register as the renderers see it: every id already resolved to a name or a label in
//! the register's language, so that each renderer only lays out text. Serialised as is, it is
//! the `--format json` document (see `json.rs` for its contract).

use crate::i18n::Locale;
use serde::Serialize;

/// The whole record of processing activities.
#[derive(Debug, Clone, Serialize)]
pub struct Register {
    /// Version of this JSON structure; bumped on any incompatible change.
    pub version: u32,
    /// The language of every `label` and `summary`: `en` or `fr`.
    pub locale: &'static str,
    /// The date the register was produced (`YYYY-MM-DD`).
    pub date: String,
    pub controller: Controller,
    /// `None`: no DPO is designated in the charter.
    pub dpo: Option<Dpo>,
    pub summary: Summary,
    pub processings: Vec<Sheet>,
    #[serde(skip)]
    pub language: Locale,
    /// `--with-findings`: the documents add each processing's open findings in an annex.
    #[serde(skip)]
    pub with_findings: bool,
}

/// An id with its human label (the id itself when the vocabulary does not know it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Labelled {
    pub id: String,
    pub label: String,
}

/// A security measure with the group of the CNIL model register it is listed under (the
/// `security_groups` of the governance pack).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Measure {
    pub id: String,
    pub label: String,
    pub group: Labelled,
}

/// The organisation that determines the purposes and means (Art. 30(1)(a)).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Controller {
    pub id: Option<String>,
    pub name: Option<String>,
    pub legal_form: Option<Labelled>,
    pub country: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// Official numbers (SIRET, RNA…), the scheme labelled.
    pub identifiers: Vec<IdentifierInfo>,
    /// The representative in the Union (Art. 27).
    pub representative: Option<RepresentativeInfo>,
}

/// An official number of the controller.
#[derive(Debug, Clone, Serialize)]
pub struct IdentifierInfo {
    pub scheme: Labelled,
    pub value: String,
}

/// The controller's representative in the Union (Art. 27, 30(1)(a)).
#[derive(Debug, Clone, Serialize)]
pub struct RepresentativeInfo {
    pub name: String,
    pub email: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
}

impl RepresentativeInfo {
    /// The name and its contact details, on one line.
    pub fn display(&self) -> String {
        std::iter::once(self.name.as_str())
            .chain(self.address.as_deref())
            .chain(self.email.as_deref())
            .chain(self.phone.as_deref())
            .filter(|part| !part.trim().is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Controller {
    /// The identifiers on one line: `SIRET number 123 456 789 00012, RNA number W691000000`.
    pub fn identifiers_display(&self) -> Option<String> {
        (!self.identifiers.is_empty()).then(|| {
            self.identifiers
                .iter()
                .map(|identifier| format!("{} {}", identifier.scheme.label, identifier.value))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }
}

/// The data protection officer: a person of the organisation, or an outside party.
#[derive(Debug, Clone, Serialize)]
pub struct Dpo {
    /// `internal` (a person of the staff directory) or `external` (a party).
    pub kind: Labelled,
    /// The person's or party's id; `None` when the charter names neither.
    pub id: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// What the linter says about the workspace as a whole.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub processings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Some files or documents could not be read (syntax or schema errors), so what they
    /// describe is missing from the register.
    pub incomplete: bool,
}

/// The lint status of one processing: the findings located in its document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Status {
    /// `ok`, `warnings` or `errors`: the worst severity found (infos count as ok).
    pub level: StatusLevel,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// The status in words, e.g. `errors (2)`.
    pub label: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusLevel {
    #[default]
    Ok,
    Warnings,
    Errors,
}

impl StatusLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusLevel::Ok => "ok",
            StatusLevel::Warnings => "warnings",
            StatusLevel::Errors => "errors",
        }
    }
}

/// A person of the staff directory.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRef {
    pub id: String,
    /// `None` when the id is not in the staff directory (DC005 reports it).
    pub name: Option<String>,
    pub email: Option<String>,
}

/// An outside organisation.
#[derive(Debug, Clone, Serialize)]
pub struct PartyRef {
    pub id: String,
    /// `None` when no party has this id (DC005 reports it).
    pub name: Option<String>,
    /// ISO 3166-1 code.
    pub country: Option<String>,
    /// The country in words, in the register's language.
    pub country_name: Option<String>,
    /// Contact email.
    pub contact: Option<String>,
    /// The data processing agreement (Art. 28(3)): reference and dates, in words.
    pub contract: Option<String>,
    /// The joint-control arrangement (Art. 26).
    pub arrangement: Option<String>,
}

/// One sheet of the register: one processing activity.
#[derive(Debug, Clone, Serialize)]
pub struct Sheet {
    pub id: String,
    /// The sheet's number: derived from the id, so that adding or removing a processing never
    /// renumbers the others (see `build::stable_numbers`).
    pub number: u32,
    pub name: String,
    /// The workspace file that describes it, `/`-separated (not shown in the documents).
    pub file: String,
    /// The document failed to parse or validate: the sheet shows what could be read of it.
    pub partial: bool,
    /// The lint status, only with `--with-findings` (a linter does not certify compliance).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The open findings of the processing, of its sources and of its parties, only with
    /// `--with-findings`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<OpenFinding>,
    /// How consent is given, recorded and withdrawn, when the legal basis is consent.
    pub consent: Option<ConsentInfo>,
    pub joint_controllers: Vec<PartyRef>,
    pub purpose: Option<Labelled>,
    pub description: Option<String>,
    pub legal_basis: Option<Labelled>,
    pub legitimate_interest_assessment: Option<String>,
    pub data_subjects: Vec<Labelled>,
    /// Every declared category, in the order written, each with its retention.
    pub categories: Vec<Category>,
    pub art9_exception: Option<Art9Exception>,
    pub sources: Vec<SourceRef>,
    pub recipients: Recipients,
    pub processors: Vec<PartyRef>,
    pub transfers: Vec<Transfer>,
    pub retention: Vec<Retention>,
    pub security: Vec<Measure>,
    pub dpia: Option<Dpia>,
    pub owner: Option<PersonRef>,
    /// The sheet's creation date (`YYYY-MM-DD`).
    pub created: Option<String>,
    pub last_reviewed: Option<String>,
}

impl Sheet {
    /// The categories that are not sensitive.
    pub fn ordinary_categories(&self) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(|c| c.sensitive.is_none())
    }

    /// The sensitive categories (Art. 9, Art. 10, national id), set apart in the register.
    pub fn sensitive_categories(&self) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(|c| c.sensitive.is_some())
    }
}

/// A finding still open on a processing or on what it uses (the `--with-findings` annex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenFinding {
    pub code: String,
    pub severity: Labelled,
    pub message: String,
}

/// Consent as the CNIL's model register asks for it.
#[derive(Debug, Clone, Serialize)]
pub struct ConsentInfo {
    /// How it is given (single or double opt-in, signed form…).
    pub mechanism: Option<Labelled>,
    /// How it is recorded (the proof).
    pub record: Option<String>,
    /// How it is withdrawn.
    pub withdrawal: Option<String>,
    pub explicit: bool,
    pub parental: bool,
}

/// A data category of a processing.
#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub id: String,
    pub label: String,
    /// What is held: the processing's sources' fields of this category, each by its
    /// `description` or else its name; `None` when no source holds it.
    pub description: Option<String>,
    /// Why it is sensitive, when it is.
    pub sensitive: Option<Labelled>,
    /// The retention rules that cover it, in words.
    pub retention: Vec<String>,
}

/// The documented Art. 9(2) exception.
#[derive(Debug, Clone, Serialize)]
pub struct Art9Exception {
    pub basis: Labelled,
    pub description: Option<String>,
    pub reference: Option<String>,
}

/// A source the processing reads from.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    pub id: String,
    /// `None` when no source has this id (DC005 reports it).
    pub name: Option<String>,
}

/// Who receives the data.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Recipients {
    /// `false` when the processing does not say (DC104), as opposed to empty lists.
    pub declared: bool,
    /// Internal services, by function.
    pub internal: Vec<Labelled>,
    pub external: Vec<PartyRef>,
}

/// A transfer outside the EEA.
#[derive(Debug, Clone, Serialize)]
pub struct Transfer {
    pub country: Option<String>,
    /// The country in words.
    pub country_name: Option<String>,
    pub recipient: Option<PartyRef>,
    pub safeguard: Option<Labelled>,
    pub derogation: Option<Labelled>,
    pub regular: bool,
    pub reference: Option<String>,
    pub description: Option<String>,
}

/// A retention rule.
#[derive(Debug, Clone, Serialize)]
pub struct Retention {
    /// The categories covered; empty means all the processing's categories.
    pub categories: Vec<Labelled>,
    /// The duration as written canonically (`3y`, `13mo`).
    pub duration: String,
    pub from: Option<Labelled>,
    pub then: Option<Labelled>,
    pub archive: Option<Archive>,
    pub justification: Option<String>,
    /// The whole rule in words, e.g. `3 years from the end of the contract, then deletion`.
    pub summary: String,
}

/// The intermediate-archive stage.
#[derive(Debug, Clone, Serialize)]
pub struct Archive {
    pub duration: String,
    pub access: Option<String>,
}

/// The DPIA of Art. 35.
#[derive(Debug, Clone, Serialize)]
pub struct Dpia {
    pub status: Labelled,
    pub date: Option<String>,
    pub reason: Option<String>,
    pub reference: Option<String>,
}

// One-line forms shared by the text renderers; they hold no words, only names and ids.

impl PersonRef {
    /// `Chloé Leroy (c.leroy@example.org)`, or the id when the person is unknown.
    pub fn display(&self) -> String {
        let name = self.name.as_deref().unwrap_or(&self.id);
        match &self.email {
            Some(email) => format!("{name} ({email})"),
            None => name.to_owned(),
        }
    }
}

impl PartyRef {
    /// `Billetel SAS (France)`, or the id when the party is unknown.
    pub fn display(&self) -> String {
        let name = self.name.as_deref().unwrap_or(&self.id);
        match self.country_name.as_ref().or(self.country.as_ref()) {
            Some(country) => format!("{name} ({country})"),
            None => name.to_owned(),
        }
    }
}

impl SourceRef {
    pub fn display(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.id.clone())
    }
}

impl Dpo {
    /// `Émilie Dubois (internal), dpo@example.org, +33…`.
    pub fn display(&self) -> String {
        let name = self
            .name
            .as_deref()
            .or(self.id.as_deref())
            .unwrap_or_default();
        let mut parts = vec![format!("{name} ({})", self.kind.label)];
        parts.extend(
            self.email
                .iter()
                .chain(&self.phone)
                .chain(&self.address)
                .cloned(),
        );
        parts.join(", ")
    }
}

impl Controller {
    /// `Théâtre des Quatre Saisons, 1 rue du Théâtre, 69001 Lyon, contact@…`.
    pub fn display(&self) -> String {
        self.name
            .iter()
            .chain(&self.address)
            .chain(&self.email)
            .chain(&self.phone)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Transfer {
    /// The safeguard, with the derogation when there is one.
    pub fn safeguard_display(&self) -> Option<String> {
        match (&self.safeguard, &self.derogation) {
            (Some(safeguard), Some(derogation)) => {
                Some(format!("{} — {}", safeguard.label, derogation.label))
            }
            (Some(safeguard), None) => Some(safeguard.label.clone()),
            (None, Some(derogation)) => Some(derogation.label.clone()),
            (None, None) => None,
        }
    }
}
