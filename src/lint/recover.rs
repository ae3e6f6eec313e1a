//! Containment: what can be read of a document that failed to parse or validate.
//!
//! One mistake must give one finding. A document with a syntax or schema error still declares
//! its identity (its kind, its id, the people of an organisation, the sources a processing
//! reads…) so that the references of other files resolve and the cross-file rules do not
//! report it as missing or unused. What is recovered is marked partial in the inventory: the
//! rules' findings inside it are withheld (they would judge a mutilated text), and the summary
//! says which checks were skipped.
//!
//! Two tolerant passes, both bounded:
//! - a syntax error: the offending lines are blanked and the text parsed again, up to
//!   [`MAX_BLANKED_LINES`] times; when nothing parses, `kind:` and `id:` are read from the
//!   text's top-level lines;
//! - a schema error: each offending node is repaired (an unknown key close to a known one is
//!   renamed, as its "did you mean" says) or removed, up to [`MAX_REPAIRS`] times, until the
//!   document validates; a missing `name` or `type` gets a placeholder so that the document
//!   can be typed at all.

use crate::finding::Target;
use crate::model::TypedDocument;
use crate::syntax::{Limits, escape_token, parse, pointer_tokens};
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

/// Lines blanked before giving up on a text.
const MAX_BLANKED_LINES: usize = 8;
/// Nodes repaired or removed before giving up on a document.
const MAX_REPAIRS: usize = 64;

/// The documents of a text with a syntax error that the strict parse lost (those not in
/// `kept`), read by the tolerant pass and repaired, each with whether it is partial: a
/// document that lost a line or needed a repair is; one further down the file that the
/// parser never reached but reads whole and valid is judged like any other.
pub(super) fn recover_text(
    path: &str,
    text: &str,
    kept: &BTreeSet<usize>,
    limits: &Limits,
) -> Vec<(usize, TypedDocument, bool)> {
    let mut recovered: Vec<(usize, TypedDocument, bool)> =
        tolerant_documents(path, text, kept, limits)
            .into_iter()
            .filter_map(|(index, value, touched)| {
                let valid = crate::schema::validate_document("", 0, &value).is_empty();
                Some((index, repair(value)?, touched || !valid))
            })
            .collect();
    if recovered.is_empty() && !kept.contains(&0) && !has_document_separators(text) {
        recovered.extend(
            identity_lines(text)
                .and_then(repair)
                .map(|typed| (0, typed, true)),
        );
    }
    recovered
}

/// The documents of a text with a syntax error that the strict parse lost (those not in
/// `kept`), as JSON values read by the tolerant pass, each with whether one of its lines was
/// blanked.
fn tolerant_documents(
    path: &str,
    text: &str,
    kept: &BTreeSet<usize>,
    limits: &Limits,
) -> Vec<(usize, Value, bool)> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let mut blanked: BTreeSet<usize> = BTreeSet::new();
    let mut recovered: Vec<(usize, Value, usize)> = Vec::new();
    // A long text is only given its error lines blanked: trying lines above is quadratic.
    let look_back = if text.len() > LOOK_BACK_TEXT_LIMIT {
        0
    } else {
        LOOK_BACK
    };
    // Parses spent trying lines above an error, over all rounds: the work stays a small
    // multiple of the text's size whatever it holds.
    let mut budget = LOOK_BACK;
    for _ in 0..=MAX_BLANKED_LINES {
        let (documents, error_line) = attempt(path, &lines, limits);
        recovered = documents
            .into_iter()
            .filter(|(index, _, _)| !kept.contains(index))
            .collect();
        let Some(line) = error_line else { break };
        // The parser names the line where it noticed the problem (1-based), which may be
        // below the culprit (an unclosed bracket or quote is noticed at the end): blank the
        // line, at or above it, whose blanking lets the parse go furthest.
        let mut best: Option<(usize, usize)> = None; // (line to blank, where the parse stops)
        for candidate in (line.saturating_sub(look_back).max(1)..=line.min(lines.len())).rev() {
            if lines[candidate - 1].trim().is_empty() {
                continue;
            }
            if candidate != line {
                if budget == 0 {
                    break;
                }
                budget -= 1;
            }
            let saved = std::mem::take(&mut lines[candidate - 1]);
            let (_, stops) = attempt(path, &lines, limits);
            lines[candidate - 1] = saved;
            let reach = stops.unwrap_or(usize::MAX);
            if best.is_none_or(|(_, best_reach)| reach > best_reach) {
                best = Some((candidate, reach));
            }
            if reach == usize::MAX {
                break;
            }
        }
        let Some((target, _)) = best else { break };
        lines[target - 1] = "";
        blanked.insert(target);
    }
    // A document owns the lines from its start to the next one's (the first, those above it).
    let starts: Vec<usize> = recovered.iter().map(|(_, _, start)| *start).collect();
    recovered
        .into_iter()
        .enumerate()
        .map(|(i, (index, value, start))| {
            let from = if i == 0 { 1 } else { start };
            let to = starts.get(i + 1).copied().unwrap_or(usize::MAX);
            let touched = blanked.range(from..to).next().is_some();
            (index, value, touched)
        })
        .collect()
}

/// Lines above an error line tried as its culprit.
const LOOK_BACK: usize = 64;
/// Texts longer than this (bytes) only have their error lines blanked.
const LOOK_BACK_TEXT_LIMIT: usize = 256 * 1024;

/// Parses the lines; the documents read (index, value, first line) and the line of the syntax
/// error, if any.
fn attempt(
    path: &str,
    lines: &[&str],
    limits: &Limits,
) -> (Vec<(usize, Value, usize)>, Option<usize>) {
    let text = lines.join("\n");
    let parsed = parse(path, text.as_bytes(), limits);
    let error_line = parsed.findings.iter().find_map(|finding| {
        match (&finding.code[..], &finding.location.target) {
            ("DC001", Target::Text { range, .. }) => Some(range.start.line),
            _ => None,
        }
    });
    let documents = parsed
        .documents
        .into_iter()
        .map(|document| {
            let start = document.root.range.start().line;
            (document.index, document.value, start)
        })
        .collect();
    (documents, error_line)
}

fn has_document_separators(text: &str) -> bool {
    text.lines()
        .skip_while(|line| line.trim().is_empty() || line.starts_with('#'))
        .skip(1)
        .any(|line| line.starts_with("---"))
}

/// `kind:` and `id:` read from a text's top-level lines, when nothing else could be.
fn identity_lines(text: &str) -> Option<Value> {
    let top = |key: &str| {
        text.lines().find_map(|line| {
            let rest = line.strip_prefix(key)?.strip_prefix(':')?;
            let value = rest.split(" #").next()?.trim().trim_matches(['"', '\'']);
            (!value.is_empty()).then(|| value.to_owned())
        })
    };
    let mut object = Map::new();
    object.insert("kind".into(), Value::String(top("kind")?));
    if let Some(id) = top("id") {
        object.insert("id".into(), Value::String(id));
    }
    Some(Value::Object(object))
}

/// Repairs a document that failed validation until it validates, and types it. `None` when
/// even its kind or id cannot be read.
pub(super) fn repair(mut value: Value) -> Option<TypedDocument> {
    let mut renamed: HashSet<String> = HashSet::new();
    for _ in 0..MAX_REPAIRS {
        let problems = crate::schema::validate_document("", 0, &value);
        let Some(first) = problems.first() else {
            return TypedDocument::from_value(&value).ok();
        };
        // Each round repairs one problem: a document with more than the rounds allow cannot be
        // repaired, and trying would validate a huge document dozens of times.
        if problems.len() > MAX_REPAIRS {
            return None;
        }
        let Target::Node {
            pointer, on_key, ..
        } = &first.location.target
        else {
            return None;
        };
        if pointer.is_empty() {
            if !fill_required(&mut value) {
                return None;
            }
            continue;
        }
        if pointer == "/kind" || pointer == "/id" {
            return None;
        }
        if *on_key
            && !renamed.contains(pointer)
            && let Some(new_pointer) = rename_to_known(&mut value, pointer)
        {
            renamed.insert(new_pointer);
            continue;
        }
        if !remove(&mut value, pointer) {
            return None;
        }
    }
    None
}

/// Gives a document the required keys it lacks and that only name it: `name` (its id) and a
/// source's `type` (`other`). `false` when there was nothing to give.
fn fill_required(value: &mut Value) -> bool {
    let Some(object) = value.as_object_mut() else {
        return false;
    };
    let kind = object
        .get("kind")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let id = object.get("id").and_then(Value::as_str).map(str::to_owned);
    let mut filled = false;
    let needs_name = matches!(kind.as_deref(), Some("party" | "source" | "processing"));
    if needs_name
        && !object.contains_key("name")
        && let Some(id) = &id
    {
        object.insert("name".into(), Value::String(id.clone()));
        filled = true;
    }
    if kind.as_deref() == Some("source") && !object.contains_key("type") {
        object.insert("type".into(), Value::String("other".into()));
        filled = true;
    }
    filled
}

/// Every key name the document schema knows, for renaming a mistyped key.
fn known_keys() -> &'static Vec<String> {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = BTreeSet::new();
        collect_property_names(&crate::schema::document_schema(), &mut keys);
        keys.into_iter().collect()
    })
}

fn collect_property_names(schema: &Value, keys: &mut BTreeSet<String>) {
    match schema {
        Value::Object(object) => {
            for (key, child) in object {
                if key == "properties"
                    && let Some(properties) = child.as_object()
                {
                    keys.extend(properties.keys().cloned());
                }
                collect_property_names(child, keys);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_property_names(item, keys)),
        _ => {}
    }
}

/// Renames the unknown key at `pointer` to the closest known key its mapping lacks; the new
/// pointer, or `None` when no key is close.
fn rename_to_known(value: &mut Value, pointer: &str) -> Option<String> {
    let tokens: Vec<String> = pointer_tokens(pointer).collect();
    let (key, parents) = tokens.split_last()?;
    let kind = value.get("kind").and_then(Value::as_str)?.to_owned();
    let allowed = allowed_keys(&kind, parents);
    let parent = node_mut(value, parents)?.as_object_mut()?;
    let candidates: Vec<&str> = match &allowed {
        Some(keys) => keys.iter().map(String::as_str).collect(),
        None => known_keys().iter().map(String::as_str).collect(),
    };
    let candidates = candidates
        .into_iter()
        .filter(|candidate| !parent.contains_key(*candidate));
    let target = crate::suggest::closest(key, candidates)?.to_owned();
    let moved = parent.remove(key)?;
    parent.insert(target.clone(), moved);
    let mut new_pointer: String = parents
        .iter()
        .map(|token| format!("/{}", escape_token(token)))
        .collect();
    new_pointer.push('/');
    new_pointer.push_str(&escape_token(&target));
    Some(new_pointer)
}

/// The keys the schema allows in the mapping at `parents` of a document of this kind; `None`
/// when the schema cannot be followed there.
fn allowed_keys(kind: &str, parents: &[String]) -> Option<Vec<String>> {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    let schema = SCHEMA.get_or_init(crate::schema::document_schema);
    let definitions = schema.get("$defs")?.as_object()?;
    let resolve = |mut node: &'static Value| -> Option<&'static Value> {
        for _ in 0..8 {
            if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
                node = definitions.get(reference.strip_prefix("#/$defs/")?)?;
            } else if let Some(branches) = node
                .get("anyOf")
                .or_else(|| node.get("oneOf"))
                .and_then(Value::as_array)
            {
                node = branches
                    .iter()
                    .find(|branch| branch.get("type").and_then(Value::as_str) != Some("null"))?;
            } else {
                return Some(node);
            }
        }
        None
    };
    let mut node = definitions.values().find(|definition| {
        definition
            .pointer("/properties/kind/enum/0")
            .and_then(Value::as_str)
            == Some(kind)
    })?;
    for token in parents {
        node = resolve(node)?;
        node = match node.get("properties").and_then(|p| p.get(token)) {
            Some(child) => child,
            None => node
                .get("items")
                .or_else(|| node.get("additionalProperties"))?,
        };
    }
    let properties = resolve(node)?.get("properties")?.as_object()?;
    Some(properties.keys().cloned().collect())
}

fn node_mut<'v>(value: &'v mut Value, tokens: &[String]) -> Option<&'v mut Value> {
    let mut node = value;
    for token in tokens {
        node = match node {
            Value::Object(object) => object.get_mut(token)?,
            Value::Array(items) => items.get_mut(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Removes the node at `pointer` (a key of its mapping, an item of its sequence).
fn remove(value: &mut Value, pointer: &str) -> bool {
    let tokens: Vec<String> = pointer_tokens(pointer).collect();
    let Some((last, parents)) = tokens.split_last() else {
        return false;
    };
    match node_mut(value, parents) {
        Some(Value::Object(object)) => object.remove(last).is_some(),
        Some(Value::Array(items)) => match last.parse::<usize>() {
            Ok(index) if index < items.len() => {
                items.remove(index);
                true
            }
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_typo_d_key_is_renamed_back() {
        let typed = repair(json!({
            "kind": "processing", "id": "newsletter", "name": "Lettre",
            "sourcess": ["emailing"]
        }));
        match typed {
            Some(TypedDocument::Processing(processing)) => {
                assert_eq!(processing.sources.len(), 1);
                assert_eq!(processing.sources[0].as_str(), "emailing");
            }
            other => panic!("not a processing: {other:?}"),
        }
    }

    #[test]
    fn an_invalid_value_is_dropped_and_the_rest_kept() {
        let typed = repair(json!({
            "kind": "source", "id": "crm", "name": "CRM", "type": "crm",
            "accessible": "yes", "owner": "fgarcia"
        }));
        match typed {
            Some(TypedDocument::Source(source)) => {
                assert_eq!(source.accessible, None);
                assert_eq!(
                    source.owner.map(|o| o.as_str().to_owned()),
                    Some("fgarcia".into())
                );
            }
            other => panic!("not a source: {other:?}"),
        }
    }

    #[test]
    fn a_document_without_an_id_declares_nothing() {
        assert_eq!(repair(json!({"kind": "party", "name": "X"})), None);
        assert_eq!(repair(json!({"name": "X"})), None);
    }

    #[test]
    fn a_syntax_error_loses_only_its_line() {
        let text =
            "kind: organisation\nid: o\nname: A: B\npeople:\n  - { id: amartin, name: Alice }\n";
        let documents = tolerant_documents("o.yaml", text, &BTreeSet::new(), &Limits::default());
        assert_eq!(documents.len(), 1);
        assert!(documents[0].2, "the document lost a line");
        let typed = repair(documents[0].1.clone());
        match typed {
            Some(TypedDocument::Organisation(organisation)) => {
                assert_eq!(organisation.people.len(), 1);
                assert_eq!(organisation.name, None);
            }
            other => panic!("not an organisation: {other:?}"),
        }
    }

    #[test]
    fn a_document_below_the_error_that_reads_whole_is_not_partial() {
        let text = "kind: party\nid: a\nname: A: B\n---\nkind: party\nid: b\nname: B\n";
        let documents = recover_text("p.yaml", text, &BTreeSet::new(), &Limits::default());
        let flags: Vec<(usize, bool)> = documents
            .iter()
            .map(|(i, _, partial)| (*i, *partial))
            .collect();
        assert_eq!(flags, [(0, true), (1, false)]);
    }

    #[test]
    fn an_unparsable_text_still_gives_its_kind_and_id() {
        let text = "kind: party\nid: billetel\nname: \"Billetel\n  [[[\n";
        let documents = recover_text("p.yaml", text, &BTreeSet::new(), &Limits::default());
        assert_eq!(documents.len(), 1);
        match &documents[0].1 {
            TypedDocument::Party(party) => assert_eq!(party.id.as_str(), "billetel"),
            other => panic!("not a party: {other:?}"),
        }
    }
}
