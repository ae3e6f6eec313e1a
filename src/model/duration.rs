//! Durations: retention periods, review cadences, notification deadlines.
//!
//! Accepted forms: `13mo`, `3y`, `6w`, `30d`, `72h` (an optional space before the unit);
//! words in French or English (`3 ans`, `1 an`, `13 mois`, `6 semaines`, `30 jours`,
//! `72 heures`, `3 years`, `13 months`…); ISO 8601 (`P3Y`, `P13M`, `P1Y6M`, `P6W`, `P30D`,
//! `PT72H`); and the word `indefinite` (accepted by the format, flagged by DC302).
//!
//! A duration is kept as whole months plus whole hours. Years are 12 months and weeks 7 days
//! exactly, so `3y == 36mo`. Comparing a month-based duration with a day-based one goes
//! through an average month of 30.44 days (365.25 / 12): `1mo` is longer than `30d` and shorter
//! than `31d`. Rules compare against legal references written in months or years, so the
//! approximation only matters at the margin.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

/// At most six digits per number: the pattern says so too, which keeps every value the schema
/// accepts within `u32` (999999 weeks is under 2^28 hours).
const MAX_DIGITS: usize = 6;

/// Hundredths of an hour in the average month (30.44 days × 24 h = 730.56 h).
const CENTI_HOURS_PER_MONTH: u128 = 73_056;

/// A length of time, or `indefinite`.
#[derive(Debug, Clone, Copy)]
pub enum Duration {
    Finite { months: u32, hours: u32 },
    Indefinite,
}

/// Why a text is not a duration; its message lists the accepted forms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a duration: {}", Duration::ACCEPTED_FORMS)]
pub struct DurationError {
    pub text: String,
}

/// One ISO 8601 designator or word form, with how many months or hours one unit is worth.
#[derive(Clone, Copy)]
enum Unit {
    Months(u32),
    Hours(u32),
}

const YEAR: Unit = Unit::Months(12);
const MONTH: Unit = Unit::Months(1);
const WEEK: Unit = Unit::Hours(24 * 7);
const DAY: Unit = Unit::Hours(24);
const HOUR: Unit = Unit::Hours(1);

/// Short suffixes and words, English and French. `m` alone is absent on purpose: it could mean
/// minutes or months.
const UNIT_WORDS: &[(&str, Unit)] = &[
    ("y", YEAR),
    ("mo", MONTH),
    ("w", WEEK),
    ("d", DAY),
    ("h", HOUR),
    ("year", YEAR),
    ("years", YEAR),
    ("month", MONTH),
    ("months", MONTH),
    ("week", WEEK),
    ("weeks", WEEK),
    ("day", DAY),
    ("days", DAY),
    ("hour", HOUR),
    ("hours", HOUR),
    ("an", YEAR),
    ("ans", YEAR),
    ("mois", MONTH),
    ("semaine", WEEK),
    ("semaines", WEEK),
    ("jour", DAY),
    ("jours", DAY),
    ("heure", HOUR),
    ("heures", HOUR),
];

impl Duration {
    /// The accepted forms, in words, for error messages and the schema's description.
    pub const ACCEPTED_FORMS: &'static str = "write a number and a unit, like `13mo`, `3y`, `6w`, `30d` or `72h`; \
         or in words, like `3 ans`, `13 mois`, `30 jours`, `3 years`; \
         or ISO 8601, like `P3Y`, `P13M`, `P1Y6M`, `PT72H`; or `indefinite`";

    /// The schema pattern; it accepts exactly what [`Duration::from_str`] accepts.
    pub const PATTERN: &'static str = concat!(
        "^(indefinite",
        "|[0-9]{1,6} ?(y|mo|w|d|h)",
        "|[0-9]{1,6} (years?|months?|weeks?|days?|hours?|ans?|mois|semaines?|jours?|heures?)",
        "|P([0-9]{1,6}Y([0-9]{1,6}M)?([0-9]{1,6}W)?([0-9]{1,6}D)?(T[0-9]{1,6}H)?",
        "|[0-9]{1,6}M([0-9]{1,6}W)?([0-9]{1,6}D)?(T[0-9]{1,6}H)?",
        "|[0-9]{1,6}W([0-9]{1,6}D)?(T[0-9]{1,6}H)?",
        "|[0-9]{1,6}D(T[0-9]{1,6}H)?",
        "|T[0-9]{1,6}H)",
        ")$"
    );

    pub fn months(months: u32) -> Self {
        Duration::Finite { months, hours: 0 }
    }

    pub fn years(years: u32) -> Self {
        Duration::months(years.saturating_mul(12))
    }

    pub fn days(days: u32) -> Self {
        Duration::Finite {
            months: 0,
            hours: days.saturating_mul(24),
        }
    }

    pub fn hours(hours: u32) -> Self {
        Duration::Finite { months: 0, hours }
    }

    pub fn is_indefinite(&self) -> bool {
        matches!(self, Duration::Indefinite)
    }

    /// Approximate length in days (a month is 30.44 days); `None` when indefinite.
    pub fn approx_days(&self) -> Option<f64> {
        self.centi_hours().map(|centi| centi as f64 / 2400.0)
    }

    /// Approximate length in months (a month is 30.44 days); `None` when indefinite.
    pub fn approx_months(&self) -> Option<f64> {
        self.centi_hours()
            .map(|centi| centi as f64 / CENTI_HOURS_PER_MONTH as f64)
    }

    /// The total in hundredths of an hour: an exact integer, so ordering has no rounding.
    fn centi_hours(&self) -> Option<u128> {
        match *self {
            Duration::Finite { months, hours } => {
                Some(u128::from(months) * CENTI_HOURS_PER_MONTH + u128::from(hours) * 100)
            }
            Duration::Indefinite => None,
        }
    }

    fn parse(text: &str) -> Option<Duration> {
        if text == "indefinite" {
            return Some(Duration::Indefinite);
        }
        if let Some(designators) = text.strip_prefix('P') {
            return parse_iso(designators);
        }
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if digits > MAX_DIGITS {
            return None;
        }
        let (number, rest) = text.split_at(digits);
        let amount: u32 = number.parse().ok()?;
        // `13mo` and `13 mo`; words (`3 ans`) need their space.
        let (spaced, word) = match rest.strip_prefix(' ') {
            Some(word) => (true, word),
            None => (false, rest),
        };
        let unit = UNIT_WORDS
            .iter()
            .enumerate()
            .find(|(_, (name, _))| *name == word)
            .filter(|(index, _)| spaced || *index < 5)
            .map(|(_, (_, unit))| *unit)?;
        Duration::Finite {
            months: 0,
            hours: 0,
        }
        .plus(amount, unit)
    }

    fn plus(self, amount: u32, unit: Unit) -> Option<Duration> {
        let Duration::Finite { months, hours } = self else {
            return None;
        };
        Some(match unit {
            Unit::Months(per) => Duration::Finite {
                months: months.checked_add(amount.checked_mul(per)?)?,
                hours,
            },
            Unit::Hours(per) => Duration::Finite {
                months,
                hours: hours.checked_add(amount.checked_mul(per)?)?,
            },
        })
    }
}

/// Parses what follows `P`: `nY nM nW nD` in that order, each optional, then `TnH`; at least
/// one component.
fn parse_iso(mut rest: &str) -> Option<Duration> {
    let mut duration = Duration::Finite {
        months: 0,
        hours: 0,
    };
    let mut components = 0;
    let mut in_time = false;
    // Designators must appear in this order; `order` only moves forward.
    let designators: [(char, bool, Unit); 5] = [
        ('Y', false, YEAR),
        ('M', false, MONTH),
        ('W', false, WEEK),
        ('D', false, DAY),
        ('H', true, HOUR),
    ];
    let mut order = 0;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('T') {
            if in_time {
                return None;
            }
            in_time = true;
            rest = after;
            continue;
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > MAX_DIGITS {
            return None;
        }
        let amount: u32 = rest.get(..digits)?.parse().ok()?;
        let designator = rest.get(digits..)?.chars().next()?;
        let position = designators[order..]
            .iter()
            .position(|(letter, time, _)| *letter == designator && *time == in_time)?;
        let (_, _, unit) = designators[order + position];
        order += position + 1;
        duration = duration.plus(amount, unit)?;
        components += 1;
        rest = rest.get(digits + designator.len_utf8()..)?;
    }
    // `P` alone, or `PT` with no hours after it, is not a duration.
    let dangling_time = in_time && order < 5;
    (components > 0 && !dangling_time).then_some(duration)
}

impl FromStr for Duration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Duration::parse(text).ok_or_else(|| DurationError {
            text: text.to_owned(),
        })
    }
}

impl PartialEq for Duration {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Duration {}

impl PartialOrd for Duration {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `indefinite` is longer than any finite duration.
impl Ord for Duration {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.centi_hours(), other.centi_hours()) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
}

impl Hash for Duration {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.centi_hours().hash(state);
    }
}

/// The canonical short form, in the largest unit that divides it exactly: `3y`, `13mo`, `6w`,
/// `30d` (and `72h` shows as `3d`), `36h`, `indefinite`; a mix of months and hours (only ISO
/// can write one) is shown in ISO 8601, like `P1MT12H`.
impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Duration::Finite { months, hours } = *self else {
            return f.write_str("indefinite");
        };
        match (months, hours) {
            (0, 0) => f.write_str("0d"),
            (months, 0) if months % 12 == 0 => write!(f, "{}y", months / 12),
            (months, 0) => write!(f, "{months}mo"),
            (0, hours) if hours % (24 * 7) == 0 => write!(f, "{}w", hours / (24 * 7)),
            (0, hours) if hours % 24 == 0 => write!(f, "{}d", hours / 24),
            (0, hours) => write!(f, "{hours}h"),
            (months, hours) => write!(f, "P{months}MT{hours}H"),
        }
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Duration {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Duration")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": Self::PATTERN,
            "description": format!("A duration: {}.", Self::ACCEPTED_FORMS),
            "examples": ["13mo", "3y", "30d", "72h", "3 ans", "P1Y6M"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Duration {
        match text.parse() {
            Ok(duration) => duration,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn accepts_every_documented_form() {
        let cases = [
            ("13mo", "13mo"),
            ("3y", "3y"),
            ("25mo", "25mo"),
            ("72h", "3d"),
            ("36h", "36h"),
            ("30d", "30d"),
            ("6w", "6w"),
            ("12 mo", "1y"),
            ("P3Y", "3y"),
            ("P13M", "13mo"),
            ("PT72H", "3d"),
            ("P1Y6M", "18mo"),
            ("P6W", "6w"),
            ("P1DT12H", "36h"),
            ("P1MT12H", "P1MT12H"),
            ("3 ans", "3y"),
            ("1 an", "1y"),
            ("13 mois", "13mo"),
            ("30 jours", "30d"),
            ("6 semaines", "6w"),
            ("72 heures", "3d"),
            ("3 years", "3y"),
            ("1 month", "1mo"),
            ("indefinite", "indefinite"),
            ("999999w", "999999w"),
            (
                "P999999Y999999M999999W999999DT999999H",
                "P12999987MT192999807H",
            ),
        ];
        for (text, canonical) in cases {
            assert_eq!(parse(text).to_string(), canonical, "{text}");
        }
    }

    #[test]
    fn rejects_other_forms_listing_the_accepted_ones() {
        for bad in [
            "", "3", "3m", "mo", "3 mo s", "3ans", "-3y", "P", "PT", "P3", "P1M1Y", "PT3D", "P1YT",
            "3.5y", "forever", "1234567y", "3 Years",
        ] {
            let error = bad.parse::<Duration>();
            assert!(error.is_err(), "{bad:?} should be rejected");
            let message = error.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(
                message.contains("`13mo`") && message.contains("P3Y"),
                "{message}"
            );
        }
    }

    #[test]
    fn compares_years_and_months_exactly() {
        assert_eq!(parse("3y"), parse("36mo"));
        assert_eq!(parse("1y"), parse("12mo"));
        assert_eq!(parse("P1Y6M"), parse("18mo"));
        assert_eq!(parse("1w"), parse("7d"));
        assert_eq!(parse("72h"), parse("3d"));
        assert!(parse("13mo") > parse("1y"));
    }

    #[test]
    fn compares_days_with_months_through_an_average_month() {
        assert!(parse("30d") < parse("1mo"));
        assert!(parse("31d") > parse("1mo"));
        assert!(parse("365d") < parse("1y"));
        assert!(parse("366d") > parse("1y"));
        assert!(parse("indefinite") > parse("100y"));
        let approx = parse("1mo").approx_days().unwrap_or_default();
        assert!((approx - 30.44).abs() < 1e-9);
        assert_eq!(parse("indefinite").approx_days(), None);
        assert!(parse("indefinite").is_indefinite());
    }

    #[test]
    fn round_trips_through_serde() {
        let duration: Result<Duration, _> = serde_json::from_value(serde_json::json!("3 ans"));
        let text = duration.ok().and_then(|d| serde_json::to_value(d).ok());
        assert_eq!(text, Some(serde_json::json!("3y")));
    }
}
