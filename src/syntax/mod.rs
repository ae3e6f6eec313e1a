//! Syntax stage: parse each file once into documents (a JSON value plus a span tree that
//! resolves JSON pointers to text ranges), its comments, and its syntax findings
//! (DC001 yaml-syntax, DC003 duplicate-key).

mod comments;
mod loader;
mod messages;
mod source;

pub use comments::Comment;
pub use loader::{Limits, parse, parse_in};
pub use source::SourceText;

use crate::finding::{Finding, TextRange};
use serde_json::Value;

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

/// A node of the span tree, mirroring `Document::value`.
#[derive(Debug, Clone)]
pub struct Node {
    pub range: TextRange,
    pub kind: NodeKind,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Scalar,
    Sequence(Vec<Node>),
    Mapping(Vec<Entry>),
}

/// A mapping entry: the key's text and range, and the value node.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub key_range: TextRange,
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
        let mut node = &self.root;
        let mut key = None;
        let mut exact = true;
        for token in pointer_tokens(pointer) {
            let next = match &node.kind {
                NodeKind::Mapping(entries) => entries
                    .iter()
                    .rev() // after a duplicate key, the last one is the value in `value`
                    .find(|entry| entry.key == token)
                    .map(|entry| (Some(entry.key_range), &entry.value)),
                NodeKind::Sequence(items) => token
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .map(|item| (None, item)),
                NodeKind::Scalar => None,
            };
            match next {
                Some((next_key, next_node)) => {
                    key = next_key;
                    node = next_node;
                }
                None => {
                    exact = false;
                    break;
                }
            }
        }
        Resolved {
            key,
            value: node.range,
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
