//! Values in words, for sentences and documents: dates (« 1er mars 2025 »), countries
//! (« États-Unis »), durations (« 3 ans »), legal bases (« intérêt légitime ») and category
//! labels. One place, so that the register, the data map and the messages' placeholders say
//! a value the same way; the words are in the `format.*` and `register.*` catalogues.

use super::{Locale, catalogue, format as fill_key};
use crate::model::{Duration, LegalBasis};

/// `1 March 2025`, `1er mars 2025`.
pub fn date(locale: Locale, date: jiff::civil::Date) -> String {
    let day = if date.day() == 1 {
        fill_key(locale, "format.first-day", &[])
    } else {
        date.day().to_string()
    };
    let month = fill_key(locale, &format!("format.month.{}", date.month()), &[]);
    fill_key(
        locale,
        "format.date",
        &[("day", &day), ("month", &month), ("year", &date.year())],
    )
}

/// A `YYYY-MM-DD` text in words; any other text as it is.
pub fn date_text(locale: Locale, text: &str) -> String {
    match text.parse::<jiff::civil::Date>() {
        Ok(parsed) => date(locale, parsed),
        Err(_) => text.to_owned(),
    }
}

/// A country's name from its ISO 3166-1 alpha-2 code; an unknown code as it is.
pub fn country(locale: Locale, code: &str) -> String {
    let key = format!("format.country.{}", code.trim().to_ascii_uppercase());
    if catalogue(locale).contains_key(&key) {
        fill_key(locale, &key, &[])
    } else {
        code.to_owned()
    }
}

/// A country's name with its code beside it, for a sentence where the user must find the
/// code in the YAML: `India, \`IN\``; an unknown code in backticks alone.
pub fn country_with_code(locale: Locale, code: &str) -> String {
    let name = country(locale, code);
    if name == code {
        format!("`{code}`")
    } else {
        fill_key(
            locale,
            "format.country-with-code",
            &[("name", &name), ("code", &code)],
        )
    }
}

/// A duration in words: `3 years`, `13 mois`, `1 month and 12 hours`, `sans limite de durée`.
pub fn duration(locale: Locale, duration: &Duration) -> String {
    let Duration::Finite { months, hours } = *duration else {
        return fill_key(locale, "register.duration.indefinite", &[]);
    };
    let months_part = match months {
        0 => None,
        m if m % 12 == 0 => Some(count(locale, m / 12, "year", "years")),
        m => Some(count(locale, m, "month", "months")),
    };
    let hours_part = match hours {
        0 => None,
        h if h % (24 * 7) == 0 => Some(count(locale, h / (24 * 7), "week", "weeks")),
        h if h % 24 == 0 => Some(count(locale, h / 24, "day", "days")),
        h => Some(count(locale, h, "hour", "hours")),
    };
    match (months_part, hours_part) {
        (Some(first), Some(second)) => fill_key(
            locale,
            "register.duration.and",
            &[("first", &first), ("second", &second)],
        ),
        (Some(only), None) | (None, Some(only)) => only,
        (None, None) => count(locale, 0, "day", "days"),
    }
}

/// A duration as written in YAML (`10y`, `18mo`) in words; a text that is not one as it is.
pub fn duration_text(locale: Locale, text: &str) -> String {
    match text.parse::<Duration>() {
        Ok(parsed) => duration(locale, &parsed),
        Err(_) => text.to_owned(),
    }
}

/// A legal basis of Art. 6(1) in words, with its article: `intérêt légitime (art. 6.1.f)`.
pub fn legal_basis(locale: Locale, basis: LegalBasis) -> String {
    let id = serde_json::to_value(basis)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default();
    fill_key(locale, &format!("register.legal_basis.{id}"), &[])
}

/// A data category's label from the taxonomy (`Adresse électronique`); the id when unknown.
pub fn category(tables: &crate::policy::PolicyTables, locale: Locale, id: &str) -> String {
    tables
        .categories
        .get(id)
        .map(|entry| match locale {
            Locale::En => entry.label.en.clone(),
            Locale::Fr => entry.label.fr.clone(),
        })
        .unwrap_or_else(|| id.to_owned())
}

/// `1 year` or `{count} years`; both languages use the singular for one only.
fn count(locale: Locale, amount: u32, one: &str, many: &str) -> String {
    if amount == 1 {
        fill_key(locale, &format!("register.duration.{one}"), &[])
    } else {
        fill_key(
            locale,
            &format!("register.duration.{many}"),
            &[("count", &amount)],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words() {
        let first = jiff::civil::date(2025, 3, 1);
        assert_eq!(date(Locale::Fr, first), "1er mars 2025");
        assert_eq!(date(Locale::En, first), "1 March 2025");
        assert_eq!(date_text(Locale::Fr, "2026-09-15"), "15 septembre 2026");
        assert_eq!(date_text(Locale::Fr, "bientôt"), "bientôt");
    }

    #[test]
    fn countries_in_words() {
        assert_eq!(country(Locale::Fr, "US"), "États-Unis");
        assert_eq!(country(Locale::En, "US"), "United States");
        assert_eq!(country(Locale::Fr, "RE"), "La Réunion");
        assert_eq!(country(Locale::Fr, "ZZ"), "ZZ");
    }

    #[test]
    fn durations_and_legal_bases_in_words() {
        assert_eq!(duration_text(Locale::Fr, "3y"), "3 ans");
        assert_eq!(duration_text(Locale::Fr, "18mo"), "18 mois");
        assert_eq!(duration_text(Locale::En, "10y"), "10 years");
        assert_eq!(
            duration_text(Locale::Fr, "indefinite"),
            "sans limite de durée"
        );
        assert!(
            legal_basis(Locale::Fr, LegalBasis::LegitimateInterests)
                .starts_with("Intérêt légitime")
        );
    }
}
