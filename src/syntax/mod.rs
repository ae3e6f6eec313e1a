//! Syntax stage: parse each file once into documents (a JSON value plus a span tree that
//! resolves JSON pointers to text ranges), its comments, and its syntax findings
//! (DC001 yaml-syntax, DC003 duplicate-key).

mod comments;
mod loader;
mod messages;
mod source;

pub use comments::Comment;
pub use loader::{Allowance, Keep, Limits, Usage, parse, parse_in, parse_within};
pub use source::{SourceText, lines};

use crate::finding::{Finding, TextPos, TextRange};
use serde_json::Value;
use std::sync::{Arc, OnceLock};

/// One parsed file.
#[derive(Debug)]
pub struct ParsedFile {
    pub source: SourceText,
    pub documents: Vec<Document>,
    /// Every real YAML comment (not a `#` inside a quoted or block scalar), in text order.
    pub comments: Vec<Comment>,
    /// DC001 / DC003 findings of this file.
    pub findings: Vec<Finding>,
}

/// One YAML document of a file, as JSON plus the spans of its nodes.
#[derive(Debug)]
pub struct Document {
    /// 0-based position of the document in its file.
    pub index: usize,
    pub value: Value,
    pub root: Node,
}

/// A text range in 24 bytes instead of 48 (positions as `u32`): span trees hold one per node,
/// and a dense flow list has a node every two bytes. Positions past `u32::MAX` saturate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Range32 {
    start: [u32; 3],
    end: [u32; 3],
}

fn pack(pos: TextPos) -> [u32; 3] {
    let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    [narrow(pos.index), narrow(pos.line), narrow(pos.column)]
}

fn unpack(pos: [u32; 3]) -> TextPos {
    TextPos {
        index: pos[0] as usize,
        line: pos[1] as usize,
        column: pos[2] as usize,
    }
}

impl Range32 {
    pub fn start(&self) -> TextPos {
        unpack(self.start)
    }

    pub fn end(&self) -> TextPos {
        unpack(self.end)
    }
}

impl From<TextRange> for Range32 {
    fn from(range: TextRange) -> Self {
        Range32 {
            start: pack(range.start),
            end: pack(range.end),
        }
    }
}

impl From<Range32> for TextRange {
    fn from(range: Range32) -> Self {
        TextRange {
            start: range.start(),
            end: range.end(),
        }
    }
}

/// A node of the span tree, mirroring `Document::value`.
#[derive(Debug, Clone)]
pub struct Node {
    pub range: Range32,
    pub kind: NodeKind,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Scalar,
    Sequence(Vec<Node>),
    Mapping(Box<Mapping>),
    /// An anchored node, shared by the anchor and every alias to it: an alias costs one
    /// node of the span tree, not a copy of what it names.
    Shared(Arc<Node>),
}

/// A mapping's entries in text order, with an index by key built the first time a large
/// mapping is searched (so that locating n findings in an n-key mapping is not quadratic).
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    pub entries: Vec<Entry>,
    /// Entry positions sorted by (key, position).
    by_key: OnceLock<Vec<u32>>,
}

/// Below this many entries a scan is as fast as the index and costs no memory.
const INDEXED_FROM: usize = 16;

impl Mapping {
    pub fn new(entries: Vec<Entry>) -> Mapping {
        Mapping {
            entries,
            by_key: OnceLock::new(),
        }
    }

    /// The entry for `key`; after a duplicate key, the last one (the value in `value`).
    pub fn get(&self, key: &str) -> Option<&Entry> {
        if self.entries.len() < INDEXED_FROM {
            return self.entries.iter().rev().find(|entry| entry.key == key);
        }
        let sorted = self.by_key.get_or_init(|| {
            let mut sorted: Vec<u32> = (0..self.entries.len())
                .map(|at| u32::try_from(at).unwrap_or(u32::MAX))
                .collect();
            sorted.sort_by(|a, b| self.key_at(*a).cmp(self.key_at(*b)).then(a.cmp(b)));
            sorted
        });
        let after = sorted.partition_point(|at| self.key_at(*at) <= key);
        let entry = self
            .entries
            .get(*sorted.get(after.checked_sub(1)?)? as usize)?;
        (entry.key == key).then_some(entry)
    }

    fn key_at(&self, at: u32) -> &str {
        self.entries
            .get(at as usize)
            .map_or("", |entry| entry.key.as_str())
    }
}

impl Node {
    /// The node itself, looking through sharing.
    pub fn shown(&self) -> &Node {
        let mut node = self;
        while let NodeKind::Shared(inner) = &node.kind {
            node = inner;
        }
        node
    }
}

/// A mapping entry: the key's text and range, and the value node.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub key_range: Range32,
    pub value: Node,
}

/// Where a JSON pointer lands in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// The key of the node when its parent is a mapping.
    pub key: Option<TextRange>,
    pub value: TextRange,
    /// False when the pointer does not exist and this is its closest existing ancestor.
    pub exact: bool,
}

impl Document {
    /// Resolves an RFC 6901 pointer to the ranges of its node, or of the closest existing
    /// ancestor when the pointer names something absent. Walks the tree: nothing is indexed
    /// up front, since most documents are never asked for a location.
    pub fn resolve(&self, pointer: &str) -> Resolved {
        let mut node = self.root.shown();
        let mut key = None;
        let mut exact = true;
        for token in pointer_tokens(pointer) {
            let next = match &node.kind {
                NodeKind::Mapping(mapping) => mapping
                    .get(&token)
                    .map(|entry| (Some(entry.key_range.into()), &entry.value)),
                NodeKind::Sequence(items) => token
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .map(|item| (None, item)),
                NodeKind::Scalar | NodeKind::Shared(_) => None,
            };
            match next {
                Some((next_key, next_node)) => {
                    key = next_key;
                    node = next_node.shown();
                }
                None => {
                    exact = false;
                    break;
                }
            }
        }
        Resolved {
            key,
            value: node.range.into(),
            exact,
        }
    }
}

/// Splits a JSON pointer into unescaped reference tokens (`~1` → `/`, `~0` → `~`).
pub fn pointer_tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
}

/// Escapes one reference token for a JSON pointer.
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests;
