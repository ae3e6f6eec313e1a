//! DC9xx: freshness: reviews, DPIAs and adequacy decisions age.

pub mod adequacy_under_review;
pub mod dpia_outdated;
pub mod review_overdue;

/// The family of every rule of this module (read by `declare_rule!`).
const FAMILY: crate::rules::Family = crate::rules::Family::Freshness;

use crate::model::Duration;

/// The day `after` has elapsed since `from`: months first, then whole days (hours rounded up
/// to a day). `None` for `indefinite` (never due) or a date out of the calendar's range.
pub(crate) fn date_after(from: jiff::civil::Date, after: Duration) -> Option<jiff::civil::Date> {
    let Duration::Finite { months, hours } = after else {
        return None;
    };
    let span = jiff::Span::new()
        .try_months(i64::from(months))
        .ok()?
        .try_days(i64::from(hours.div_ceil(24)))
        .ok()?;
    from.checked_add(span).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;
    use crate::rules::Family;
    use crate::rules::testing::{assert_family_speaks_french, lint_only_in};
    use jiff::civil::date;

    #[test]
    fn the_freshness_rules_speak_french() {
        assert_family_speaks_french(Family::Freshness);
        let never = lint_only_in("DC901", "kind: processing\nid: p\nname: P\n", Locale::Fr);
        assert_eq!(never.len(), 1);
        assert_eq!(
            never[0].message,
            "le traitement `p` n'a jamais été revu : pas de date `last_reviewed` (fréquence de revue : 1 an)"
        );
        let old = "kind: processing\nid: p\nname: P\ndpia: { status: done, date: 2022-01-01 }\n";
        let outdated = lint_only_in("DC902", old, Locale::Fr);
        assert_eq!(outdated.len(), 1);
        assert_eq!(outdated[0].label, "AIPD de plus de 3 ans");
    }

    #[test]
    fn adds_months_then_days() {
        assert_eq!(
            date_after(date(2025, 1, 31), Duration::months(1)),
            Some(date(2025, 2, 28))
        );
        assert_eq!(
            date_after(date(2025, 6, 1), Duration::years(1)),
            Some(date(2026, 6, 1))
        );
        assert_eq!(
            date_after(date(2025, 6, 1), Duration::hours(25)),
            Some(date(2025, 6, 3))
        );
        assert_eq!(date_after(date(2025, 6, 1), Duration::Indefinite), None);
        assert_eq!(date_after(date(9999, 6, 1), Duration::years(10)), None);
    }
}
