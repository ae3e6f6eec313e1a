//! `datacharter.yaml` — the linter's settings (cli.md). Keys are written as in cli.md.

use super::common::SeverityLevel;
use super::duration::Duration;
use super::ids::{RuleCode, RuleSelector};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// The linter's settings, at the root of a workspace.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The settings format version: `1`.
    pub datacharter: FormatVersion,
    /// Globs (relative to the workspace root) of the files to read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Globs of files to skip.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    pub rules: Option<RuleSettings>,
    /// Paths of the organisation's own policy packs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<String>,
    pub locale: Option<Locale>,
    /// Default review cadence when the charter sets none.
    pub review_every: Option<Duration>,
    /// Files larger than this are not read.
    #[serde(rename = "max-file-size", default)]
    pub max_file_size: ByteSize,
    /// A baseline file (written by `datacharter baseline`), relative to the root: `lint`
    /// hides the findings it records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
}

/// Which rules run, and how loud they are.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSettings {
    /// Codes or prefixes to enable (replaces the default selection).
    pub select: Option<Vec<RuleSelector>>,
    /// Codes or prefixes to disable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<RuleSelector>,
    /// Codes or prefixes to enable on top of the selection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extend_select: Vec<RuleSelector>,
    /// A severity per rule code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<RuleCode, SeverityLevel>,
    /// Codes to ignore in the files matching a glob.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub per_file_ignores: BTreeMap<String, Vec<RuleSelector>>,
    /// Suppression comments must give a reason (DC008).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub require_reason: bool,
}

/// The language of messages: `en` or `fr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    En,
    Fr,
}

/// The settings format version; only `1` exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FormatVersion;

impl Serialize for FormatVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(1)
    }
}

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match u64::deserialize(deserializer)? {
            1 => Ok(FormatVersion),
            other => Err(serde::de::Error::custom(format!(
                "settings format version {other} is not supported; write `datacharter: 1`"
            ))),
        }
    }
}

impl JsonSchema for FormatVersion {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("FormatVersion")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": 1, "description": "The settings format version: `1`." })
    }
}

/// A size in bytes: an integer, or a number and a unit (`10MB`, `512 KiB`). `KB`, `MB`, `GB`
/// are powers of 1000; `KiB`, `MiB`, `GiB` powers of 1024. Defaults to 10 MiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ByteSize(pub u64);

impl ByteSize {
    pub const DEFAULT: ByteSize = ByteSize(10 * 1024 * 1024);
    pub const PATTERN: &'static str = "^[0-9]{1,9} ?([KMG]i?B|B)?$";
    const UNITS: [(&'static str, u64); 7] = [
        ("B", 1),
        ("KB", 1_000),
        ("MB", 1_000_000),
        ("GB", 1_000_000_000),
        ("KiB", 1 << 10),
        ("MiB", 1 << 20),
        ("GiB", 1 << 30),
    ];

    pub fn bytes(self) -> u64 {
        self.0
    }

    /// Parses what [`ByteSize::PATTERN`] accepts: up to 9 digits (so no unit can overflow),
    /// an optional space, an optional unit.
    pub fn parse(text: &str) -> Result<ByteSize, String> {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let (number, unit) = text.split_at(digits);
        let unit = unit.strip_prefix(' ').unwrap_or(unit);
        let multiplier = if unit.is_empty() {
            Some(1)
        } else {
            Self::UNITS
                .iter()
                .find(|(name, _)| *name == unit)
                .map(|(_, multiplier)| *multiplier)
        };
        let count = number.parse::<u64>().ok().filter(|_| digits <= 9);
        count
            .zip(multiplier)
            .and_then(|(count, multiplier)| count.checked_mul(multiplier))
            .map(ByteSize)
            .ok_or_else(|| {
                format!(
                    "`{text}` is not a size: write a number of bytes, or a number (at most 9 digits) and a unit like `10MB` or `512KiB`"
                )
            })
    }
}

impl Default for ByteSize {
    fn default() -> Self {
        ByteSize::DEFAULT
    }
}

impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for ByteSize {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.0)
    }
}

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Bytes(u64),
            Text(String),
        }
        match Written::deserialize(deserializer)? {
            Written::Bytes(bytes) => Ok(ByteSize(bytes)),
            Written::Text(text) => ByteSize::parse(&text).map_err(serde::de::Error::custom),
        }
    }
}

impl JsonSchema for ByteSize {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("ByteSize")
    }

    // One schema with a type list, not `anyOf`, so a bad value gets one precise error:
    // `minimum` only applies to numbers and `pattern` only to strings.
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["integer", "string"],
            "minimum": 0,
            "pattern": Self::PATTERN,
            "default": Self::DEFAULT.0,
            "description": "A size: a number of bytes, or a number and a unit like `10MB` or `512KiB` (KB, MB, GB are powers of 1000; KiB, MiB, GiB powers of 1024). Default 10 MiB.",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_accept_bytes_and_units() {
        assert_eq!(ByteSize::parse("10MB"), Ok(ByteSize(10_000_000)));
        assert_eq!(ByteSize::parse("10 MiB"), Ok(ByteSize::DEFAULT));
        assert_eq!(ByteSize::parse("512"), Ok(ByteSize(512)));
        assert!(ByteSize::parse("10 mb").is_err());
        assert!(ByteSize::parse("MB").is_err());
        assert!(ByteSize::parse("9999999999GB").is_err());
        assert_eq!(
            ByteSize::parse("999999999GiB"),
            Ok(ByteSize(999_999_999 << 30))
        );
        let from_int: Result<ByteSize, _> = serde_json::from_value(serde_json::json!(2048));
        assert_eq!(from_int.ok(), Some(ByteSize(2048)));
    }

    #[test]
    fn settings_default_the_file_size() {
        let settings: Result<Settings, _> =
            serde_json::from_value(serde_json::json!({ "datacharter": 1 }));
        assert_eq!(
            settings.ok().map(|s| s.max_file_size),
            Some(ByteSize::DEFAULT)
        );
        let wrong: Result<Settings, _> =
            serde_json::from_value(serde_json::json!({ "datacharter": 2 }));
        assert!(wrong.is_err());
    }
}
