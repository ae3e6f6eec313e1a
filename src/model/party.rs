//! `kind: party` — an outside organisation (Art. 26, 28, 44–49).

use super::common::{Contact, PartyKind};
use super::ids::{CountryCode, Date, Id};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A vendor, processor, sub-processor, joint controller or recipient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub kind: PartyKind,
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<PartyRole>,
    /// Where the party is established (transfers outside the EEA, DC603, DC607).
    pub country: Option<CountryCode>,
    /// The data-processing agreement of Art. 28(3) (DC601, DC602).
    pub dpa: Option<Dpa>,
    /// Certified under the EU-US Data Privacy Framework (DC604).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dpf_certified: bool,
    /// Reference of the joint-controller arrangement of Art. 26 (DC606).
    pub arrangement: Option<String>,
    pub contact: Option<Contact>,
    /// For a sub-processor: the processors (party ids) that engaged it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub processor_of: Vec<Id>,
    pub website: Option<String>,
    pub description: Option<String>,
}

/// What a party is to the controller: `processor`, `sub-processor`, `joint-controller`,
/// `recipient` or `vendor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PartyRole {
    Processor,
    SubProcessor,
    JointController,
    Recipient,
    Vendor,
}

/// A data-processing agreement (Art. 28(3)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dpa {
    /// The date it was signed; absent means not signed (DC601).
    pub signed: Option<Date>,
    /// The date it ends (DC602).
    pub expires: Option<Date>,
    /// Where the signed agreement is kept.
    pub reference: Option<String>,
}
