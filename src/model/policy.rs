//! `kind: policy` — vocabularies, reference tables and custom rules (rules.md, "Policy packs").
//!
//! Every section is optional: a pack holds one or several.

use super::common::{DocumentKind, Labels, PolicyKind, SeverityLevel};
use super::duration::Duration;
use super::ids::{
    CategoryId, CountryCode, CustomRuleCode, Date, FunctionId, Id, PurposeId, SecurityMeasure,
    SubjectId,
};
use super::processing::{AudienceMeasurement, CardRetention, RetentionStart};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A policy pack: built-in (`taxonomy`, `retention`, `governance`, `minimisation`,
/// `transfers`) or the organisation's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub kind: PolicyKind,
    pub id: Id,
    pub description: Option<String>,
    /// The data-category vocabulary (dotted ids; a parent covers its children).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<VocabularyEntry<PurposeId>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<VocabularyEntry<SubjectId>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<VocabularyEntry<FunctionId>>,
    /// Data subjects whose data is audience or customer data (DC204, DC206). Minors are not
    /// audience as such: a minor is audience when the processing also lists an audience
    /// subject.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience_subjects: Vec<SubjectId>,
    /// Data subjects whose employment and social-security processings may use the national
    /// identification number (staff, artists paid as employees; DC207).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub employment_subjects: Vec<SubjectId>,
    /// Words (French and English) that, in a field name, say the field is free text (DC206);
    /// matched like category keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub free_text_keywords: Vec<String>,
    pub retention: Option<RetentionTables>,
    pub governance: Option<Governance>,
    /// Categories allowed per purpose (DC506).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub minimisation: Vec<MinimisationEntry>,
    pub transfers: Option<TransferTables>,
    // The two sections below are boxed to keep `Policy`, and so every typed document, small.
    /// Whom and what the consent rules concern (DC502, DC505).
    pub consent: Option<Box<ConsentTables>>,
    /// DPIA criteria, DPIA review interval and the security baseline for risky data (DC701,
    /// DC703, DC902).
    pub risk: Option<Box<RiskTables>>,
    /// Custom declarative rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<CustomRule>,
}

/// A free text of a pack that a message quotes: one text for every language, or one per
/// language (`{ en: …, fr: … }`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum LocalizedText {
    /// The same text in every language.
    Plain(String),
    /// One text per language.
    Localized(LocalizedTexts),
}

/// The texts of a localised text, one per language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalizedTexts {
    pub en: String,
    pub fr: String,
}

impl LocalizedText {
    /// The text in `locale` (a plain text in every locale).
    pub fn get(&self, locale: crate::i18n::Locale) -> &str {
        match self {
            LocalizedText::Plain(text) => text,
            LocalizedText::Localized(texts) => match locale {
                crate::i18n::Locale::En => &texts.en,
                crate::i18n::Locale::Fr => &texts.fr,
            },
        }
    }
}

/// A data category of the vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryEntry {
    pub id: CategoryId,
    pub label: Labels,
    pub description: Option<String>,
    pub sensitive: Option<Sensitivity>,
    /// Words (French and English) that, in a field name, suggest this category (DC209).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
}

/// Why a category is sensitive: `art9` special category, `art10` criminal data, or
/// `national-id` (the French NIR and equivalents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Sensitivity {
    Art9,
    Art10,
    NationalId,
}

/// An entry of the purposes, subjects or functions vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "{I}Entry")]
pub struct VocabularyEntry<I> {
    pub id: I,
    pub label: Labels,
    pub description: Option<String>,
}

/// Reference durations and hard ceilings.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetentionTables {
    /// Reference durations (DC301).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<RetentionReference>,
    /// Maxima set by law (statute), which no justification lifts (DC304).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ceilings: Vec<RetentionReference>,
    /// Maxima the CNIL recommends, which a `justification` lifts (DC307).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub maxima: Vec<RetentionReference>,
    /// The longest lifetime the CNIL recommends for the tracker of an exempt audience
    /// measurement (DC307).
    pub tracker_lifetime_max: Option<ReferenceDuration>,
    /// How long data may stay in the active base before an intermediate archive stage is
    /// expected (DC306).
    pub archive_after: Option<ReferenceDuration>,
    /// The id of the reference (in `references`) that is the legal minimum for accounting
    /// records: its `purposes` say which processings are accounting, its `duration` how long
    /// they keep their records at least (DC305).
    pub accounting_minimum: Option<Id>,
}

/// A duration a rule compares against, with the text it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferenceDuration {
    pub duration: Duration,
    /// The legal text or guideline the duration comes from.
    pub source: Option<LocalizedText>,
}

/// A reference retention; the filters (`purposes`, `categories`, `subjects`) that are present
/// must all match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetentionReference {
    pub id: Id,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<PurposeId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<SubjectId>,
    /// Applies only to retention rules that keep card data for one of these reasons (a rule
    /// without `card` keeps it as `proof`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub card: Vec<CardRetention>,
    /// Applies only to processings whose `audience_measurement` is this one.
    pub audience_measurement: Option<AudienceMeasurement>,
    pub duration: Duration,
    pub from: Option<RetentionStart>,
    /// The duration is a minimum (an objection is honoured at least that long), not an upper
    /// limit: DC301 does not compare with it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub minimum: bool,
    /// The legal text or guideline the duration comes from.
    pub source: Option<LocalizedText>,
    pub note: Option<LocalizedText>,
}

/// Governance defaults.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Governance {
    /// Functions that determine purposes and means: a DPO must not hold them (DC402, error).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dpo_incompatible_functions: Vec<FunctionId>,
    /// Functions that may conflict with the DPO role, to assess case by case (DC402,
    /// warning).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dpo_questionable_functions: Vec<FunctionId>,
    pub dpo_incompatible_source: Option<LocalizedText>,
    /// Default review cadence (DC901).
    pub review_every: Option<Duration>,
    /// Descriptions too vague to state a purpose (DC102).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vague_descriptions: Vec<String>,
    /// The longest deadline a breach procedure may give to notify the supervisory authority
    /// (DC702).
    pub breach_notification_max: Option<ReferenceDuration>,
}

/// Whom and what the consent rules concern (DC502, DC505).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentTables {
    /// Purposes that send commercial messages (DC502).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prospecting_purposes: Vec<PurposeId>,
    /// Data subjects with whom there is no customer relationship yet (DC502).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prospect_subjects: Vec<SubjectId>,
    /// Categories that make a message electronic mail (DC502). A processing declaring one of
    /// them, a child or a parent of one uses electronic mail.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub email_categories: Vec<CategoryId>,
    /// Categories an SMS or MMS is sent to (DC502, with the channel `sms`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sms_categories: Vec<CategoryId>,
    /// Data subjects who may be under the age of digital consent (DC505).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub minor_subjects: Vec<SubjectId>,
    /// The age below which a child's consent needs a parent's (GDPR Art. 8(1) lets each
    /// member state choose between 13 and 16).
    #[schemars(range(min = 13, max = 16))]
    pub digital_consent_age: Option<u8>,
}

/// What makes a processing high-risk (DC701, DC703) and how long a DPIA stays current (DC902).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskTables {
    /// Data subjects the EDPB counts as vulnerable (a DPIA criterion, DC701).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vulnerable_subjects: Vec<SubjectId>,
    /// Purposes that are systematic monitoring by nature (a DPIA criterion, DC701).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub monitoring_purposes: Vec<PurposeId>,
    /// Categories whose processing is an innovative technology (a DPIA criterion, DC701); a
    /// category covers its children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub innovative_categories: Vec<CategoryId>,
    /// How long a DPIA stays current before it should be reviewed (DC902).
    pub dpia_review_every: Option<ReferenceDuration>,
    /// Processings the CNIL lists as needing no DPIA (délibération n° 2019-118; DC701).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dpia_exempt: Vec<DpiaExemption>,
    /// Categories that need encryption and access control although the taxonomy does not
    /// mark them sensitive (DC703); a category covers its children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risky_categories: Vec<CategoryId>,
    /// Security measures that count as encryption (DC703); a measure covers its kebab-case
    /// refinements (`encryption` covers `encryption-at-rest`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub encryption_measures: Vec<SecurityMeasure>,
    /// Security measures that count as access control (DC703); a measure covers its
    /// kebab-case refinements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_control_measures: Vec<SecurityMeasure>,
    /// The group of the CNIL model register under which the register lists each security
    /// measure; a measure covers its kebab-case refinements, and a measure in no group is
    /// listed under `other`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroupEntry>,
}

/// A security measure and its group in the CNIL model register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroupEntry {
    pub measure: SecurityMeasure,
    pub group: SecurityGroup,
}

/// The groups of security measures of the CNIL model register: user access control,
/// traceability (logging), software protection, data backup, data encryption, other
/// measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SecurityGroup {
    Access,
    Traceability,
    Software,
    Backup,
    Encryption,
    Other,
}

impl SecurityGroup {
    /// In the order of the CNIL model register.
    pub const ALL: [SecurityGroup; 6] = [
        SecurityGroup::Access,
        SecurityGroup::Traceability,
        SecurityGroup::Software,
        SecurityGroup::Backup,
        SecurityGroup::Encryption,
        SecurityGroup::Other,
    ];

    /// The id, as in the packs and the `register.security_group.*` catalogue keys.
    pub fn id(self) -> &'static str {
        match self {
            SecurityGroup::Access => "access",
            SecurityGroup::Traceability => "traceability",
            SecurityGroup::Software => "software",
            SecurityGroup::Backup => "backup",
            SecurityGroup::Encryption => "encryption",
            SecurityGroup::Other => "other",
        }
    }
}

impl RiskTables {
    /// The register group of a measure: its own entry, else that of the longest measure it
    /// refines (`encryption` for `encryption-at-rest`), else `other`.
    pub fn security_group(&self, measure: &str) -> SecurityGroup {
        self.security_groups
            .iter()
            .filter(|entry| {
                measure
                    .strip_prefix(entry.measure.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
            })
            .max_by_key(|entry| entry.measure.as_str().len())
            .map_or(SecurityGroup::Other, |entry| entry.group)
    }
}

/// An entry of the CNIL's list of processings that need no DPIA: a processing with one of
/// these purposes, of an organisation under `max_staff` people, without profiling, needs
/// none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DpiaExemption {
    pub id: Id,
    pub purposes: Vec<PurposeId>,
    /// The organisation's `staff_count` must be below this.
    pub max_staff: Option<u32>,
    pub source: Option<LocalizedText>,
}

/// The categories a purpose may use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinimisationEntry {
    pub purpose: PurposeId,
    pub allowed: Vec<CategoryId>,
    pub reason: Option<LocalizedText>,
}

/// EEA membership and adequacy decisions.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferTables {
    /// EEA countries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eea: Vec<CountryCode>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adequacy: Vec<AdequacyDecision>,
}

/// An adequacy decision of Art. 45.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdequacyDecision {
    pub id: Id,
    pub country: CountryCode,
    /// The decision's reference.
    pub decision: Option<LocalizedText>,
    pub date: Option<Date>,
    /// Who it covers, when not the whole country.
    pub scope: Option<LocalizedText>,
    /// Only certified organisations are covered (e.g. the EU-US Data Privacy Framework).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub requires_certification: bool,
    /// When the decision lapses; `null` or absent when it has no end date.
    #[schemars(extend("x-nullable" = true))]
    pub sunset: Option<Date>,
    /// A pending or past court challenge (DC903).
    pub challenge: Option<LocalizedText>,
}

/// A custom rule: which documents (`given`), what they must satisfy (`then`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomRule {
    pub code: CustomRuleCode,
    pub name: Id,
    pub severity: SeverityLevel,
    pub message: String,
    pub help: Option<String>,
    pub given: RuleSelection,
    pub then: RuleCondition,
}

/// The documents a custom rule applies to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSelection {
    pub kind: DocumentKind,
    /// Top-level keys and the values they must equal for the rule to apply.
    #[serde(rename = "where", default, skip_serializing_if = "Map::is_empty")]
    pub filter: Map<String, Value>,
}

/// What a selected document must satisfy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleCondition {
    /// A JSON pointer into the document, like `/consent/mechanism`; the whole document when
    /// empty.
    #[schemars(regex(pattern = "^(/.*)?$"))]
    pub path: String,
    /// A JSON Schema the value at `path` must satisfy (a missing value does not).
    pub schema: Option<Value>,
    /// `true`: the value at `path` must be absent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub absent: bool,
    /// `true`: the value at `path` must be present.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub present: bool,
}

#[cfg(test)]
mod tests {
    use super::LocalizedText;
    use crate::i18n::Locale;
    use serde_json::json;

    #[test]
    fn localized_text_is_plain_or_one_per_language() {
        let plain: LocalizedText = serde_json::from_value(json!("Code de commerce")).unwrap();
        assert_eq!(plain.get(Locale::En), "Code de commerce");
        assert_eq!(plain.get(Locale::Fr), "Code de commerce");
        let both: LocalizedText =
            serde_json::from_value(json!({ "en": "all transfers", "fr": "tous les transferts" }))
                .unwrap();
        assert_eq!(both.get(Locale::En), "all transfers");
        assert_eq!(both.get(Locale::Fr), "tous les transferts");
        // Written back as it was read.
        assert_eq!(
            serde_json::to_value(&both).unwrap(),
            json!({ "en": "all transfers", "fr": "tous les transferts" })
        );
        let unknown = json!({ "en": "a", "fr": "b", "de": "c" });
        assert!(serde_json::from_value::<LocalizedText>(unknown).is_err());
        assert!(serde_json::from_value::<LocalizedText>(json!({ "en": "a" })).is_err());
    }
}
