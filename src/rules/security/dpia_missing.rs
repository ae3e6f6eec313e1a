//! DC701 dpia-missing: a processing meets several EDPB criteria of high risk and has no DPIA.

use crate::finding::{Finding, Location, Severity};
use crate::i18n::Locale;
use crate::model::{DpiaStatus, Located, Organisation, Processing, Sensitivity};
use crate::policy::PolicyTables;
use crate::rules::{Context, Docs, Family, Rule};
use crate::t;

pub static RULE: Rule = Rule {
    code: "DC701",
    name: "dpia-missing",
    family: Family::Security,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: processing\nid: school-workshops\nname: Ateliers scolaires\npurpose: group-bookings\ndata_subjects: [minors, group-leaders]\ndata_categories: [identity.name, special.health]\nsources: [crm, workshop-sheet]\ndpia: { status: not-required, reason: \"small workshops\" }\n",
        passing: "kind: processing\nid: school-workshops\nname: Ateliers scolaires\npurpose: group-bookings\ndata_subjects: [minors, group-leaders]\ndata_categories: [identity.name, special.health]\nsources: [crm, workshop-sheet]\ndpia: { status: done, date: 2026-01-15, reference: \"AIPD-2026-01, Nextcloud / RGPD\" }\n",
    },
    check: Some(check),
};

/// One criterion met, with the place in the register that shows it.
struct Criterion {
    what: String,
    location: Location,
}

/// A criterion met, as found: its words and place are built only for a finding, since most
/// processings meet too few criteria to be one.
enum Met<'a> {
    /// Sensitive data: the category at this index of `data_categories`.
    Sensitive(usize, &'a str),
    Vulnerable(usize),
    Combined,
    LargeScale,
    LargeScaleOrganisation(&'a Located<Organisation>),
    Profiling,
    Monitoring,
    MonitoringPurpose(&'a str),
    Innovative,
    InnovativeCategory(usize),
}

impl Met<'_> {
    fn describe(&self, processing: &Located<Processing>, locale: Locale) -> Criterion {
        let item = &processing.item;
        let (what, location) = match *self {
            Met::Sensitive(i, category) => (
                t!(locale, "DC701.criterion.sensitive", category = category),
                processing.at(format!("/data_categories/{i}")),
            ),
            Met::Vulnerable(i) => (
                t!(
                    locale,
                    "DC701.criterion.vulnerable",
                    subject = item.data_subjects[i]
                ),
                processing.at(format!("/data_subjects/{i}")),
            ),
            Met::Combined => (
                t!(locale, "DC701.criterion.combined"),
                processing.at("/combines_datasets"),
            ),
            Met::LargeScale => (
                t!(locale, "DC701.criterion.large-scale"),
                processing.at("/large_scale"),
            ),
            Met::LargeScaleOrganisation(organisation) => (
                t!(locale, "DC701.criterion.large-scale-organisation"),
                organisation.at("/large_scale"),
            ),
            Met::Profiling => (
                t!(locale, "DC701.criterion.profiling"),
                processing.at("/profiling"),
            ),
            Met::Monitoring => (
                t!(locale, "DC701.criterion.monitoring"),
                processing.at("/systematic_monitoring"),
            ),
            Met::MonitoringPurpose(purpose) => (
                t!(
                    locale,
                    "DC701.criterion.monitoring-purpose",
                    purpose = purpose
                ),
                processing.at("/purpose"),
            ),
            Met::Innovative => (
                t!(locale, "DC701.criterion.innovative"),
                processing.at("/innovative_technology"),
            ),
            Met::InnovativeCategory(i) => (
                t!(
                    locale,
                    "DC701.criterion.innovative-category",
                    category = item.data_categories[i]
                ),
                processing.at(format!("/data_categories/{i}")),
            ),
        };
        Criterion { what, location }
    }
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let organisation_large_scale = context
        .inventory
        .organisation()
        .filter(|organisation| organisation.item.large_scale);
    let locale = context.locale;
    let staff_count = context
        .inventory
        .organisation()
        .and_then(|organisation| organisation.item.staff_count);
    for processing in &context.inventory.processings {
        let dpia = processing.item.dpia.as_ref();
        if dpia.is_some_and(|dpia| dpia.status == DpiaStatus::Done) {
            continue;
        }
        // On the CNIL's list of processings that need no DPIA (délib. 2019-118).
        if exempt(context, &processing.item, staff_count) {
            continue;
        }
        let (met, special) = criteria(context, &processing.item, organisation_large_scale);
        // One special-category criterion is a judgement: a DPIA marked not required with a
        // reason records it.
        let reasoned = dpia.is_some_and(|dpia| {
            dpia.status == DpiaStatus::NotRequired
                && dpia.reason.as_deref().is_some_and(|r| !r.trim().is_empty())
        });
        let severity = match met.len() {
            0 => continue,
            1 if special && !reasoned => Severity::Warning,
            1 => continue,
            _ => Severity::Error,
        };
        let criteria: Vec<Criterion> = met
            .iter()
            .map(|met| met.describe(processing, locale))
            .collect();
        let id = processing.item.id.as_str();
        let listed: Vec<&str> = criteria.iter().map(|c| c.what.as_str()).collect();
        let state = match dpia.map(|dpia| dpia.status) {
            Some(DpiaStatus::NotRequired) => "DC701.state.not-required",
            Some(DpiaStatus::Planned) => "DC701.state.planned",
            Some(DpiaStatus::Required) => "DC701.state.required",
            Some(DpiaStatus::Done) | None => "DC701.state.not-recorded",
        };
        let state = t!(locale, state);
        let criteria_listed = listed.join(", ");
        let message = if severity == Severity::Error {
            t!(
                locale,
                "DC701.message.error",
                id = id,
                count = criteria.len(),
                criteria = criteria_listed,
                state = state
            )
        } else {
            t!(
                locale,
                "DC701.message.warning",
                id = id,
                criteria = criteria_listed,
                state = state
            )
        };
        let location = match dpia {
            Some(_) => processing.at("/dpia/status"),
            None => processing.at("/id"),
        };
        let mut finding = RULE
            .finding(location, message)
            .with_label(t!(locale, "DC701.label"))
            .with_help(t!(locale, "DC701.help"));
        for criterion in criteria {
            finding = finding.with_secondary(criterion.location, criterion.what);
        }
        finding.severity = severity;
        findings.push(finding);
    }
}

/// Whether the processing is on the CNIL's list of processings that need no DPIA: its purpose is
/// one of an entry's, the organisation is under the entry's staff count (when it sets one; an
/// organisation that does not state its staff count is not exempt), and it does no profiling.
fn exempt(context: &Context<'_>, item: &Processing, staff_count: Option<u32>) -> bool {
    if item.profiling {
        return false;
    }
    let Some(purpose) = item.purpose.as_ref() else {
        return false;
    };
    context.policy.risk.dpia_exempt.iter().any(|entry| {
        entry.purposes.contains(purpose)
            && entry
                .max_staff
                .is_none_or(|max| staff_count.is_some_and(|count| count < max))
    })
}

/// The criteria a processing meets, and whether one of them is Art. 9 or Art. 10 data.
fn criteria<'a>(
    context: &Context<'_>,
    item: &'a Processing,
    organisation_large_scale: Option<&'a Located<Organisation>>,
) -> (Vec<Met<'a>>, bool) {
    let policy = context.policy;
    let mut met = Vec::new();
    let mut special = false;
    let sensitive = item
        .data_categories
        .iter()
        .enumerate()
        .filter_map(|(i, category)| {
            policy
                .sensitivity(category.as_str())
                .map(|s| (i, category, s))
        })
        // Art. 9 and Art. 10 data first: they decide the warning.
        .min_by_key(|(_, _, sensitivity)| *sensitivity == Sensitivity::NationalId);
    if let Some((i, category, sensitivity)) = sensitive {
        special = sensitivity != Sensitivity::NationalId;
        met.push(Met::Sensitive(i, category.as_str()));
    }
    // Which subjects, purposes and categories meet a criterion: the `risk` tables of the
    // `governance` pack.
    let risk = &policy.risk;
    if let Some(i) = item
        .data_subjects
        .iter()
        .position(|s| risk.vulnerable_subjects.contains(s))
    {
        met.push(Met::Vulnerable(i));
    }
    // Several sources are not, by themselves, WP248's "matching or combining datasets".
    if item.combines_datasets {
        met.push(Met::Combined);
    }
    if item.large_scale {
        met.push(Met::LargeScale);
    } else if let Some(organisation) = organisation_large_scale {
        met.push(Met::LargeScaleOrganisation(organisation));
    }
    if item.profiling {
        met.push(Met::Profiling);
    }
    if item.systematic_monitoring {
        met.push(Met::Monitoring);
    } else if let Some(purpose) = item
        .purpose
        .as_ref()
        .filter(|p| risk.monitoring_purposes.contains(p))
    {
        met.push(Met::MonitoringPurpose(purpose.as_str()));
    }
    let innovative_category = item.data_categories.iter().position(|c| {
        risk.innovative_categories
            .iter()
            .any(|a| PolicyTables::covers(a.as_str(), c.as_str()))
    });
    if item.innovative_technology {
        met.push(Met::Innovative);
    } else if let Some(i) = innovative_category {
        met.push(Met::InnovativeCategory(i));
    }
    (met, special)
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::rules::testing::lint_only;

    fn processing(extra: &str) -> String {
        format!(
            "kind: processing\nid: p\nname: P\npurpose: ticketing\ndata_subjects: [spectators]\n{extra}"
        )
    }

    fn severities(yaml: &str) -> Vec<Severity> {
        lint_only("DC701", yaml)
            .iter()
            .map(|f| f.severity)
            .collect()
    }

    #[test]
    fn no_criterion_or_one_plain_criterion_is_silent() {
        assert!(severities(&processing("data_categories: [identity.name]\n")).is_empty());
        assert!(
            severities(&processing(
                "data_categories: [identity.name]\nprofiling: true\n"
            ))
            .is_empty()
        );
        assert!(severities(&processing("data_categories: [national-id]\n")).is_empty());
    }

    #[test]
    fn special_category_alone_is_a_warning_covering_children() {
        assert_eq!(
            severities(&processing(
                "data_categories: [special.religious-philosophical-beliefs]\n"
            )),
            vec![Severity::Warning]
        );
        assert_eq!(
            severities(&processing("data_categories: [criminal]\n")),
            vec![Severity::Warning]
        );
    }

    #[test]
    fn two_criteria_are_an_error_and_a_done_dpia_lifts_it() {
        let two =
            processing("data_categories: [identity.name]\nprofiling: true\nlarge_scale: true\n");
        assert_eq!(severities(&two), vec![Severity::Error]);
        let findings = lint_only("DC701", &two);
        assert!(
            findings[0].message.contains("large scale, profiling"),
            "{}",
            findings[0].message
        );
        assert_eq!(findings[0].labels.len(), 2);
        let done = format!("{two}dpia: {{ status: done, date: 2025-01-01 }}\n");
        assert!(severities(&done).is_empty());
        let planned = format!("{two}dpia: {{ status: planned }}\n");
        assert_eq!(severities(&planned), vec![Severity::Error]);
    }

    #[test]
    fn derived_criteria_cctv_biometrics_and_organisation_scale() {
        let cctv = "kind: processing\nid: p\nname: P\npurpose: cctv\ndata_categories: [special.biometric]\n";
        let findings = lint_only("DC701", cctv);
        // biometric data: sensitive, innovative; CCTV: monitoring.
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("3 criteria"),
            "{}",
            findings[0].message
        );
        let organisation = "kind: organisation\nid: o\nname: O\nlarge_scale: true\n---\n";
        let scaled = format!(
            "{organisation}{}",
            processing("data_categories: [identity.name]\ncombines_datasets: true\n")
        );
        assert_eq!(severities(&scaled), vec![Severity::Error]);
    }

    #[test]
    fn several_sources_are_not_combining_datasets() {
        // A school-group booking from the CRM and a spreadsheet: names of pupils (minors).
        let booking = "kind: processing\nid: p\nname: P\npurpose: group-bookings\ndata_subjects: [group-leaders, minors]\ndata_categories: [identity.name]\nsources: [crm, sheet]\n";
        assert!(severities(booking).is_empty());
        let combined = format!("{booking}combines_datasets: true\n");
        assert_eq!(severities(&combined), vec![Severity::Error]);
    }

    #[test]
    fn hr_of_a_small_organisation_needs_no_dpia() {
        let payroll = "kind: processing\nid: paie\nname: Paie\npurpose: staff-management\ndata_subjects: [staff]\ndata_categories: [identity.name, national-id, special.health]\nsources: [paie, rh]\ncombines_datasets: true\n";
        let organisation =
            |count: &str| format!("kind: organisation\nid: o\nname: O\n{count}---\n");
        assert!(severities(&format!("{}{payroll}", organisation("staff_count: 40\n"))).is_empty());
        // 250 people or more, an unstated count, or profiling: not on the list.
        assert_eq!(
            severities(&format!("{}{payroll}", organisation("staff_count: 250\n"))),
            vec![Severity::Error]
        );
        assert_eq!(
            severities(&format!("{}{payroll}", organisation(""))),
            vec![Severity::Error]
        );
        assert_eq!(
            severities(&format!(
                "{}{payroll}profiling: true\n",
                organisation("staff_count: 40\n")
            )),
            vec![Severity::Error]
        );
    }

    #[test]
    fn a_reasoned_not_required_lifts_the_single_special_criterion() {
        let allergies = processing("data_categories: [special.health]\n");
        assert_eq!(severities(&allergies), vec![Severity::Warning]);
        let reasoned = format!(
            "{allergies}dpia: {{ status: not-required, reason: \"catering list of 30 volunteers, explicit consent, deleted after the festival\" }}\n"
        );
        assert!(severities(&reasoned).is_empty());
        let empty = format!("{allergies}dpia: {{ status: not-required, reason: \" \" }}\n");
        assert_eq!(severities(&empty), vec![Severity::Warning]);
    }

    #[test]
    fn a_workspace_pack_adds_vulnerable_subjects() {
        let candidates = "kind: processing\nid: p\nname: P\npurpose: recruitment\ndata_subjects: [candidates]\ndata_categories: [identity.name]\nprofiling: true\n";
        assert!(severities(candidates).is_empty());
        let house = "---\nkind: policy\nid: house\nrisk: { vulnerable_subjects: [candidates] }\n";
        assert_eq!(
            severities(&format!("{candidates}{house}")),
            vec![Severity::Error]
        );
    }
}
