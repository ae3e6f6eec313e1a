//! Model stage: the typed documents of a workspace and the settings, as serde + schemars types.
//!
//! These types ARE the format: the JSON Schemas under `schemas/` are generated from them. Keys
//! are snake_case as in model.md (settings keys are kebab-case as in cli.md), every struct
//! denies unknown keys, and every field a rule may find missing is optional, so a missing
//! value is a rule finding with a legal reference rather than a bare schema error.
//! Vocabularies (categories, purposes, subjects, functions) are data in policy packs; their ids
//! are patterned strings here, checked against the packs by DC005.

mod charter;
mod common;
mod duration;
mod ids;
mod inventory;
mod organisation;
mod party;
mod policy;
mod processing;
mod settings;
mod source;

pub use charter::{Breach, Charter, Cleaning, Commitments, Dpo};
pub use common::{
    Art9Basis, Art9Exception, Art10Basis, Art46Case, CharterKind, Contact, DocumentKind, Labels,
    OrganisationKind, PartyKind, Person, PolicyKind, ProcessingKind, SeverityLevel, SourceKind,
};
pub use duration::{Duration, DurationError};
pub use ids::{
    CategoryId, CountryCode, CustomRuleCode, Date, FunctionId, Id, PurposeId, RuleCode,
    RuleSelector, SecurityMeasure, SubjectId,
};
pub use inventory::{Inventory, Located};
pub use organisation::{Identifier, LegalForm, Organisation, OrganisationAim, Representative};
pub use party::{Dpa, Party, PartyRole};
pub use policy::{
    AdequacyDecision, CategoryEntry, ConsentTables, CustomRule, DpiaExemption, Governance,
    MinimisationEntry, Policy, ReferenceDuration, RetentionReference, RetentionTables, RiskTables,
    RuleCondition, RuleSelection, SecurityGroup, SecurityGroupEntry, Sensitivity, TransferTables,
    VocabularyEntry,
};
pub use processing::{
    AgeBand, Archive, AudienceMeasurement, CardRetention, Channel, Consent, ConsentMechanism,
    Derogation, Dpia, DpiaStatus, LegalBasis, Processing, Recipients, RetentionEnd, RetentionRule,
    RetentionStart, Safeguard, Transfer,
};
pub use settings::{ByteSize, FormatVersion, Locale, RuleSettings, Settings};
pub use source::{Export, Field, Hosting, Percent, Source, SourceType};

use serde_json::Value;

/// One document of the workspace, typed by its `kind`.
#[derive(Debug, Clone, PartialEq)]
pub enum TypedDocument {
    Organisation(Organisation),
    Party(Party),
    Source(Source),
    Processing(Processing),
    Charter(Charter),
    Policy(Policy),
}

impl TypedDocument {
    pub fn kind(&self) -> DocumentKind {
        match self {
            TypedDocument::Organisation(_) => DocumentKind::Organisation,
            TypedDocument::Party(_) => DocumentKind::Party,
            TypedDocument::Source(_) => DocumentKind::Source,
            TypedDocument::Processing(_) => DocumentKind::Processing,
            TypedDocument::Charter(_) => DocumentKind::Charter,
            TypedDocument::Policy(_) => DocumentKind::Policy,
        }
    }

    /// Reads a document's JSON value into its typed form; the same as [`from_value`].
    pub fn from_value(value: &Value) -> Result<TypedDocument, ModelError> {
        from_value(value)
    }

    /// The document's `id`; only a charter may have none.
    pub fn id(&self) -> Option<&Id> {
        match self {
            TypedDocument::Organisation(document) => Some(&document.id),
            TypedDocument::Party(document) => Some(&document.id),
            TypedDocument::Source(document) => Some(&document.id),
            TypedDocument::Processing(document) => Some(&document.id),
            TypedDocument::Charter(document) => document.id.as_ref(),
            TypedDocument::Policy(document) => Some(&document.id),
        }
    }
}

/// Why a JSON value is not a typed document. After schema validation succeeded only
/// [`ModelError::Invalid`] can happen, and only if the schema and the types disagree.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("a document must be a mapping with a `kind`")]
    NotAMapping,
    #[error("the document has no `kind`")]
    MissingKind,
    #[error("unknown kind `{0}`")]
    UnknownKind(String),
    #[error("invalid {kind} document: {message}")]
    Invalid { kind: DocumentKind, message: String },
}

/// Reads a document's JSON value (as the syntax stage produced it) into its typed form.
pub fn from_value(value: &Value) -> Result<TypedDocument, ModelError> {
    let object = value.as_object().ok_or(ModelError::NotAMapping)?;
    let kind_text = match object.get("kind") {
        Some(Value::String(text)) => text.as_str(),
        Some(other) => return Err(ModelError::UnknownKind(other.to_string())),
        None => return Err(ModelError::MissingKind),
    };
    let kind =
        DocumentKind::parse(kind_text).ok_or_else(|| ModelError::UnknownKind(kind_text.into()))?;
    let invalid = |error: serde_json::Error| ModelError::Invalid {
        kind,
        message: error.to_string(),
    };
    // `T::deserialize(&Value)` reads the value in place, without cloning the whole document.
    use serde::Deserialize;
    Ok(match kind {
        DocumentKind::Organisation => {
            TypedDocument::Organisation(Organisation::deserialize(value).map_err(invalid)?)
        }
        DocumentKind::Party => TypedDocument::Party(Party::deserialize(value).map_err(invalid)?),
        DocumentKind::Source => TypedDocument::Source(Source::deserialize(value).map_err(invalid)?),
        DocumentKind::Processing => {
            TypedDocument::Processing(Processing::deserialize(value).map_err(invalid)?)
        }
        DocumentKind::Charter => {
            TypedDocument::Charter(Charter::deserialize(value).map_err(invalid)?)
        }
        DocumentKind::Policy => TypedDocument::Policy(Policy::deserialize(value).map_err(invalid)?),
    })
}

/// Reads the settings' JSON value into [`Settings`].
pub fn settings_from_value(value: &Value) -> Result<Settings, serde_json::Error> {
    use serde::Deserialize;
    Settings::deserialize(value)
}
