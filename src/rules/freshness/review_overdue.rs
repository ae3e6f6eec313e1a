//! DC901 review-overdue: a source or processing not reviewed within the review cadence.

use crate::finding::{Finding, Location};
use crate::i18n::Locale;
use crate::model::{Date, Duration};
use crate::rules::Context;
use crate::rules::freshness::date_after;
use crate::t;

declare_rule! {
    code: "DC901",
    name: "review-overdue",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let charter = context.inventory.charter();
    let from_charter = charter.and_then(|c| {
        c.item
            .review_every
            .map(|every| (every, c.at("/review_every")))
    });
    let Some(every) = from_charter
        .as_ref()
        .map(|(every, _)| *every)
        .or(context.policy.governance.review_every)
    else {
        return; // no cadence at all: a workspace pack removed the default
    };
    let review = Review {
        locale: context.locale,
        today: context.today,
        every,
        cadence_place: from_charter.map(|(_, place)| place),
    };
    for source in &context.inventory.sources {
        review.check(
            findings,
            Entry::Source(source.item.id.as_str()),
            source.item.last_reviewed,
            |p| source.at(p),
        );
    }
    for processing in &context.inventory.processings {
        review.check(
            findings,
            Entry::Processing(processing.item.id.as_str()),
            processing.item.last_reviewed,
            |p| processing.at(p),
        );
    }
}

/// What is reviewed, by id: each kind has its own messages, so that a translation can make
/// its words agree with the noun.
#[derive(Clone, Copy)]
enum Entry<'a> {
    Source(&'a str),
    Processing(&'a str),
}

struct Review {
    locale: Locale,
    today: jiff::civil::Date,
    every: Duration,
    /// The charter's `review_every`, when the cadence comes from there.
    cadence_place: Option<Location>,
}

impl Review {
    fn check(
        &self,
        findings: &mut Vec<Finding>,
        entry: Entry<'_>,
        last_reviewed: Option<Date>,
        at: impl Fn(&str) -> Location,
    ) {
        let (every, locale) = (self.every, self.locale);
        let in_words = crate::i18n::format::duration(locale, &every);
        let (never, overdue, id) = match entry {
            Entry::Source(id) => ("DC901.never.source", "DC901.overdue.source", id),
            Entry::Processing(id) => ("DC901.never.processing", "DC901.overdue.processing", id),
        };
        let finding = match last_reviewed {
            None => RULE
                .finding(at("/id"), t!(locale, never, id = id, every = in_words))
                .with_label(t!(locale, "DC901.never.label")),
            Some(last) => {
                let Some(due) = date_after(last.civil(), every) else {
                    return;
                };
                if due >= self.today {
                    return;
                }
                RULE.finding(
                    at("/last_reviewed"),
                    t!(
                        locale,
                        overdue,
                        id = id,
                        last = crate::i18n::format::date(locale, last.civil()),
                        every = in_words,
                        due = crate::i18n::format::date(locale, due)
                    ),
                )
                .with_label(t!(locale, "DC901.overdue.label"))
            }
        };
        let finding = finding.with_help(t!(locale, "DC901.help"));
        findings.push(match &self.cadence_place {
            Some(place) => finding.with_secondary(place.clone(), t!(locale, "DC901.secondary")),
            None => finding,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    fn source(last_reviewed: &str) -> String {
        format!("kind: source\nid: s\nname: S\ntype: crm\n{last_reviewed}")
    }

    #[test]
    fn the_default_cadence_is_the_governance_pack_s_12_months() {
        // today is 2026-06-01
        assert!(lint_only("DC901", &source("last_reviewed: 2025-06-01\n")).is_empty());
        let late = lint_only("DC901", &source("last_reviewed: 2025-05-31\n"));
        assert_eq!(late.len(), 1);
        assert!(
            late[0].message.contains("due on 31 May 2026"),
            "{}",
            late[0].message
        );
        assert!(late[0].labels.is_empty());
    }

    #[test]
    fn the_charter_cadence_wins_and_a_missing_date_fires() {
        let charter = "kind: charter\nreview_every: 6mo\n---\n";
        let findings = lint_only(
            "DC901",
            &format!("{charter}{}", source("last_reviewed: 2025-11-15\n")),
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].labels[0].location.pointer(),
            Some("/review_every")
        );
        let never = lint_only("DC901", "kind: processing\nid: p\nname: P\n");
        assert_eq!(never.len(), 1);
        assert_eq!(never[0].location.pointer(), Some("/id"));
    }
}
