//! Identifiers, references and dates: strings with a fixed form.
//!
//! Each is a newtype so a rule cannot mix a person id with a category id, and each carries the
//! pattern its JSON Schema shows (so editors and DC002 catch a bad one before serde sees it).
//! Deserialisation checks the same form again: the model is also used on values that skipped
//! the schema (built-in packs in tests, settings read directly).

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// A string newtype with a pattern, a description for the schema, and a check that matches
/// the pattern.
macro_rules! patterned_string {
    ($(#[$meta:meta])* $name:ident, pattern = $pattern:expr, description = $description:expr, check = $check:expr $(,)?) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// The JSON Schema pattern of this identifier.
            pub const PATTERN: &'static str = $pattern;
            /// The expected form, in words.
            pub const DESCRIPTION: &'static str = $description;

            /// Checks the form and wraps the text; the error says which form is expected.
            pub fn new(text: impl Into<String>) -> Result<Self, String> {
                let text = text.into();
                let check: fn(&str) -> bool = $check;
                if check(&text) {
                    Ok($name(text))
                } else {
                    Err(format!("`{text}` is not valid: {}", Self::DESCRIPTION))
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::new(text).map_err(serde::de::Error::custom)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "pattern": Self::PATTERN,
                    "description": Self::DESCRIPTION,
                })
            }
        }
    };
}

const KEBAB_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// `ticket-sales`: lowercase ASCII words of letters and digits joined by single hyphens.
fn is_kebab(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

patterned_string!(
    /// The `id` of a document or of a person, and a reference to one.
    Id,
    pattern = KEBAB_PATTERN,
    description = "an id: lowercase letters, digits and single hyphens, like `ticket-sales`",
    check = is_kebab,
);

patterned_string!(
    /// A data category of the taxonomy, dotted from general to specific (`identity.email`).
    /// A parent (`identity`) covers all its children.
    CategoryId,
    pattern = "^[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*$",
    description = "a data category: kebab-case words joined by dots, like `identity.email` or `special.health`",
    check = |text| text.split('.').all(is_kebab),
);

patterned_string!(
    /// A purpose of the taxonomy (`ticketing`, `newsletter`…).
    PurposeId,
    pattern = KEBAB_PATTERN,
    description = "a purpose id of the taxonomy, like `ticketing` or `newsletter` (lowercase letters, digits and single hyphens)",
    check = is_kebab,
);

patterned_string!(
    /// A data-subject group of the taxonomy (`spectators`, `minors`…).
    SubjectId,
    pattern = KEBAB_PATTERN,
    description = "a data-subject id of the taxonomy, like `spectators` or `group-leaders` (lowercase letters, digits and single hyphens)",
    check = is_kebab,
);

patterned_string!(
    /// A function a person holds, from the taxonomy (`director`, `marketing`…).
    FunctionId,
    pattern = KEBAB_PATTERN,
    description = "a function id of the taxonomy, like `director` or `front-of-house` (lowercase letters, digits and single hyphens)",
    check = is_kebab,
);

patterned_string!(
    /// A security measure (`access-control`, `encryption-at-rest`, `mfa`, `backups`,
    /// `pseudonymisation`, `logging`…).
    SecurityMeasure,
    pattern = KEBAB_PATTERN,
    description = "a security measure in kebab-case, like `access-control`, `encryption-at-rest`, `encryption-in-transit`, `mfa`, `backups`, `pseudonymisation`, `logging`",
    check = is_kebab,
);

patterned_string!(
    /// A country, as an ISO 3166-1 alpha-2 code in capitals (`FR`, `US`).
    CountryCode,
    pattern = "^[A-Z]{2}$",
    description = "a country as its two-letter ISO 3166-1 code in capitals, like `FR` or `US`",
    check = |text| text.len() == 2 && text.bytes().all(|b| b.is_ascii_uppercase()),
);

patterned_string!(
    /// A rule code as written in settings: a full code (`DC204`, `X001`), a prefix (`DC2`,
    /// `DC20`) or `ALL`.
    RuleSelector,
    pattern = "^(ALL|[A-Z]+[0-9]*)$",
    description = "a rule code (`DC204`), a code prefix (`DC2`, `DC20`) or `ALL`",
    check = |text| {
        text == "ALL" || {
            let letters = text.bytes().take_while(u8::is_ascii_uppercase).count();
            letters > 0 && text.bytes().skip(letters).all(|b| b.is_ascii_digit())
        }
    },
);

patterned_string!(
    /// A full rule code: `DC204`, or `X001` for a custom rule.
    RuleCode,
    pattern = "^[A-Z]+[0-9]+$",
    description = "a full rule code, like `DC204` or `X001`",
    check = |text| {
        let letters = text.bytes().take_while(u8::is_ascii_uppercase).count();
        letters > 0 && text.len() > letters && text.bytes().skip(letters).all(|b| b.is_ascii_digit())
    },
);

patterned_string!(
    /// The code of a custom rule declared in a policy pack: `X` and at least three digits.
    CustomRuleCode,
    pattern = "^X[0-9]{3,}$",
    description = "a custom rule code: `X` followed by at least three digits, like `X001`",
    check = |text| {
        text.len() >= 4 && text.starts_with('X') && text.bytes().skip(1).all(|b| b.is_ascii_digit())
    },
);

/// A calendar date written `YYYY-MM-DD` (YAML 1.2 keeps it a string).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

impl Date {
    pub const PATTERN: &'static str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    pub const DESCRIPTION: &'static str = "a date written YYYY-MM-DD, like `2025-09-15`";

    /// True when the text is laid out `YYYY-MM-DD` (digits and dashes), real date or not.
    pub fn has_iso_layout(text: &str) -> bool {
        let bytes = text.as_bytes();
        bytes.len() == 10
            && bytes.iter().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
    }

    /// Parses `YYYY-MM-DD` exactly (no time, no other layout) into a real calendar date.
    pub fn parse(text: &str) -> Result<Self, String> {
        if !Self::has_iso_layout(text) {
            return Err(format!("`{text}` is not valid: {}", Self::DESCRIPTION));
        }
        let year = text.get(0..4).and_then(|s| s.parse::<i16>().ok());
        let month = text.get(5..7).and_then(|s| s.parse::<i8>().ok());
        let day = text.get(8..10).and_then(|s| s.parse::<i8>().ok());
        match (year, month, day) {
            (Some(year), Some(month), Some(day)) => jiff::civil::Date::new(year, month, day)
                .map(Date)
                .map_err(|_| format!("`{text}` is not a real calendar date")),
            _ => Err(format!("`{text}` is not valid: {}", Self::DESCRIPTION)),
        }
    }

    pub fn civil(self) -> jiff::civil::Date {
        self.0
    }
}

impl From<jiff::civil::Date> for Date {
    fn from(date: jiff::civil::Date) -> Self {
        Date(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Date")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": Self::PATTERN,
            "description": Self::DESCRIPTION,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kebab_case() {
        assert!(Id::new("ticket-sales").is_ok());
        assert!(Id::new("a1").is_ok());
        for bad in ["", "Ticket", "ticket_sales", "-a", "a-", "a--b", "é"] {
            assert!(Id::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn categories_are_dotted_kebab() {
        assert!(CategoryId::new("identity").is_ok());
        assert!(CategoryId::new("special.health").is_ok());
        assert!(CategoryId::new("payment.card-number").is_ok());
        for bad in ["identity.", ".email", "Identity.email", "a..b"] {
            assert!(CategoryId::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn country_codes_are_two_capitals() {
        assert!(CountryCode::new("FR").is_ok());
        for bad in ["fr", "FRA", "F", "É1"] {
            assert!(CountryCode::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rule_codes_and_selectors() {
        for good in ["ALL", "DC", "DC2", "DC204", "X001"] {
            assert!(RuleSelector::new(good).is_ok(), "{good}");
        }
        assert!(RuleSelector::new("dc204").is_err());
        assert!(RuleCode::new("DC204").is_ok());
        assert!(RuleCode::new("DC").is_err());
        assert!(CustomRuleCode::new("X001").is_ok());
        assert!(CustomRuleCode::new("X01").is_err());
        assert!(CustomRuleCode::new("DC001").is_err());
    }

    #[test]
    fn dates_are_real_calendar_days() {
        let date = Date::parse("2024-02-29").map(|d| d.to_string());
        assert_eq!(date.as_deref(), Ok("2024-02-29"));
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-2-1").is_err());
        assert!(Date::parse("2024-02-01T10:00").is_err());
        assert!(Date::parse("01/02/2024").is_err());
    }

    #[test]
    fn deserialising_reports_the_expected_form() {
        let error = serde_json::from_value::<Id>(serde_json::json!("Bad Id"))
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("lowercase letters")));
    }
}
