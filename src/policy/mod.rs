//! Policy stage: the built-in packs (`rules/*.yaml`, embedded in the binary) merged with the
//! workspace's own `kind: policy` documents into the tables the rules read.
//!
//! A later pack extends an earlier one; an entry with the same id replaces the earlier entry.

mod custom;

pub use custom::{
    CompiledRule, MAX_SCHEMA_DEPTH, MAX_SCHEMA_REFS, MAX_SCHEMA_WEIGHT, Test, VALIDATION_BUDGET,
    compile_custom_rules, schema_weight,
};

use crate::model::{
    CategoryEntry, ConsentTables, CustomRule, FunctionId, Governance, Id, Inventory, Located,
    MinimisationEntry, Policy, PurposeId, ReferenceDuration, RetentionReference, RiskTables,
    Sensitivity, SubjectId, TransferTables, TypedDocument, VocabularyEntry,
};
use crate::syntax::{Limits, parse};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The built-in packs, in the order they are merged.
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    (
        "rules/taxonomy.yaml",
        include_str!("../../rules/taxonomy.yaml"),
    ),
    (
        "rules/retention.yaml",
        include_str!("../../rules/retention.yaml"),
    ),
    (
        "rules/governance.yaml",
        include_str!("../../rules/governance.yaml"),
    ),
    (
        "rules/minimisation.yaml",
        include_str!("../../rules/minimisation.yaml"),
    ),
    (
        "rules/transfers.yaml",
        include_str!("../../rules/transfers.yaml"),
    ),
];

/// Why a built-in pack could not be loaded: a defect of this build, never of the user's files.
#[derive(Debug, Clone, thiserror::Error)]
#[error("built-in policy pack {file} is invalid: {problem}")]
pub struct PackError {
    pub file: String,
    pub problem: String,
}

/// The merged reference tables.
#[derive(Debug, Clone, Default)]
pub struct PolicyTables {
    pub categories: BTreeMap<String, CategoryEntry>,
    /// Every category of the vocabulary with its sensitivity, inherited ones included (`None`
    /// for a plain category): one lookup answers [`PolicyTables::sensitivity`] and
    /// [`PolicyTables::is_category`], which rules ask of every category of every document.
    category_index: HashMap<String, Option<Sensitivity>, BuildHasherDefault<IdHasher>>,
    pub purposes: BTreeMap<String, VocabularyEntry<PurposeId>>,
    pub subjects: BTreeMap<String, VocabularyEntry<SubjectId>>,
    pub functions: BTreeMap<String, VocabularyEntry<FunctionId>>,
    /// Subjects whose data is audience or customer data (DC204, DC206).
    pub audience_subjects: Vec<SubjectId>,
    /// Subjects whose employment processings may use the national id (DC207).
    pub employment_subjects: Vec<SubjectId>,
    /// Field-name words that announce free text (DC206).
    pub free_text_keywords: Vec<String>,
    pub retention_references: BTreeMap<String, RetentionReference>,
    pub retention_ceilings: BTreeMap<String, RetentionReference>,
    /// The CNIL's recommended maxima (DC307).
    pub retention_maxima: BTreeMap<String, RetentionReference>,
    /// The recommended lifetime of an exempt audience-measurement tracker (DC307).
    pub tracker_lifetime_max: Option<ReferenceDuration>,
    /// Longest stay in the active base without an archive stage (DC306).
    pub retention_archive_after: Option<ReferenceDuration>,
    /// Id of the reference that is the accounting minimum (DC305); see
    /// [`PolicyTables::accounting_minimum`].
    pub retention_accounting_minimum: Option<Id>,
    pub governance: Governance,
    pub minimisation: BTreeMap<String, MinimisationEntry>,
    pub transfers: TransferTables,
    pub consent: ConsentTables,
    pub risk: RiskTables,
    /// Custom rules, with the place they were declared.
    pub custom_rules: Vec<DeclaredRule>,
    /// Which pack each entry comes from, keyed by (table, id): for `policy show`.
    pub origins: BTreeMap<(String, String), String>,
}

/// A custom rule and where it is declared: the policy document and the rule's index in its
/// `rules` list (`None` for a built-in pack).
#[derive(Debug, Clone)]
pub struct DeclaredRule {
    pub place: Option<Located<usize>>,
    pub rule: CustomRule,
}

impl DeclaredRule {
    /// The location of a node of this rule's declaration, e.g. `at("/then/schema")`.
    pub fn at(&self, pointer: &str) -> Option<crate::finding::Location> {
        self.place
            .as_ref()
            .map(|place| place.at(format!("/rules/{}{pointer}", place.item)))
    }
}

/// The built-in packs, parsed and validated once per process.
pub fn builtin_packs() -> Result<&'static [Policy], PackError> {
    static PACKS: OnceLock<Result<Vec<Policy>, PackError>> = OnceLock::new();
    PACKS
        .get_or_init(|| {
            BUILTIN_PACKS
                .iter()
                .map(|(file, text)| load_pack(file, text))
                .collect()
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

fn load_pack(file: &str, text: &str) -> Result<Policy, PackError> {
    let problem = |problem: String| PackError {
        file: file.to_owned(),
        problem,
    };
    let parsed = parse(file, text.as_bytes(), &Limits::default());
    if let Some(finding) = parsed.findings.first() {
        return Err(problem(finding.message.clone()));
    }
    let [document] = parsed.documents.as_slice() else {
        return Err(problem("a pack holds exactly one document".into()));
    };
    if let Some(finding) = crate::schema::validate_document(file, 0, &document.value).first() {
        let pointer = finding.location.pointer().unwrap_or_default();
        return Err(problem(format!("{pointer}: {}", finding.message)));
    }
    match crate::model::TypedDocument::from_value(&document.value) {
        Ok(TypedDocument::Policy(policy)) => Ok(policy),
        Ok(_) => Err(problem("not a `kind: policy` document".into())),
        Err(error) => Err(problem(error.to_string())),
    }
}

impl PolicyTables {
    /// Built-in packs, then the workspace's policy documents in workspace order.
    pub fn build(builtin: &[Policy], inventory: &Inventory) -> PolicyTables {
        let mut tables = PolicyTables::default();
        for pack in builtin {
            tables.merge(pack, format!("built-in `{}`", pack.id), None);
        }
        for Located {
            file,
            document,
            item,
        } in &inventory.policies
        {
            tables.merge(
                item,
                format!("{file} (`{}`)", item.id),
                Some((file.clone(), *document)),
            );
        }
        tables.category_index = tables
            .categories
            .keys()
            .map(|id| (id.clone(), tables.inherited_sensitivity(id)))
            .collect();
        tables
    }

    fn merge(&mut self, pack: &Policy, origin: String, place: Option<(String, usize)>) {
        let mut note = |table: &str, id: &str| {
            self.origins
                .insert((table.to_owned(), id.to_owned()), origin.clone());
        };
        merge_by_id(
            &mut self.categories,
            &pack.categories,
            |e| e.id.as_str(),
            |id| note("categories", id),
        );
        merge_by_id(
            &mut self.purposes,
            &pack.purposes,
            |e| e.id.as_str(),
            |id| note("purposes", id),
        );
        merge_by_id(
            &mut self.subjects,
            &pack.subjects,
            |e| e.id.as_str(),
            |id| note("subjects", id),
        );
        merge_by_id(
            &mut self.functions,
            &pack.functions,
            |e| e.id.as_str(),
            |id| note("functions", id),
        );
        for subject in &pack.audience_subjects {
            note("audience_subjects", subject.as_str());
        }
        extend_unique(&mut self.audience_subjects, &pack.audience_subjects);
        for subject in &pack.employment_subjects {
            note("employment_subjects", subject.as_str());
        }
        extend_unique(&mut self.employment_subjects, &pack.employment_subjects);
        for word in &pack.free_text_keywords {
            note("free_text_keywords", word);
        }
        extend_unique(&mut self.free_text_keywords, &pack.free_text_keywords);
        if let Some(retention) = &pack.retention {
            for entry in &retention.references {
                note("retention.references", entry.id.as_str());
                self.retention_references
                    .insert(entry.id.as_str().to_owned(), entry.clone());
            }
            for entry in &retention.ceilings {
                note("retention.ceilings", entry.id.as_str());
                self.retention_ceilings
                    .insert(entry.id.as_str().to_owned(), entry.clone());
            }
            for entry in &retention.maxima {
                note("retention.maxima", entry.id.as_str());
                self.retention_maxima
                    .insert(entry.id.as_str().to_owned(), entry.clone());
            }
            if let Some(lifetime) = &retention.tracker_lifetime_max {
                note("retention.tracker_lifetime_max", "tracker_lifetime_max");
                self.tracker_lifetime_max = Some(lifetime.clone());
            }
            if let Some(archive_after) = &retention.archive_after {
                note("retention.archive_after", "archive_after");
                self.retention_archive_after = Some(archive_after.clone());
            }
            if let Some(reference) = &retention.accounting_minimum {
                note("retention.accounting_minimum", "accounting_minimum");
                self.retention_accounting_minimum = Some(reference.clone());
            }
        }
        if let Some(governance) = &pack.governance {
            merge_governance(&mut self.governance, governance);
            note("governance", "governance");
        }
        if let Some(consent) = &pack.consent {
            merge_consent(&mut self.consent, consent);
            note("consent", "consent");
        }
        if let Some(risk) = &pack.risk {
            merge_risk(&mut self.risk, risk);
            note("risk", "risk");
        }
        for entry in &pack.minimisation {
            note("minimisation", entry.purpose.as_str());
            self.minimisation
                .insert(entry.purpose.as_str().to_owned(), entry.clone());
        }
        if let Some(transfers) = &pack.transfers {
            for country in &transfers.eea {
                if !self.transfers.eea.contains(country) {
                    self.transfers.eea.push(country.clone());
                }
            }
            for decision in &transfers.adequacy {
                note("transfers.adequacy", decision.id.as_str());
                self.transfers.adequacy.retain(|d| d.id != decision.id);
                self.transfers.adequacy.push(decision.clone());
            }
        }
        for (index, rule) in pack.rules.iter().enumerate() {
            self.custom_rules.push(DeclaredRule {
                place: place.clone().map(|(file, document)| Located {
                    file,
                    document,
                    item: index,
                }),
                rule: rule.clone(),
            });
        }
    }

    /// Whether `category` is `ancestor` or one of its descendants (`special` covers
    /// `special.health`).
    pub fn covers(ancestor: &str, category: &str) -> bool {
        category == ancestor
            || category
                .strip_prefix(ancestor)
                .is_some_and(|rest| rest.starts_with('.'))
    }

    /// The reference of the `retention` tables that is the legal minimum for accounting
    /// records (DC305), when the packs name one that exists.
    pub fn accounting_minimum(&self) -> Option<&RetentionReference> {
        let id = self.retention_accounting_minimum.as_ref()?;
        self.retention_references.get(id.as_str())
    }

    /// Whether `category` is in the vocabulary (`categories`).
    pub fn is_category(&self, category: &str) -> bool {
        self.category_index.contains_key(category)
    }

    /// The sensitivity of a category, inherited from its closest marked ancestor. Every rule
    /// asks it of every category, so the vocabulary's answers are computed once, in `build`.
    pub fn sensitivity(&self, category: &str) -> Option<Sensitivity> {
        match self.category_index.get(category) {
            Some(sensitivity) => *sensitivity,
            None => self.inherited_sensitivity(category),
        }
    }

    fn inherited_sensitivity(&self, category: &str) -> Option<Sensitivity> {
        let mut id = category;
        loop {
            if let Some(sensitive) = self.categories.get(id).and_then(|entry| entry.sensitive) {
                return Some(sensitive);
            }
            id = &id[..id.rfind('.')?];
        }
    }
}

/// FNV-1a, for the category index: it hashes every category of every document, several times,
/// and SipHash, made to resist chosen collisions, costs more than the lookup. Collisions cannot
/// be forced to any effect here: the table is built from the packs and lookups never grow it.
struct IdHasher(u64);

impl Default for IdHasher {
    fn default() -> Self {
        IdHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Adds a pack's entries to a table by id, a later entry replacing an earlier one, and notes
/// each id's origin.
fn merge_by_id<T: Clone>(
    table: &mut BTreeMap<String, T>,
    entries: &[T],
    id: impl Fn(&T) -> &str,
    mut note: impl FnMut(&str),
) {
    for entry in entries {
        note(id(entry));
        table.insert(id(entry).to_owned(), entry.clone());
    }
}

/// A later governance section replaces the values it sets and keeps the others.
fn merge_governance(into: &mut Governance, from: &Governance) {
    extend_unique(
        &mut into.dpo_incompatible_functions,
        &from.dpo_incompatible_functions,
    );
    extend_unique(
        &mut into.dpo_questionable_functions,
        &from.dpo_questionable_functions,
    );
    if from.dpo_incompatible_source.is_some() {
        into.dpo_incompatible_source
            .clone_from(&from.dpo_incompatible_source);
    }
    if from.review_every.is_some() {
        into.review_every.clone_from(&from.review_every);
    }
    extend_unique(&mut into.vague_descriptions, &from.vague_descriptions);
    if from.breach_notification_max.is_some() {
        into.breach_notification_max
            .clone_from(&from.breach_notification_max);
    }
}

/// Appends the items of `from` that `into` does not hold yet: a later pack extends a list.
fn extend_unique<T: PartialEq + Clone>(into: &mut Vec<T>, from: &[T]) {
    for item in from {
        if !into.contains(item) {
            into.push(item.clone());
        }
    }
}

/// A later consent section extends the lists and replaces the age when it sets one.
fn merge_consent(into: &mut ConsentTables, from: &ConsentTables) {
    extend_unique(&mut into.prospecting_purposes, &from.prospecting_purposes);
    extend_unique(&mut into.prospect_subjects, &from.prospect_subjects);
    extend_unique(&mut into.email_categories, &from.email_categories);
    extend_unique(&mut into.sms_categories, &from.sms_categories);
    extend_unique(&mut into.minor_subjects, &from.minor_subjects);
    if from.digital_consent_age.is_some() {
        into.digital_consent_age = from.digital_consent_age;
    }
}

/// A later risk section extends the lists and replaces the review interval when it sets one.
fn merge_risk(into: &mut RiskTables, from: &RiskTables) {
    extend_unique(&mut into.vulnerable_subjects, &from.vulnerable_subjects);
    extend_unique(&mut into.monitoring_purposes, &from.monitoring_purposes);
    extend_unique(&mut into.innovative_categories, &from.innovative_categories);
    extend_unique(&mut into.risky_categories, &from.risky_categories);
    extend_unique(&mut into.encryption_measures, &from.encryption_measures);
    extend_unique(
        &mut into.access_control_measures,
        &from.access_control_measures,
    );
    // A later pack places a measure anew.
    for entry in &from.security_groups {
        into.security_groups.retain(|e| e.measure != entry.measure);
        into.security_groups.push(entry.clone());
    }
    for exemption in &from.dpia_exempt {
        into.dpia_exempt.retain(|e| e.id != exemption.id);
        into.dpia_exempt.push(exemption.clone());
    }
    if from.dpia_review_every.is_some() {
        into.dpia_review_every.clone_from(&from.dpia_review_every);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_packs_load_and_merge() {
        let packs = builtin_packs().expect("built-in packs are valid");
        assert_eq!(packs.len(), BUILTIN_PACKS.len());
        let tables = PolicyTables::build(packs, &Inventory::default());
        assert!(tables.categories.contains_key("special.health"));
        assert_eq!(
            tables.sensitivity("special.health"),
            Some(Sensitivity::Art9)
        );
        assert_eq!(tables.sensitivity("identity.email"), None);
        assert!(tables.purposes.contains_key("newsletter"));
        assert!(tables.functions.contains_key("marketing"));
    }

    #[test]
    fn builtin_packs_hold_the_rule_thresholds() {
        let packs = builtin_packs().expect("built-in packs are valid");
        let tables = PolicyTables::build(packs, &Inventory::default());
        let duration = |text: &str| text.parse::<crate::model::Duration>().ok();
        assert_eq!(
            tables.retention_archive_after.as_ref().map(|a| a.duration),
            duration("3y")
        );
        assert_eq!(
            tables.accounting_minimum().map(|r| r.duration),
            duration("10y")
        );
        assert_eq!(
            tables
                .governance
                .breach_notification_max
                .as_ref()
                .map(|m| m.duration),
            duration("72h")
        );
        assert_eq!(
            tables
                .risk
                .dpia_review_every
                .as_ref()
                .map(|every| every.duration),
            duration("3y")
        );
        assert_eq!(tables.consent.digital_consent_age, Some(15));
        // Every id these tables name is in the vocabulary.
        let consent = &tables.consent;
        let risk = &tables.risk;
        for subject in consent
            .prospect_subjects
            .iter()
            .chain(&consent.minor_subjects)
            .chain(&risk.vulnerable_subjects)
        {
            assert!(tables.subjects.contains_key(subject.as_str()), "{subject}");
        }
        for purpose in consent
            .prospecting_purposes
            .iter()
            .chain(&risk.monitoring_purposes)
        {
            assert!(tables.purposes.contains_key(purpose.as_str()), "{purpose}");
        }
        for category in consent
            .email_categories
            .iter()
            .chain(&risk.innovative_categories)
            .chain(&risk.risky_categories)
        {
            assert!(
                tables.categories.contains_key(category.as_str()),
                "{category}"
            );
        }
    }

    #[test]
    fn security_measures_are_grouped_as_the_cnil_model_and_a_workspace_pack_places_its_own() {
        use crate::model::SecurityGroup;
        let packs = builtin_packs().expect("built-in packs are valid");
        let builtin = PolicyTables::build(packs, &Inventory::default());
        let group = |tables: &PolicyTables, measure: &str| tables.risk.security_group(measure);
        assert_eq!(group(&builtin, "mfa"), SecurityGroup::Access);
        assert_eq!(group(&builtin, "logging"), SecurityGroup::Traceability);
        assert_eq!(group(&builtin, "backups"), SecurityGroup::Backup);
        // A refinement is in the group of the measure it refines; the prefix must end at a `-`.
        assert_eq!(
            group(&builtin, "encryption-at-rest"),
            SecurityGroup::Encryption
        );
        assert_eq!(group(&builtin, "backupsite"), SecurityGroup::Other);
        assert_eq!(group(&builtin, "vault"), SecurityGroup::Other);
        let pack: Policy = serde_json::from_value(serde_json::json!({
            "kind": "policy",
            "id": "house",
            "risk": { "security_groups": [
                { "measure": "vault", "group": "encryption" },
                { "measure": "backups", "group": "other" },
                { "measure": "backups-offsite", "group": "backup" }
            ] }
        }))
        .expect("a valid pack");
        let mut inventory = Inventory::default();
        inventory.policies.push(Located {
            file: "policies/house.yaml".into(),
            document: 0,
            item: pack,
        });
        let tables = PolicyTables::build(packs, &inventory);
        assert_eq!(group(&tables, "vault"), SecurityGroup::Encryption);
        assert_eq!(group(&tables, "backups"), SecurityGroup::Other);
        assert_eq!(
            group(&tables, "backups-offsite-weekly"),
            SecurityGroup::Backup
        );
        assert_eq!(group(&tables, "mfa"), SecurityGroup::Access);
        // An unknown group is a pack error, not a silent `other`.
        let wrong = serde_json::from_value::<Policy>(serde_json::json!({
            "kind": "policy", "id": "house",
            "risk": { "security_groups": [{ "measure": "vault", "group": "vaults" }] }
        }));
        assert!(wrong.is_err());
    }

    #[test]
    fn a_workspace_pack_extends_lists_and_overrides_thresholds() {
        let packs = builtin_packs().expect("built-in packs are valid");
        let pack: Policy = serde_json::from_value(serde_json::json!({
            "kind": "policy",
            "id": "house",
            "retention": { "archive_after": { "duration": "5y" }, "accounting_minimum": "invoices" },
            "governance": { "breach_notification_max": { "duration": "48h", "source": "house rule" } },
            "consent": { "prospect_subjects": ["partners"], "digital_consent_age": 16 },
            "risk": { "vulnerable_subjects": ["candidates"], "encryption_measures": ["vault"] }
        }))
        .expect("a valid pack");
        let mut inventory = Inventory::default();
        inventory.policies.push(Located {
            file: "policies/house.yaml".into(),
            document: 0,
            item: pack,
        });
        let tables = PolicyTables::build(packs, &inventory);
        let duration = |text: &str| text.parse::<crate::model::Duration>().ok();
        assert_eq!(
            tables.retention_archive_after.as_ref().map(|a| a.duration),
            duration("5y")
        );
        assert_eq!(
            tables.accounting_minimum().map(|r| r.id.as_str()),
            Some("invoices")
        );
        let breach = tables.governance.breach_notification_max.as_ref();
        assert_eq!(breach.map(|m| m.duration), duration("48h"));
        assert_eq!(
            breach
                .and_then(|m| m.source.as_ref())
                .map(|source| source.get(crate::i18n::Locale::En)),
            Some("house rule")
        );
        // Lists are extended, scalars replaced, the rest kept.
        let subjects: Vec<&str> = tables
            .consent
            .prospect_subjects
            .iter()
            .map(|s| s.as_str())
            .collect();
        assert_eq!(subjects, ["prospects", "partners"]);
        assert_eq!(tables.consent.digital_consent_age, Some(16));
        assert_eq!(tables.consent.minor_subjects.len(), 1);
        assert_eq!(tables.risk.vulnerable_subjects.len(), 2);
        assert_eq!(tables.risk.encryption_measures.len(), 2);
        assert_eq!(
            tables
                .risk
                .dpia_review_every
                .as_ref()
                .map(|every| every.duration),
            duration("3y")
        );
        for key in [
            ("retention.archive_after", "archive_after"),
            ("retention.accounting_minimum", "accounting_minimum"),
            ("governance", "governance"),
            ("consent", "consent"),
            ("risk", "risk"),
        ] {
            let origin = tables.origins.get(&(key.0.to_owned(), key.1.to_owned()));
            assert_eq!(
                origin.map(String::as_str),
                Some("policies/house.yaml (`house`)"),
                "{key:?}"
            );
        }
    }

    #[test]
    fn hierarchy_is_by_dotted_prefix() {
        assert!(PolicyTables::covers("special", "special.health"));
        assert!(PolicyTables::covers("special", "special"));
        assert!(!PolicyTables::covers("special", "specialist"));
        assert!(!PolicyTables::covers("special.health", "special"));
    }
}
