//! `kind: processing` — one entry of the record of processing activities (Art. 30(1)).

use super::common::{Art9Exception, Art10Basis, ProcessingKind};
use super::duration::Duration;
use super::ids::{
    CategoryId, CountryCode, Date, FunctionId, Id, PurposeId, SecurityMeasure, SubjectId,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A processing activity: what is done with which data, why, on what basis, for how long.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Processing {
    pub kind: ProcessingKind,
    pub id: Id,
    pub name: String,
    /// The purpose, from the `purposes` vocabulary (Art. 30(1)(b); DC102).
    pub purpose: Option<PurposeId>,
    /// What the processing does, in a sentence (required with purpose `other`).
    pub description: Option<String>,
    pub legal_basis: Option<LegalBasis>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_subjects: Vec<SubjectId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_categories: Vec<CategoryId>,
    /// The sources (ids) the data comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Id>,
    /// Who receives the data (Art. 30(1)(d)). Absent is DC104; `{ internal: [], external: [] }`
    /// says explicitly that nobody does.
    pub recipients: Option<Recipients>,
    /// Processors (party ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub processors: Vec<Id>,
    /// Joint controllers (party ids; DC606).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joint_controllers: Vec<Id>,
    /// Transfers outside the EEA (Art. 30(1)(e), 44–49).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transfers: Vec<Transfer>,
    /// How long each category is kept (Art. 30(1)(f), 5(1)(e)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retention: Vec<RetentionRule>,
    /// Technical and organisational measures (Art. 30(1)(g), 32).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security: Vec<SecurityMeasure>,
    /// The person (id) accountable for the processing.
    pub owner: Option<Id>,
    pub dpia: Option<Dpia>,
    pub consent: Option<Consent>,
    /// Reference of the legitimate-interest balancing test (DC504).
    pub legitimate_interest_assessment: Option<String>,
    /// The Art. 9(2) exception when special-category data is processed (DC201).
    pub art9_exception: Option<Art9Exception>,
    /// The case of loi Informatique et Libertés art. 46 that allows this controller to process
    /// data on criminal convictions and offences (DC203).
    pub art10_basis: Option<Art10Basis>,
    /// How the processing reaches people: `email`, `sms`, `post`, `phone`, `push`. `[]` says
    /// it sends nothing (a suppression list); absent, an email category means email (DC502).
    pub channels: Option<Vec<Channel>>,
    /// The ages of the minors among the data subjects, when there are any (DC505): the
    /// youngest (`min`) decides whether a minor may consent alone to an online service.
    pub minors_age: Option<AgeBand>,
    /// A web audience measurement: `exempt` when it meets the CNIL's conditions for the
    /// consent exemption (loi I&L art. 82; DC307), `consent` when it runs on consent.
    pub audience_measurement: Option<AudienceMeasurement>,
    /// How long the tracker (cookie) of an audience measurement lives on the device (DC307).
    pub tracker_lifetime: Option<Duration>,
    /// EDPB DPIA criteria (DC701).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub large_scale: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub profiling: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub systematic_monitoring: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub innovative_technology: bool,
    /// Datasets are matched or combined beyond what people would reasonably expect (WP248
    /// criterion 6; DC701). Using several sources is not, by itself, combining datasets.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub combines_datasets: bool,
    /// The day this processing's sheet was first written in the register (the CNIL model
    /// register's creation date, beside its last update).
    pub created: Option<Date>,
    pub last_reviewed: Option<Date>,
}

/// The legal basis of Art. 6(1): `consent`, `contract`, `legal-obligation`,
/// `vital-interests`, `public-task` or `legitimate-interests`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LegalBasis {
    Consent,
    Contract,
    LegalObligation,
    VitalInterests,
    PublicTask,
    LegitimateInterests,
}

/// Who receives the data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    /// Internal services, by function (`ticketing`, `front-of-house`…).
    #[serde(default)]
    pub internal: Vec<FunctionId>,
    /// Outside recipients (party ids).
    #[serde(default)]
    pub external: Vec<Id>,
}

/// A transfer of personal data outside the EEA.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    pub country: Option<CountryCode>,
    /// The receiving party (id).
    pub recipient: Option<Id>,
    pub safeguard: Option<Safeguard>,
    /// With safeguard `derogation`: which Art. 49(1) derogation.
    pub derogation: Option<Derogation>,
    /// The transfer is regular or systematic, not occasional (DC605).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub regular: bool,
    /// Where the safeguard is documented (the signed clauses, the BCR approval…).
    pub reference: Option<String>,
    pub description: Option<String>,
}

/// The ground of a transfer: `adequacy` (Art. 45), `scc` standard contractual clauses,
/// `bcr` binding corporate rules, `code-of-conduct`, `certification`, `ad-hoc-clauses`,
/// `public-authority-instrument` (Art. 46), or `derogation` (Art. 49).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Safeguard {
    Adequacy,
    Scc,
    Bcr,
    CodeOfConduct,
    Certification,
    AdHocClauses,
    PublicAuthorityInstrument,
    Derogation,
}

/// A derogation of Art. 49(1): `explicit-consent` (a), `contract-with-subject` (b),
/// `contract-for-subject` (c), `public-interest` (d), `legal-claims` (e), `vital-interests`
/// (f), `public-register` (g), `compelling-legitimate-interests` (second subparagraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Derogation {
    ExplicitConsent,
    ContractWithSubject,
    ContractForSubject,
    PublicInterest,
    LegalClaims,
    VitalInterests,
    PublicRegister,
    CompellingLegitimateInterests,
}

/// How long some categories are kept, from which event, and what happens then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetentionRule {
    /// The categories this rule covers; absent means all the processing's categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryId>,
    pub duration: Duration,
    /// The event the duration counts from (DC303).
    pub from: Option<RetentionStart>,
    /// What happens at the end: `delete`, `anonymise` or `archive`.
    pub then: Option<RetentionEnd>,
    /// With `then: archive`: the intermediate-archive stage.
    pub archive: Option<Archive>,
    /// Why a duration beyond the reference or the CNIL's recommended maximum is needed
    /// (DC301, DC307).
    pub justification: Option<String>,
    /// For card numbers and expiry dates: why the card is kept (DC307). Absent, it is kept
    /// as proof of a payment.
    pub card: Option<CardRetention>,
}

/// Why payment-card data is kept (CNIL délib. 2018-303): `proof` of a payment (13 months
/// after the debit), `deferred-debit` proof (15 months), `on-file` for later purchases (with
/// the person's specific consent, until withdrawal or expiry), `instalments` until the last
/// payment of a subscription or of a payment in instalments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CardRetention {
    Proof,
    DeferredDebit,
    OnFile,
    Instalments,
}

/// A channel a processing sends messages through: `email`, `sms` (MMS too), `post`, `phone`
/// or `push`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Email,
    Sms,
    Post,
    Phone,
    Push,
}

/// The ages of the minors a processing concerns, in years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgeBand {
    /// The youngest age.
    #[schemars(range(max = 17))]
    pub min: u8,
    /// The oldest age.
    #[schemars(range(max = 17))]
    pub max: Option<u8>,
}

/// How a web audience measurement runs: `exempt` from consent under the CNIL's conditions
/// (audience measurement only, anonymous statistics, no cross-referencing, no cross-site
/// tracking), or on `consent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AudienceMeasurement {
    Exempt,
    Consent,
}

/// The event a retention counts from: `collection`, `last-contact`, `end-of-contract`,
/// `transaction`, `event`, `debit`, `end-of-fiscal-year`, `withdrawal` or `request`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RetentionStart {
    Collection,
    LastContact,
    EndOfContract,
    Transaction,
    Event,
    Debit,
    EndOfFiscalYear,
    Withdrawal,
    Request,
}

/// What happens when a retention ends: `delete`, `anonymise` or `archive`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RetentionEnd {
    Delete,
    Anonymise,
    Archive,
}

/// Intermediate archive: kept apart, with restricted access, for a further duration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    pub duration: Duration,
    /// Who may access the archive, and how.
    pub access: Option<String>,
}

/// The data-protection impact assessment of Art. 35.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dpia {
    pub status: DpiaStatus,
    /// When the DPIA was carried out (DC902).
    pub date: Option<Date>,
    /// Why it is not required, or why it is planned.
    pub reason: Option<String>,
    pub reference: Option<String>,
}

/// Where the DPIA stands: `done`, `not-required`, `planned` or `required`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DpiaStatus {
    Done,
    NotRequired,
    Planned,
    Required,
}

/// How consent is collected, recorded and withdrawn (Art. 7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// Where and how each consent is recorded (DC501, DC202).
    pub record: Option<String>,
    /// How a person withdraws consent (DC501).
    pub withdrawal: Option<String>,
    pub mechanism: Option<ConsentMechanism>,
    /// Consent is explicit, as Art. 9(2)(a) requires (DC202, DC205); `false` says it is not.
    pub explicit: Option<bool>,
    /// Parental consent is collected for minors (DC505).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub parental: bool,
}

/// How consent is given: `single-opt-in`, `double-opt-in`, `checkbox`, `signed-form`, `oral`
/// or `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ConsentMechanism {
    SingleOptIn,
    DoubleOptIn,
    Checkbox,
    SignedForm,
    Oral,
    Other,
}
