//! DC902 dpia-outdated: a DPIA carried out more than three years ago.

use crate::finding::Finding;
use crate::model::DpiaStatus;
use crate::rules::Context;
use crate::rules::freshness::date_after;
use crate::rules::retention::in_words_in;
use crate::t;

declare_rule! {
    code: "DC902",
    name: "dpia-outdated",
    severity: Info,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    // The CNIL's recommended interval between two assessments, from the `governance` pack.
    let Some(interval) = context
        .policy
        .risk
        .dpia_review_every
        .as_ref()
        .map(|every| every.duration)
    else {
        return;
    };
    for processing in &context.inventory.processings {
        let Some(dpia) = &processing.item.dpia else {
            continue;
        };
        let Some(date) = dpia.date.filter(|_| dpia.status == DpiaStatus::Done) else {
            continue;
        };
        if date_after(date.civil(), interval).is_none_or(|due| due >= context.today) {
            continue;
        }
        findings.push(
            RULE.finding(
                processing.at("/dpia/date"),
                t!(
                    context.locale,
                    "DC902.message",
                    id = processing.item.id,
                    date = date,
                    interval = interval
                ),
            )
            .with_label(t!(
                context.locale,
                "DC902.label",
                duration = in_words_in(interval, context.locale)
            ))
            .with_help(t!(context.locale, "DC902.help")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::lint_only;

    fn processing(dpia: &str) -> String {
        format!("kind: processing\nid: p\nname: P\ndpia: {dpia}\n")
    }

    #[test]
    fn only_a_done_dpia_older_than_three_years_fires() {
        // today is 2026-06-01
        assert!(lint_only("DC902", &processing("{ status: done, date: 2023-06-01 }")).is_empty());
        assert_eq!(
            lint_only("DC902", &processing("{ status: done, date: 2023-05-31 }")).len(),
            1
        );
        assert!(
            lint_only(
                "DC902",
                &processing("{ status: planned, date: 2020-01-01 }")
            )
            .is_empty()
        );
        assert!(lint_only("DC902", &processing("{ status: done }")).is_empty());
    }

    #[test]
    fn the_interval_is_the_packs() {
        let old = processing("{ status: done, date: 2022-01-01 }");
        let findings = lint_only("DC902", &old);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].label, "DPIA older than 3 years");
        let house = "---\nkind: policy\nid: house\nrisk: { dpia_review_every: { duration: 5y } }\n";
        assert!(lint_only("DC902", &format!("{old}{house}")).is_empty());
    }
}
