//! The YAML loader: saphyr's event parser driven into a JSON value and a span tree.
//!
//! saphyr's own `MarkedYaml` loader stops at the first duplicate key with one position and has
//! no depth bound, so we drive its event parser ourselves: both duplicate positions (DC003),
//! merge keys applied, alias expansion and nesting bounded.

use super::comments::collect_comments;
use super::messages::friendly_scan_error;
use super::{Document, Entry, Mapping, Node, NodeKind, ParsedFile, SourceText};
use crate::finding::{Finding, Location, Severity, TextPos, TextRange};
use crate::i18n::Locale;
use saphyr::Scalar;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Span};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// Bounds that keep hostile input from exhausting memory or the stack. The workspace-wide
/// ones are shared by every file of a run (see [`Allowance`]): many files each just under a
/// per-file bound must not add up to an unbounded whole.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Deepest nesting of mappings and sequences accepted.
    pub max_depth: usize,
    /// Most nodes that alias expansion may produce in one file (billion-laughs guard).
    pub max_alias_nodes: usize,
    /// Most nodes that alias expansion may produce in the whole workspace.
    pub workspace_alias_nodes: usize,
    /// Most nodes (values, lists, mappings, alias expansions included) in the whole workspace.
    pub workspace_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 128,
            max_alias_nodes: 100_000,
            workspace_alias_nodes: 1_000_000,
            workspace_nodes: 5_000_000,
        }
    }
}

/// What is left of the workspace-wide budgets for one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub alias_nodes: usize,
    pub nodes: usize,
}

impl Allowance {
    /// The whole workspace's budgets, for a file parsed on its own.
    pub fn whole(limits: &Limits) -> Allowance {
        Allowance {
            alias_nodes: limits.workspace_alias_nodes,
            nodes: limits.workspace_nodes,
        }
    }

    /// Nothing left: parsing stops at the first node.
    pub const NONE: Allowance = Allowance {
        alias_nodes: 0,
        nodes: 0,
    };
}

/// What a parse builds: both trees (the default), only the JSON values (for checking: the
/// span tree is rebuilt later, and only for files with findings), or only the span tree (for
/// locating findings: the values were checked already). Building one tree halves the memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Both,
    Values,
    Spans,
}

impl Keep {
    fn values(self) -> bool {
        self != Keep::Spans
    }

    fn spans(self) -> bool {
        self != Keep::Values
    }
}

/// What a file took of the budgets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub alias_nodes: usize,
    pub nodes: usize,
    /// Parsing stopped because a workspace-wide budget ran out.
    pub over_budget: bool,
}

pub(crate) const SYNTAX_CODE: &str = "DC001";
pub(crate) const SYNTAX_NAME: &str = "yaml-syntax";
const DUPLICATE_CODE: &str = "DC003";
const DUPLICATE_NAME: &str = "duplicate-key";

/// Parses a file's bytes, with English messages. Never fails: problems become DC001 / DC003
/// findings on the file.
pub fn parse(path: &str, bytes: &[u8], limits: &Limits) -> ParsedFile {
    parse_in(path, bytes, limits, Locale::En)
}

/// [`parse`], with the findings' messages in `locale`.
pub fn parse_in(path: &str, bytes: &[u8], limits: &Limits, locale: Locale) -> ParsedFile {
    parse_within(
        path,
        bytes,
        limits,
        Allowance::whole(limits),
        Keep::Both,
        locale,
    )
    .0
}

/// [`parse_in`] within what is left of the workspace's budgets; also says what it took.
pub fn parse_within(
    path: &str,
    bytes: &[u8],
    limits: &Limits,
    allowance: Allowance,
    keep: Keep,
    locale: Locale,
) -> (ParsedFile, Usage) {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(error) => return (invalid_utf8(path, bytes, error, locale), Usage::default()),
    };
    let source = SourceText::new(path, text);
    let mut builder = Builder::new(path, &source, limits, allowance, keep, locale);
    let mut parser = Parser::new_from_str(&source.text);
    let mut error = None;
    for event in &mut parser {
        let result = match event {
            Ok((event, span)) => builder.on_event(event, span),
            Err(scan) => Err(LoadError {
                at: pos(scan.marker()),
                message: friendly_scan_error(scan.info(), locale),
                detail: Some(scan.info().to_owned()),
            }),
        };
        if let Err(problem) = result {
            error = Some(problem);
            break;
        }
    }
    let document_in_progress = builder.document_index_in_progress();
    let mut findings = std::mem::take(&mut builder.findings);
    if let Some(problem) = error {
        let range = TextRange {
            start: problem.at,
            end: problem.at,
        };
        let mut finding = Finding::new(
            SYNTAX_CODE,
            SYNTAX_NAME,
            Severity::Error,
            Location::text(path, document_in_progress, range),
            problem.message,
        )
        .with_label(crate::t!(locale, "DC001.label"))
        .with_help(crate::t!(locale, "DC001.help"));
        // Show the parser's own words too, unless the message already is them.
        if let Some(detail) = problem.detail
            && !finding.message.ends_with(detail.as_str())
        {
            finding.label = crate::t!(locale, "DC001.parser-label", detail = detail);
        }
        findings.push(finding);
    }
    let comments = collect_comments(&source.text, &builder.quoted_ranges);
    let documents = std::mem::take(&mut builder.documents);
    let usage = builder.usage;
    drop(parser);
    drop(builder);
    let parsed = ParsedFile {
        source,
        documents,
        comments,
        findings,
    };
    (parsed, usage)
}

/// A file that is not UTF-8: one DC001 at the first bad byte, no documents.
fn invalid_utf8(
    path: &str,
    bytes: &[u8],
    error: std::str::Utf8Error,
    locale: Locale,
) -> ParsedFile {
    let valid = &bytes[..error.valid_up_to()];
    // `valid` is UTF-8 by construction; the lossy call cannot alter it.
    let prefix = String::from_utf8_lossy(valid);
    let at = super::source::end_of(&prefix);
    let text = String::from_utf8_lossy(bytes).into_owned();
    let finding = Finding::new(
        SYNTAX_CODE,
        SYNTAX_NAME,
        Severity::Error,
        Location::text(path, None, TextRange { start: at, end: at }),
        crate::t!(locale, "DC001.not-utf8", offset = error.valid_up_to()),
    )
    .with_label(crate::t!(locale, "DC001.not-utf8-label"))
    .with_help(crate::t!(locale, "DC001.not-utf8-help"));
    ParsedFile {
        source: SourceText::new(path, text),
        documents: Vec::new(),
        comments: Vec::new(),
        findings: vec![finding],
    }
}

fn pos(marker: &Marker) -> TextPos {
    TextPos {
        index: marker.index(),
        line: marker.line(),
        column: marker.col(),
    }
}

fn range(span: &Span) -> TextRange {
    TextRange {
        start: pos(&span.start),
        end: pos(&span.end),
    }
}

/// Why loading stopped.
struct LoadError {
    at: TextPos,
    message: String,
    detail: Option<String>,
}

impl LoadError {
    fn at(at: TextPos, message: impl Into<String>) -> Self {
        LoadError {
            at,
            message: message.into(),
            detail: None,
        }
    }
}

/// A finished node: its JSON value, its spans, how many nodes it holds (for the alias
/// budget), and for a scalar its text and whether it was a plain (unquoted) scalar.
struct Built {
    value: Value,
    node: Node,
    size: usize,
    scalar: Option<(String, bool)>,
}

enum Frame {
    Sequence {
        start: TextPos,
        anchor: usize,
        values: Vec<Value>,
        nodes: Vec<Node>,
        size: usize,
    },
    Mapping {
        start: TextPos,
        anchor: usize,
        map: Map<String, Value>,
        entries: Vec<Entry>,
        size: usize,
        pending_key: Option<(String, TextRange)>,
        /// Values of `<<` merge keys, applied when the mapping ends.
        merges: Vec<Built>,
        /// Where each key is first written, built at the first duplicate key only.
        first_keys: Option<HashMap<String, TextRange>>,
    },
}

/// An anchored node: its value (copied for each alias, as JSON has no sharing) and its span
/// tree (shared).
struct Anchored {
    value: Value,
    node: Arc<Node>,
    size: usize,
    scalar: Option<(String, bool)>,
}

struct Builder<'a> {
    path: &'a str,
    source: &'a SourceText,
    limits: &'a Limits,
    locale: Locale,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Anchored>,
    alias_budget: usize,
    allowance: Allowance,
    usage: Usage,
    keep: Keep,
    root: Option<Built>,
    documents: Vec<Document>,
    findings: Vec<Finding>,
    in_document: bool,
    /// Character ranges of quoted and block scalars: a `#` inside them is text, not a comment.
    quoted_ranges: Vec<(usize, usize)>,
}

impl<'a> Builder<'a> {
    fn new(
        path: &'a str,
        source: &'a SourceText,
        limits: &'a Limits,
        allowance: Allowance,
        keep: Keep,
        locale: Locale,
    ) -> Self {
        Builder {
            path,
            source,
            limits,
            locale,
            stack: Vec::new(),
            anchors: HashMap::new(),
            alias_budget: limits.max_alias_nodes,
            allowance,
            usage: Usage::default(),
            keep,
            root: None,
            documents: Vec::new(),
            findings: Vec::new(),
            in_document: false,
            quoted_ranges: Vec::new(),
        }
    }

    fn document_index_in_progress(&self) -> Option<usize> {
        self.in_document.then_some(self.documents.len())
    }

    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<(), LoadError> {
        match event {
            Event::DocumentStart(_) => {
                self.in_document = true;
                self.anchors.clear();
                self.root = None;
            }
            Event::DocumentEnd => {
                self.in_document = false;
                if let Some(root) = self.root.take() {
                    self.documents.push(Document {
                        index: self.documents.len(),
                        value: root.value,
                        root: root.node,
                    });
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1, &span)?;
                let value =
                    match Scalar::parse_from_cow_and_metadata(text.clone(), style, tag.as_ref()) {
                        Some(scalar) => scalar_to_json(scalar, &text),
                        None => {
                            return Err(LoadError::at(
                                pos(&span.start),
                                crate::t!(self.locale, "DC001.tag-mismatch", value = text),
                            ));
                        }
                    };
                let mut range = range(&span);
                let plain = style == ScalarStyle::Plain;
                if matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted) {
                    // saphyr's span of a quoted scalar runs on to the end of the line, over a
                    // trailing comment: end it at the closing quote.
                    let from = self.source.byte_offset(range.start.index);
                    range.end =
                        quoted_end(&self.source.text[from..], range.start).unwrap_or(range.end);
                }
                if !plain {
                    self.quoted_ranges
                        .push((range.start.index, range.end.index));
                }
                let built = Built {
                    value,
                    node: Node {
                        range: range.into(),
                        kind: NodeKind::Scalar,
                    },
                    size: 1,
                    scalar: Some((text.into_owned(), plain)),
                };
                let built = self.remember(anchor, built);
                self.finish(built)?;
            }
            Event::SequenceStart(anchor, _) => {
                self.check_depth(&span)?;
                self.count(1, &span)?;
                self.stack.push(Frame::Sequence {
                    start: pos(&span.start),
                    anchor,
                    values: Vec::new(),
                    nodes: Vec::new(),
                    size: 1,
                });
            }
            Event::MappingStart(anchor, _) => {
                self.check_depth(&span)?;
                self.count(1, &span)?;
                self.stack.push(Frame::Mapping {
                    start: pos(&span.start),
                    anchor,
                    map: Map::new(),
                    entries: Vec::new(),
                    size: 1,
                    pending_key: None,
                    merges: Vec::new(),
                    first_keys: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let (built, anchor) = self.close(frame, &span);
                let built = self.remember(anchor, built);
                self.finish(built)?;
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return Err(LoadError::at(
                        pos(&span.start),
                        crate::t!(self.locale, "DC001.scan.unknown-anchor"),
                    ));
                };
                if target.size > self.alias_budget {
                    return Err(LoadError::at(
                        pos(&span.start),
                        crate::t!(
                            self.locale,
                            "DC001.alias-bomb",
                            limit = self.limits.max_alias_nodes
                        ),
                    ));
                }
                if target.size
                    > self
                        .allowance
                        .alias_nodes
                        .saturating_sub(self.usage.alias_nodes)
                {
                    self.usage.over_budget = true;
                    return Err(LoadError::at(
                        pos(&span.start),
                        crate::t!(
                            self.locale,
                            "DC001.workspace-alias-budget",
                            limit = self.limits.workspace_alias_nodes
                        ),
                    ));
                }
                let size = target.size;
                self.alias_budget -= size;
                self.usage.alias_nodes += size;
                let built = Built {
                    value: target.value.clone(),
                    node: Node {
                        range: target.node.range,
                        kind: NodeKind::Shared(Arc::clone(&target.node)),
                    },
                    size,
                    scalar: target.scalar.clone(),
                };
                self.count(size, &span)?;
                self.finish(built)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
        Ok(())
    }

    fn check_depth(&self, span: &Span) -> Result<(), LoadError> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(LoadError::at(
                pos(&span.start),
                crate::t!(self.locale, "DC001.too-deep", limit = self.limits.max_depth),
            ));
        }
        Ok(())
    }

    /// Counts `nodes` more against the workspace's node budget.
    fn count(&mut self, nodes: usize, span: &Span) -> Result<(), LoadError> {
        self.usage.nodes += nodes;
        if self.usage.nodes > self.allowance.nodes {
            self.usage.over_budget = true;
            return Err(LoadError::at(
                pos(&span.start),
                crate::t!(
                    self.locale,
                    "DC001.workspace-node-budget",
                    limit = self.limits.workspace_nodes
                ),
            ));
        }
        Ok(())
    }

    /// Keeps an anchored node for its aliases; its span tree is then shared, not copied.
    fn remember(&mut self, anchor: usize, mut built: Built) -> Built {
        if anchor == 0 {
            return built;
        }
        let range = built.node.range;
        let placeholder = Node {
            range,
            kind: NodeKind::Scalar,
        };
        let shared = Arc::new(std::mem::replace(&mut built.node, placeholder));
        built.node = Node {
            range,
            kind: NodeKind::Shared(Arc::clone(&shared)),
        };
        self.anchors.insert(
            anchor,
            Anchored {
                value: built.value.clone(),
                node: shared,
                size: built.size,
                scalar: built.scalar.clone(),
            },
        );
        built
    }

    /// Turns a closed frame into a node. Block collections end where their last child ends
    /// (the parser's end mark sits on the next token, possibly lines below).
    fn close(&mut self, frame: Frame, end_span: &Span) -> (Built, usize) {
        let explicit_end = (!end_span.is_empty()).then(|| pos(&end_span.end));
        match frame {
            Frame::Sequence {
                start,
                anchor,
                values,
                nodes,
                size,
            } => {
                let end = explicit_end
                    .or_else(|| nodes.last().map(|n| n.range.end()))
                    .unwrap_or(start);
                let built = Built {
                    value: Value::Array(values),
                    node: Node {
                        range: TextRange { start, end }.into(),
                        kind: NodeKind::Sequence(nodes),
                    },
                    size,
                    scalar: None,
                };
                (built, anchor)
            }
            Frame::Mapping {
                start,
                anchor,
                mut map,
                mut entries,
                mut size,
                merges,
                ..
            } => {
                let end = explicit_end
                    .or_else(|| entries.last().map(|e| e.value.range.end()))
                    .unwrap_or(start);
                for merge in merges {
                    size += merge_into(&mut map, &mut entries, merge, self.keep);
                }
                let built = Built {
                    value: Value::Object(map),
                    node: Node {
                        range: TextRange { start, end }.into(),
                        kind: NodeKind::Mapping(Box::new(Mapping::new(entries))),
                    },
                    size,
                    scalar: None,
                };
                (built, anchor)
            }
        }
    }

    /// Hands a finished node to its parent, or makes it the document root.
    fn finish(&mut self, built: Built) -> Result<(), LoadError> {
        let path = self.path;
        let locale = self.locale;
        let document = self.documents.len();
        let keep = self.keep;
        match self.stack.last_mut() {
            None => {
                self.root = Some(built);
            }
            Some(Frame::Sequence {
                values,
                nodes,
                size,
                ..
            }) => {
                *size += built.size;
                if keep.values() {
                    values.push(built.value);
                }
                if keep.spans() {
                    nodes.push(built.node);
                }
            }
            Some(Frame::Mapping {
                map,
                entries,
                size,
                pending_key,
                merges,
                first_keys,
                ..
            }) => match pending_key.take() {
                None => {
                    let Some((text, _)) = &built.scalar else {
                        return Err(LoadError::at(
                            built.node.range.start(),
                            crate::t!(locale, "DC001.complex-key"),
                        ));
                    };
                    let key = match &built.value {
                        Value::String(s) => s.clone(),
                        Value::Null if text.is_empty() => String::new(),
                        _ => text.clone(),
                    };
                    let key =
                        if built.scalar.as_ref().is_some_and(|(_, plain)| *plain) && key == "<<" {
                            MERGE_KEY.to_owned()
                        } else {
                            key
                        };
                    *pending_key = Some((key, built.node.range.into()));
                }
                Some((key, key_range)) => {
                    if key == MERGE_KEY {
                        merges.push(built);
                        return Ok(());
                    }
                    *size += built.size;
                    if map.contains_key(&key) {
                        // An index of first keys, built at the first duplicate: many
                        // duplicates stay linear.
                        let first_keys = first_keys.get_or_insert_with(|| {
                            let mut index = HashMap::with_capacity(entries.len());
                            for entry in entries.iter() {
                                index
                                    .entry(entry.key.clone())
                                    .or_insert(entry.key_range.into());
                            }
                            index
                        });
                        let first = first_keys.get(&key).copied();
                        let mut finding = Finding::new(
                            DUPLICATE_CODE,
                            DUPLICATE_NAME,
                            Severity::Error,
                            Location::text(path, Some(document), key_range),
                            crate::t!(locale, "DC003.message", key = key),
                        )
                        .with_label(crate::t!(locale, "DC003.label"))
                        .with_help(crate::t!(locale, "DC003.help"));
                        if let Some(first) = first {
                            finding = finding.with_secondary(
                                Location::text(path, Some(document), first),
                                crate::t!(locale, "DC003.secondary"),
                            );
                        }
                        self.findings.push(finding);
                    }
                    if keep.values() {
                        map.insert(key.clone(), built.value);
                    }
                    if let Some(first_keys) = first_keys {
                        first_keys.entry(key.clone()).or_insert(key_range);
                    }
                    // Checking needs the keys (for duplicates), not the spans below them.
                    let value = if keep.spans() {
                        built.node
                    } else {
                        Node {
                            range: built.node.range,
                            kind: NodeKind::Scalar,
                        }
                    };
                    entries.push(Entry {
                        key,
                        key_range: key_range.into(),
                        value,
                    });
                }
            },
        }
        Ok(())
    }
}

/// A plain `<<` key is the YAML merge key; stored under a name no real key can have.
const MERGE_KEY: &str = "\u{0}<<";

/// Applies a `<<` merge: the merged mapping's entries (or each mapping of a merged list, the
/// first one winning) fill in keys the mapping does not set itself. Returns the nodes added.
fn merge_into(
    map: &mut Map<String, Value>,
    entries: &mut Vec<Entry>,
    merge: Built,
    keep: Keep,
) -> usize {
    let Built { value, node, .. } = merge;
    // The merged mapping is usually an alias: its span tree is shared, its entries copied.
    let node = node.shown();
    let spans: Vec<&Node> = match &node.kind {
        NodeKind::Mapping(_) => vec![node],
        NodeKind::Sequence(nodes) => nodes.iter().map(Node::shown).collect(),
        _ => Vec::new(),
    };
    if !keep.values() {
        // Only spans: the keys the mapping sets (or took from an earlier merge) win.
        let mut taken: std::collections::HashSet<String> =
            entries.iter().map(|entry| entry.key.clone()).collect();
        let mut added = 0;
        for node in spans {
            let NodeKind::Mapping(source) = &node.kind else {
                continue;
            };
            for entry in &source.entries {
                if taken.insert(entry.key.clone()) {
                    added += 1;
                    entries.push(entry.clone());
                }
            }
        }
        return added;
    }
    let objects: Vec<Map<String, Value>> = match value {
        Value::Object(object) => vec![object],
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| match item {
                Value::Object(object) => Some(object),
                _ => None,
            })
            .collect(),
        // Merging a scalar is meaningless; the schema then reports the mapping as it is.
        _ => Vec::new(),
    };
    // Without spans (checking only), the merged keys go into the value alone.
    let mut spans = spans
        .into_iter()
        .filter(|node| matches!(node.kind, NodeKind::Mapping(_)));
    let mut added = 0;
    for mut object in objects {
        let source = spans.next().and_then(|node| match &node.kind {
            NodeKind::Mapping(source) => Some(source),
            _ => None,
        });
        match source {
            Some(source) => {
                for entry in &source.entries {
                    if map.contains_key(&entry.key) {
                        continue;
                    }
                    // A key repeated inside the merged mapping was taken once already.
                    if let Some(value) = object.remove(&entry.key) {
                        added += 1;
                        map.insert(entry.key.clone(), value);
                        if keep.spans() {
                            entries.push(entry.clone());
                        }
                    }
                }
            }
            None => {
                for (key, value) in object {
                    if !map.contains_key(&key) {
                        added += 1;
                        map.insert(key, value);
                    }
                }
            }
        }
    }
    added
}

/// The position just after the closing quote of the quoted scalar that `text` starts with
/// (`''` escapes a single quote, a backslash escapes in double quotes).
fn quoted_end(text: &str, start: TextPos) -> Option<TextPos> {
    let mut chars = text.chars();
    let quote = chars.next().filter(|c| *c == '"' || *c == '\'')?;
    let mut position = TextPos {
        index: start.index + 1,
        column: start.column + 1,
        ..start
    };
    let advance = |c: char, position: &mut TextPos| {
        position.index += 1;
        if c == '\n' {
            position.line += 1;
            position.column = 0;
        } else {
            position.column += 1;
        }
    };
    let mut chars = chars.peekable();
    while let Some(c) = chars.next() {
        advance(c, &mut position);
        if quote == '"' && c == '\\' {
            if let Some(escaped) = chars.next() {
                advance(escaped, &mut position);
            }
        } else if c == quote {
            if quote == '\'' && chars.peek() == Some(&'\'') {
                chars.next();
                advance('\'', &mut position);
            } else {
                return Some(position);
            }
        }
    }
    None
}

fn scalar_to_json(scalar: Scalar<'_>, text: &str) -> Value {
    match scalar {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(b),
        Scalar::Integer(i) => Value::Number(i.into()),
        // JSON has no NaN or infinity: keep the text as written.
        Scalar::FloatingPoint(f) => Number::from_f64(f.into_inner())
            .map_or_else(|| Value::String(text.to_owned()), Value::Number),
        Scalar::String(s) => Value::String(s.into_owned()),
    }
}
