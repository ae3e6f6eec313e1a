//! `kind: organisation` — the controller (Art. 30(1)(a), 37).

use super::common::{Contact, OrganisationKind, Person};
use super::ids::{CountryCode, Id};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The controller: identity, contact, public body or not, and its people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub kind: OrganisationKind,
    pub id: Id,
    /// The controller's legal name (Art. 30(1)(a); DC101).
    pub name: Option<String>,
    pub legal_form: Option<LegalForm>,
    /// A public authority or body must appoint a DPO (Art. 37(1)(a); DC401).
    pub public_body: Option<bool>,
    pub country: Option<CountryCode>,
    pub contact: Option<Contact>,
    pub website: Option<String>,
    /// The controller's official numbers, as the register shows them: each a `scheme` and its
    /// `value`, e.g. `siren` or `siret` (a French business number), `rna` (an association's
    /// number in the French register of associations, « W » and 9 digits), `vat`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    /// The controller's representative in the Union, for a controller established outside
    /// it (Art. 27); the register names it with its contact (Art. 30(1)(a)).
    pub representative: Option<Representative>,
    /// The aim of a not-for-profit body: `political`, `philosophical`, `religious`,
    /// `trade-union` or `other` (a cultural association is `other`). Only the first four may
    /// rely on Art. 9(2)(d) (DC201).
    pub aim: Option<OrganisationAim>,
    /// How many people the organisation employs (the CNIL's list of processing that needs no
    /// DPIA exempts the HR of organisations under 250 staff; DC701).
    pub staff_count: Option<u32>,
    /// The organisation processes personal data on a large scale (DC401, DC701).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub large_scale: bool,
    /// The staff directory: people referenced as owners, DPO, data referent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
}

/// An official number of the organisation: `{ scheme: siret, value: "123 456 789 00012" }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identifier {
    /// The numbering scheme, in kebab-case: `siren`, `siret`, `rna`, `vat`, or another.
    pub scheme: Id,
    /// The number as it is written on official papers.
    pub value: String,
}

/// The representative in the Union of a controller established outside it (Art. 27).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Representative {
    /// The representative's name (a person or an organisation).
    pub name: String,
    pub email: Option<String>,
    /// Postal address, on one line.
    pub address: Option<String>,
    pub phone: Option<String>,
}

/// The legal form of the organisation: `association`, `public-body`, `company`,
/// `foundation` or `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LegalForm {
    Association,
    PublicBody,
    Company,
    Foundation,
    Other,
}

/// The aim of a not-for-profit body, as GDPR Art. 9(2)(d) reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OrganisationAim {
    Political,
    Philosophical,
    Religious,
    TradeUnion,
    Other,
}
