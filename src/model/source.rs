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

/// How the data can be exported, and where an export lies for `datacharter audit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Export {
    /// Where the export lies (`datacharter audit`): a path or glob relative to the workspace
    /// root, which must stay inside it; the newest matching file is audited.
    pub path: Option<String>,
    /// `csv`, `xlsx`, `ods`, `xls` (what `audit` reads), or another format (`json`…) to document.
    pub format: Option<String>,
    /// The CSV delimiter: `;`, `,`, `\t` (or a tab) or `|` [default: guessed from the header].
    pub delimiter: Option<String>,
    /// The CSV encoding: `utf-8` or `windows-1252` (also `cp1252`, `latin1`) [default: a BOM,
    /// else UTF-8 when valid, else Windows-1252, and `audit` says so (DA003)].
    pub encoding: Option<String>,
    /// The 1-based row holding the column names [default: 1].
    #[schemars(range(min = 1))]
    pub header_row: Option<u32>,
    /// The sheet of a spreadsheet to read (xlsx, ods, xls) [default: the first].
    pub sheet: Option<String>,
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
    /// The export's column name when it differs from `name` (`datacharter audit`).
    pub column: Option<String>,
    /// The fill rate this field should reach in the export, e.g. `95%` (DA301).
    pub required: Option<Percent>,
    /// The retention start this field's dates mark (`last-contact`, `collection`…): lets
    /// `datacharter audit` count rows kept past their retention (DA401).
    pub marks: Option<super::processing::RetentionStart>,
}

/// A share written as a percentage: `95%`, `80.5%`, from `0%` to `100%`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percent(f64);

impl Percent {
    pub const PATTERN: &'static str = "^(100(\\.0+)?|[0-9]{1,2}(\\.[0-9]+)?)%$";

    /// Parses `95%`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Percent> {
        let number = text.trim().strip_suffix('%')?;
        let digits_ok = !number.is_empty()
            && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && number.bytes().filter(|b| *b == b'.').count() <= 1;
        let value: f64 = number.parse().ok().filter(|_| digits_ok)?;
        (0.0..=100.0).contains(&value).then_some(Percent(value))
    }

    /// The share, from 0 to 1.
    pub fn fraction(self) -> f64 {
        self.0 / 100.0
    }
}

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}%", self.0)
    }
}

impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Percent::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a percentage like `95%`"))
        })
    }
}

impl JsonSchema for Percent {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Percent")
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": Self::PATTERN,
            "description": "a percentage from 0% to 100%, like `95%`",
        })
    }
}
