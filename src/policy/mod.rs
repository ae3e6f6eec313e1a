//! Policy stage: the built-in packs (`rules/*.yaml`, embedded in the binary) merged with the
//! workspace's own `kind: policy` documents into the tables the rules read.
//!
//! A later pack extends an earlier one; an entry with the same id replaces the earlier entry.

mod custom;

pub use custom::{CompiledRule, Test, compile_custom_rules};

use crate::model::{
    CategoryEntry, CustomRule, Governance, Inventory, Located, MinimisationEntry, Policy,
    PurposeId, RetentionReference, Sensitivity, SubjectId, FunctionId, TransferTables,
    TypedDocument, VocabularyEntry,
};
use crate::syntax::{Limits, parse};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The built-in packs, in the order they are merged.
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("rules/taxonomy.yaml", include_str!("../../rules/taxonomy.yaml")),
    ("rules/retention.yaml", include_str!("../../rules/retention.yaml")),
    ("rules/governance.yaml", include_str!("../../rules/governance.yaml")),
    ("rules/minimisation.yaml", include_str!("../../rules/minimisation.yaml")),
    ("rules/transfers.yaml", include_str!("../../rules/transfers.yaml")),
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
    pub purposes: BTreeMap<String, VocabularyEntry<PurposeId>>,
    pub subjects: BTreeMap<String, VocabularyEntry<SubjectId>>,
    pub functions: BTreeMap<String, VocabularyEntry<FunctionId>>,
    pub retention_references: BTreeMap<String, RetentionReference>,
    pub retention_ceilings: BTreeMap<String, RetentionReference>,
    pub governance: Governance,
    pub minimisation: BTreeMap<String, MinimisationEntry>,
    pub transfers: TransferTables,
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
        .get_or_init(|| BUILTIN_PACKS.iter().map(|(file, text)| load_pack(file, text)).collect())
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
        for Located { file, document, item } in &inventory.policies {
            tables.merge(item, format!("{file} (`{}`)", item.id), Some((file.clone(), *document)));
        }
        tables
    }

    fn merge(&mut self, pack: &Policy, origin: String, place: Option<(String, usize)>) {
        let mut note = |table: &str, id: &str| {
            self.origins
                .insert((table.to_owned(), id.to_owned()), origin.clone());
        };
        for entry in &pack.categories {
            note("categories", entry.id.as_str());
            self.categories.insert(entry.id.as_str().to_owned(), entry.clone());
        }
        for entry in &pack.purposes {
            note("purposes", entry.id.as_str());
            self.purposes.insert(entry.id.as_str().to_owned(), entry.clone());
        }
        for entry in &pack.subjects {
            note("subjects", entry.id.as_str());
            self.subjects.insert(entry.id.as_str().to_owned(), entry.clone());
        }
        for entry in &pack.functions {
            note("functions", entry.id.as_str());
            self.functions.insert(entry.id.as_str().to_owned(), entry.clone());
        }
        if let Some(retention) = &pack.retention {
            for entry in &retention.references {
                note("retention.references", entry.id.as_str());
                self.retention_references.insert(entry.id.as_str().to_owned(), entry.clone());
            }
            for entry in &retention.ceilings {
                note("retention.ceilings", entry.id.as_str());
                self.retention_ceilings.insert(entry.id.as_str().to_owned(), entry.clone());
            }
        }
        if let Some(governance) = &pack.governance {
            merge_governance(&mut self.governance, governance);
            note("governance", "governance");
        }
        for entry in &pack.minimisation {
            note("minimisation", entry.purpose.as_str());
            self.minimisation.insert(entry.purpose.as_str().to_owned(), entry.clone());
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

    /// The sensitivity of a category, inherited from its closest marked ancestor.
    pub fn sensitivity(&self, category: &str) -> Option<Sensitivity> {
        let mut id = category;
        loop {
            if let Some(sensitive) = self.categories.get(id).and_then(|entry| entry.sensitive) {
                return Some(sensitive);
            }
            id = &id[..id.rfind('.')?];
        }
    }
}

/// A later governance section replaces the values it sets and keeps the others.
fn merge_governance(into: &mut Governance, from: &Governance) {
    if !from.dpo_incompatible_functions.is_empty() {
        for function in &from.dpo_incompatible_functions {
            if !into.dpo_incompatible_functions.contains(function) {
                into.dpo_incompatible_functions.push(function.clone());
            }
        }
    }
    if from.dpo_incompatible_source.is_some() {
        into.dpo_incompatible_source.clone_from(&from.dpo_incompatible_source);
    }
    if from.review_every.is_some() {
        into.review_every.clone_from(&from.review_every);
    }
    for word in &from.vague_descriptions {
        if !into.vague_descriptions.contains(word) {
            into.vague_descriptions.push(word.clone());
        }
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
        assert_eq!(tables.sensitivity("special.health"), Some(Sensitivity::Art9));
        assert_eq!(tables.sensitivity("identity.email"), None);
        assert!(tables.purposes.contains_key("newsletter"));
        assert!(tables.functions.contains_key("marketing"));
    }

    #[test]
    fn hierarchy_is_by_dotted_prefix() {
        assert!(PolicyTables::covers("special", "special.health"));
        assert!(PolicyTables::covers("special", "special"));
        assert!(!PolicyTables::covers("special", "specialist"));
        assert!(!PolicyTables::covers("special.health", "special"));
    }
}
