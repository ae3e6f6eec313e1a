//! The typed workspace: every valid document, by kind, each remembering where it came from,
//! with id indexes for the cross-document rules.

use super::{Charter, Organisation, Party, Person, Policy, Processing, Source, TypedDocument};
use crate::finding::Location;
use std::collections::{HashMap, HashSet};

/// A document and the place it was read from.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub file: String,
    pub document: usize,
    pub item: T,
}

impl<T> Located<T> {
    /// The location of a node of this document, e.g. `at("/fields/3/category")`.
    pub fn at(&self, pointer: impl Into<String>) -> Location {
        Location::node(self.file.clone(), self.document, pointer)
    }
}

/// All typed documents of a workspace.
#[derive(Debug, Default)]
pub struct Inventory {
    pub organisations: Vec<Located<Organisation>>,
    pub parties: Vec<Located<Party>>,
    pub sources: Vec<Located<Source>>,
    pub processings: Vec<Located<Processing>>,
    pub charters: Vec<Located<Charter>>,
    pub policies: Vec<Located<Policy>>,
    party_index: HashMap<String, usize>,
    source_index: HashMap<String, usize>,
    processing_index: HashMap<String, usize>,
    /// person id → (organisation index, person index)
    person_index: HashMap<String, (usize, usize)>,
    /// (file, document) of the documents that failed to parse or validate and of which only
    /// what could be read is here: they declare their ids, but the rules do not judge them.
    partial: HashSet<(String, usize)>,
}

impl Inventory {
    /// Gathers documents (in workspace order: by file, then document) and indexes their ids.
    /// With duplicate ids the first one is indexed; DC004 reports the others.
    pub fn new(documents: impl IntoIterator<Item = (String, usize, TypedDocument)>) -> Self {
        let mut inventory = Inventory::default();
        for (file, document, typed) in documents {
            match typed {
                TypedDocument::Organisation(item) => inventory.organisations.push(Located {
                    file,
                    document,
                    item,
                }),
                TypedDocument::Party(item) => inventory.parties.push(Located {
                    file,
                    document,
                    item,
                }),
                TypedDocument::Source(item) => inventory.sources.push(Located {
                    file,
                    document,
                    item,
                }),
                TypedDocument::Processing(item) => inventory.processings.push(Located {
                    file,
                    document,
                    item,
                }),
                TypedDocument::Charter(item) => inventory.charters.push(Located {
                    file,
                    document,
                    item,
                }),
                TypedDocument::Policy(item) => inventory.policies.push(Located {
                    file,
                    document,
                    item,
                }),
            }
        }
        index(&mut inventory.party_index, &inventory.parties, |p| {
            p.id.as_str()
        });
        index(&mut inventory.source_index, &inventory.sources, |s| {
            s.id.as_str()
        });
        index(
            &mut inventory.processing_index,
            &inventory.processings,
            |p| p.id.as_str(),
        );
        for (o, organisation) in inventory.organisations.iter().enumerate() {
            for (p, person) in organisation.item.people.iter().enumerate() {
                inventory
                    .person_index
                    .entry(person.id.as_str().to_owned())
                    .or_insert((o, p));
            }
        }
        inventory
    }

    /// Marks documents as partial: recovered from a text that failed to parse or validate.
    pub fn mark_partial(&mut self, documents: impl IntoIterator<Item = (String, usize)>) {
        self.partial.extend(documents);
    }

    /// Whether the document at (file, index) is only what could be read of a broken text.
    pub fn is_partial(&self, file: &str, document: usize) -> bool {
        !self.partial.is_empty() && self.partial.contains(&(file.to_owned(), document))
    }

    /// The organisation, when there is exactly one… or the first of several (DC006 reports).
    pub fn organisation(&self) -> Option<&Located<Organisation>> {
        self.organisations.first()
    }

    /// The charter, if any (the first one when several).
    pub fn charter(&self) -> Option<&Located<Charter>> {
        self.charters.first()
    }

    pub fn party(&self, id: &str) -> Option<&Located<Party>> {
        self.party_index.get(id).map(|&i| &self.parties[i])
    }

    pub fn source(&self, id: &str) -> Option<&Located<Source>> {
        self.source_index.get(id).map(|&i| &self.sources[i])
    }

    pub fn processing(&self, id: &str) -> Option<&Located<Processing>> {
        self.processing_index.get(id).map(|&i| &self.processings[i])
    }

    /// A person of the staff directory, with the location of their entry in `people`.
    pub fn person(&self, id: &str) -> Option<(&Person, Location)> {
        let &(o, p) = self.person_index.get(id)?;
        let organisation = &self.organisations[o];
        Some((
            &organisation.item.people[p],
            organisation.at(format!("/people/{p}")),
        ))
    }

    pub fn person_ids(&self) -> impl Iterator<Item = &str> {
        self.person_index.keys().map(String::as_str)
    }

    pub fn party_ids(&self) -> impl Iterator<Item = &str> {
        self.party_index.keys().map(String::as_str)
    }

    pub fn source_ids(&self) -> impl Iterator<Item = &str> {
        self.source_index.keys().map(String::as_str)
    }

    pub fn processing_ids(&self) -> impl Iterator<Item = &str> {
        self.processing_index.keys().map(String::as_str)
    }

    /// Number of documents of every kind.
    pub fn len(&self) -> usize {
        self.organisations.len()
            + self.parties.len()
            + self.sources.len()
            + self.processings.len()
            + self.charters.len()
            + self.policies.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn index<T>(map: &mut HashMap<String, usize>, items: &[Located<T>], id: impl Fn(&T) -> &str) {
    for (i, located) in items.iter().enumerate() {
        map.entry(id(&located.item).to_owned()).or_insert(i);
    }
}

impl Inventory {
    /// The documents of one kind as JSON (file, document index, kind, value), rebuilt from
    /// the typed documents: what custom rules read. Absent optional keys come out as `null`.
    pub fn documents_as_json(
        &self,
        kind: super::DocumentKind,
    ) -> Vec<(String, usize, super::DocumentKind, serde_json::Value)> {
        fn rows<T: serde::Serialize>(
            items: &[Located<T>],
            kind: super::DocumentKind,
        ) -> Vec<(String, usize, super::DocumentKind, serde_json::Value)> {
            items
                .iter()
                .filter_map(|located| {
                    let value = serde_json::to_value(&located.item).ok()?;
                    Some((located.file.clone(), located.document, kind, value))
                })
                .collect()
        }
        use super::DocumentKind as K;
        match kind {
            K::Organisation => rows(&self.organisations, kind),
            K::Party => rows(&self.parties, kind),
            K::Source => rows(&self.sources, kind),
            K::Processing => rows(&self.processings, kind),
            K::Charter => rows(&self.charters, kind),
            K::Policy => rows(&self.policies, kind),
        }
    }
}
