//! The stable key of a finding: what it is about, not where its line happens to be nor how its
//! message is worded. Two runs that find the same problem give the same key, whatever the
//! locale, the order of a list's items, the lines inserted above or the number of threads.
//!
//! The key is `code`, `file`, the document's `kind:id`, a semantic anchor (the JSON pointer
//! with each array index replaced by the item's identity: `/fields[name=tarif_handicap]`,
//! `/sources[ticketing]`) and the message's catalogue key and arguments. `--new-since`, the
//! baseline and SARIF's `datacharter/v2` fingerprint are built on it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The version of the key, as SARIF's `partialFingerprints` names it. Bump it whenever what
/// goes into a key changes: code scanning then starts tracking afresh instead of mismatching.
pub const VERSION: &str = "datacharter/v2";

/// A finding's stable key. Field order is the baseline file's.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FindingKey {
    pub code: String,
    /// Relative to the workspace root, `/`-separated.
    pub file: String,
    /// `kind:id` of the document the finding is in; `#N` (its index) when it has no id; empty
    /// for a finding on the whole file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document: String,
    /// The pointer with array indices replaced by the items' identities.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub anchor: String,
    /// The message's catalogue key and arguments, language-independent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
}

impl FindingKey {
    /// A 64-bit FNV-1a hash of the key's parts, in hex: SARIF's `datacharter/v2` fingerprint.
    pub fn fingerprint(&self) -> String {
        let mut text = String::new();
        for part in [&self.code, &self.file, &self.document, &self.anchor] {
            text.push_str(part);
            text.push('\0');
        }
        text.push_str(&self.args.join("\u{1f}"));
        format!("{:016x}", fnv1a(text.as_bytes()))
    }
}

/// The key of a finding at `pointer` in document `index` of a file, whose parsed value is
/// `value` (`None` when the file or document is unknown).
pub fn key(
    code: &str,
    file: &str,
    document: Option<(usize, Option<&Value>)>,
    pointer: Option<&str>,
    args: &[String],
) -> FindingKey {
    let (document, anchor) = match document {
        None => (String::new(), String::new()),
        Some((index, value)) => {
            let identity = value.and_then(document_identity);
            let anchor = match (pointer, value) {
                (Some(pointer), Some(value)) => anchor(pointer, value),
                (Some(pointer), None) => pointer.to_owned(),
                (None, _) => String::new(),
            };
            (identity.unwrap_or_else(|| format!("#{index}")), anchor)
        }
    };
    FindingKey {
        code: code.to_owned(),
        file: file.to_owned(),
        document,
        anchor,
        args: args.to_vec(),
    }
}

/// `kind:id` of a document, when it has both.
pub fn document_identity(value: &Value) -> Option<String> {
    let kind = value.get("kind")?.as_str()?;
    match value.get("id").and_then(scalar_text) {
        Some(id) => Some(format!("{kind}:{id}")),
        // One organisation, one settings-like document: the kind is identity enough.
        None => Some(kind.to_owned()),
    }
}

/// Keys that identify an item of a list, most specific first.
const IDENTITY_KEYS: &[&str] = &[
    "id",
    "name",
    "party",
    "to",
    "recipient",
    "categories",
    "category",
    "purpose",
    "code",
    "function",
    "country",
];

/// The pointer with each array index replaced by the item's identity: `[name=x]` for an
/// object item with an identifying key, `[x]` for a scalar item, `[#hash]` of its content
/// otherwise. A segment that does not resolve is kept as it is.
pub fn anchor(pointer: &str, root: &Value) -> String {
    let mut out = String::new();
    let mut node = Some(root);
    for raw in pointer.split('/').skip(1) {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        match node {
            Some(Value::Array(items)) => {
                let item = segment.parse::<usize>().ok().and_then(|at| items.get(at));
                match item {
                    Some(item) => out.push_str(&format!("[{}]", item_identity(item))),
                    None => {
                        out.push('/');
                        out.push_str(raw);
                    }
                }
                node = item;
            }
            Some(Value::Object(map)) => {
                out.push('/');
                out.push_str(raw);
                node = map.get(&segment);
            }
            _ => {
                out.push('/');
                out.push_str(raw);
                node = None;
            }
        }
    }
    out
}

fn item_identity(item: &Value) -> String {
    if let Some(text) = scalar_text(item) {
        return text;
    }
    if let Value::Object(map) = item {
        for key in IDENTITY_KEYS {
            if let Some(value) = map.get(*key) {
                let text = match value {
                    Value::Array(values) => {
                        let parts: Vec<String> = values.iter().filter_map(scalar_text).collect();
                        (!parts.is_empty()).then(|| parts.join(","))
                    }
                    other => scalar_text(other),
                };
                if let Some(text) = text {
                    return format!("{key}={text}");
                }
            }
        }
    }
    // No identity: the item's content (serde_json's output is deterministic).
    format!("#{:08x}", fnv1a(item.to_string().as_bytes()) as u32)
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// FNV-1a, 64 bits: small, stable across Rust versions (unlike `DefaultHasher`).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn array_indices_become_identities() {
        let doc = json!({
            "kind": "source", "id": "ticketing",
            "fields": [{"name": "nom"}, {"name": "tarif_handicap", "category": "health.disability"}],
            "sources": ["crm", "ticketing"],
            "retention": [{"categories": ["payment.card-number"], "duration": "P13M"}],
            "other": [{"x": 1}]
        });
        assert_eq!(
            anchor("/fields/1/category", &doc),
            "/fields[name=tarif_handicap]/category"
        );
        assert_eq!(anchor("/sources/1", &doc), "/sources[ticketing]");
        assert_eq!(
            anchor("/retention/0/duration", &doc),
            "/retention[categories=payment.card-number]/duration"
        );
        assert!(anchor("/other/0/x", &doc).starts_with("/other[#"));
        // A missing key (a rule pointing where something should be) is kept as it is.
        assert_eq!(
            anchor("/fields/1/missing", &doc),
            "/fields[name=tarif_handicap]/missing"
        );
        assert_eq!(anchor("/fields/9", &doc), "/fields/9");
        assert_eq!(anchor("", &doc), "");
        assert_eq!(document_identity(&doc).as_deref(), Some("source:ticketing"));
    }

    #[test]
    fn fingerprint_depends_on_every_part() {
        let base = key("DC204", "a.yaml", None, None, &[]);
        let other = FindingKey {
            args: vec!["x".into()],
            ..base.clone()
        };
        assert_ne!(base.fingerprint(), other.fingerprint());
        assert_eq!(base.fingerprint(), base.clone().fingerprint());
    }
}
