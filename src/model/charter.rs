//! `kind: charter` — the data charter (Art. 24, 33, 37–39).

use super::common::{CharterKind, Contact};
use super::duration::Duration;
use super::ids::Id;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The organisation's data charter: roles, cadences, breach procedure, commitments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Charter {
    pub kind: CharterKind,
    pub id: Option<Id>,
    pub dpo: Option<Dpo>,
    /// The person (id) who looks after data quality day to day (DC406).
    pub data_referent: Option<Id>,
    /// How often the register is reviewed (DC901; default 12 months).
    pub review_every: Option<Duration>,
    pub cleaning: Option<Cleaning>,
    /// Rules for whoever types data in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entry_rules: Vec<String>,
    pub breach: Option<Breach>,
    pub commitments: Option<Commitments>,
}

/// The data protection officer (Art. 37–39).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dpo {
    /// An internal DPO: a person (id) of the organisation.
    pub person: Option<Id>,
    /// An external DPO: a party (id).
    pub party: Option<Id>,
    /// The DPO's contact details are published (Art. 37(7); DC404).
    pub published: Option<bool>,
    /// The DPO is declared to the supervisory authority (Art. 37(7); DC404).
    pub declared_to_authority: Option<bool>,
    pub contact: Option<Contact>,
}

/// How often the data is cleaned (Art. 5(1)(d); DC407).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cleaning {
    pub deduplication: Option<Duration>,
    #[serde(rename = "contact-update")]
    pub contact_update: Option<Duration>,
    /// The person (id) in charge.
    pub owner: Option<Id>,
}

/// The breach procedure (Art. 33, 34; DC702).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Breach {
    /// The deadline to notify the authority: 72h at most.
    pub notify_authority_within: Option<Duration>,
    /// Where breaches are recorded.
    pub register: Option<String>,
    /// The person (id) to alert.
    pub contact: Option<Id>,
}

/// Commitments the register must not contradict (DC806).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commitments {
    /// No free-text field on any source.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_free_text: bool,
    /// No special-category data anywhere.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_special_categories: bool,
    /// All hosting inside the EEA.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hosting_in_eea: bool,
    /// No retention longer than this.
    pub max_retention: Option<Duration>,
}
