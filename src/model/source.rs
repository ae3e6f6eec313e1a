//! `kind: source` — one place where personal data lives (the data inventory).

use super::common::{Art9Exception, SourceKind};
use super::ids::{CategoryId, CountryCode, Date, Id, SecurityMeasure, SubjectId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A tool, file or service holding personal data, with its fields and their categories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub kind: SourceKind,
    pub id: Id,
    pub name: String,
    #[serde(rename = "type")]
    pub source_type: SourceType,
    pub description: Option<String>,
    /// The party (id) that provides the tool.
    pub vendor: Option<Id>,
    /// The person (id) responsible for the source.
    pub owner: Option<Id>,
    pub hosting: Option<Hosting>,
    /// False when the data is held by someone else (e.g. a distributor) and the organisation
    /// cannot obtain it; say why in `access_note` (DC803). Absent means accessible.
    pub accessible: Option<bool>,
    pub access_note: Option<String>,
    /// Where a spreadsheet or file lives (a drive path, a URL; DC804).
    pub location: Option<String>,
    pub export: Option<Export>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_subjects: Vec<SubjectId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// The Art. 9(2) exception when the source holds special-category data (DC201).
    pub art9_exception: Option<Art9Exception>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security: Vec<SecurityMeasure>,
    /// When this description was last checked against reality (DC901).
    pub last_reviewed: Option<Date>,
}

/// What kind of tool the source is: `ticketing`, `crm`, `website`, `analytics`, `emailing`,
/// `spreadsheet`, `social-network`, `accounting`, `survey` or `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SourceType {
    Ticketing,
    Crm,
    Website,
    Analytics,
    Emailing,
    Spreadsheet,
    SocialNetwork,
    Accounting,
    Survey,
    Other,
}

/// Where the data is hosted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hosting {
    pub country: Option<CountryCode>,
    /// The hosting provider, as a party id.
    pub provider: Option<Id>,
}

/// How the data can be exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Export {
    /// `csv`, `xlsx`, `json`…
    pub format: Option<String>,
    pub delimiter: Option<String>,
    pub encoding: Option<String>,
}

/// One field (column) of a source and the data category it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The field's name as the tool shows it.
    pub name: String,
    pub category: CategoryId,
    /// The field accepts free text (comments, notes; DC206).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub free_text: bool,
    pub description: Option<String>,
}
