//! DC202 explicit-consent-without-record: Art. 9(2)(a) explicit consent is claimed but nothing
//! says where consents are recorded.

use crate::finding::{Finding, Severity};
use crate::model::{Art9Basis, Processing};
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC202",
    name: "explicit-consent-without-record",
    family: Family::Sensitive,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: processing\nid: repas-ateliers\nname: Repas des ateliers de théâtre\npurpose: other\ndescription: \"Order the lunch each workshop member needs\"\nlegal_basis: consent\ndata_subjects: [members]\ndata_categories: [identity.name, special.religious-philosophical-beliefs]\nart9_exception: { basis: a, description: \"members choose to give their meal requirement\" }\n",
        passing: "kind: processing\nid: repas-ateliers\nname: Repas des ateliers de théâtre\npurpose: other\ndescription: \"Order the lunch each workshop member needs\"\nlegal_basis: consent\ndata_subjects: [members]\ndata_categories: [identity.name, special.religious-philosophical-beliefs]\nart9_exception: { basis: a, description: \"members choose to give their meal requirement\" }\nconsent:\n  explicit: true\n  mechanism: signed-form\n  record: \"signed registration forms, filed by workshop in the administration office\"\n  withdrawal: \"a member may ask at any time to have the meal field emptied\"\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let inventory = context.inventory;
    let locale = context.locale;
    for processing in &inventory.processings {
        if claims_explicit_consent(&processing.item) && !records_consent(&processing.item) {
            let id = &processing.item.id;
            let mut finding = RULE
                .finding(
                    processing.at("/art9_exception/basis"),
                    crate::t!(locale, "DC202.processing.message", processing = id),
                )
                .with_label(crate::t!(locale, "DC202.label"))
                .with_help(crate::t!(locale, "DC202.processing.help"));
            if processing.item.consent.is_some() {
                finding = finding.with_secondary(
                    processing.at("/consent"),
                    crate::t!(locale, "DC202.processing.secondary"),
                );
            }
            findings.push(finding);
        } else if claims_explicit_consent(&processing.item)
            && processing
                .item
                .consent
                .as_ref()
                .is_some_and(|consent| consent.explicit == Some(false))
        {
            let id = &processing.item.id;
            findings.push(
                RULE.finding(
                    processing.at("/consent/explicit"),
                    crate::t!(locale, "DC202.not-explicit.message", processing = id),
                )
                .with_label(crate::t!(locale, "DC202.not-explicit.label"))
                .with_help(crate::t!(locale, "DC202.not-explicit.help"))
                .with_secondary(
                    processing.at("/art9_exception/basis"),
                    crate::t!(locale, "DC202.label"),
                ),
            );
        }
    }
    for source in &inventory.sources {
        let claims = source
            .item
            .art9_exception
            .as_ref()
            .is_some_and(|exception| exception.basis == Art9Basis::A);
        if !claims {
            continue;
        }
        let id = source.item.id.as_str();
        let recorded = inventory.processings.iter().any(|processing| {
            processing
                .item
                .sources
                .iter()
                .any(|used| used.as_str() == id)
                && records_consent(&processing.item)
        });
        if !recorded {
            findings.push(
                RULE.finding(
                    source.at("/art9_exception/basis"),
                    crate::t!(locale, "DC202.source.message", source = id),
                )
                .with_label(crate::t!(locale, "DC202.label"))
                .with_help(crate::t!(locale, "DC202.source.help", source = id)),
            );
        }
    }
}

fn claims_explicit_consent(processing: &Processing) -> bool {
    processing
        .art9_exception
        .as_ref()
        .is_some_and(|exception| exception.basis == Art9Basis::A)
}

fn records_consent(processing: &Processing) -> bool {
    processing
        .consent
        .as_ref()
        .and_then(|consent| consent.record.as_deref())
        .is_some_and(|record| !record.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{lint_only, pointers};

    const SOURCE: &str = "kind: source\nid: ateliers\nname: Ateliers\ntype: spreadsheet\nfields:\n  - { name: repas, category: special.health }\nart9_exception: { basis: a }\n";

    #[test]
    fn an_empty_record_counts_as_none() {
        let yaml = "kind: processing\nid: p\nname: P\nart9_exception: { basis: a }\nconsent: { record: \"  \", explicit: true }\n";
        let findings = lint_only("DC202", yaml);
        assert_eq!(pointers(&findings), ["/art9_exception/basis"]);
        assert_eq!(
            findings[0].labels.len(),
            1,
            "points at the consent block too"
        );
    }

    #[test]
    fn consent_marked_not_explicit_does_not_meet_art_9_2_a() {
        let yaml = "kind: processing\nid: p\nname: P\nart9_exception: { basis: a }\nconsent: { record: \"formulaires\", explicit: false }\n";
        let findings = lint_only("DC202", yaml);
        assert_eq!(pointers(&findings), ["/consent/explicit"]);
        assert!(
            findings[0].message.contains("not explicit"),
            "{}",
            findings[0].message
        );
        let explicit = yaml.replace("explicit: false", "explicit: true");
        assert!(lint_only("DC202", &explicit).is_empty());
    }

    #[test]
    fn other_exceptions_need_no_consent_record() {
        let yaml = "kind: processing\nid: p\nname: P\nart9_exception: { basis: b }\n";
        assert!(lint_only("DC202", yaml).is_empty());
    }

    #[test]
    fn a_source_is_covered_by_a_processing_that_records_consent() {
        let findings = lint_only("DC202", SOURCE);
        assert_eq!(pointers(&findings), ["/art9_exception/basis"]);
        assert!(findings[0].message.contains("source `ateliers`"));

        let with_processing = format!(
            "{SOURCE}---\nkind: processing\nid: repas\nname: Repas\nsources: [ateliers]\nart9_exception: {{ basis: a }}\nconsent: {{ record: \"formulaires signés\" }}\n"
        );
        assert!(lint_only("DC202", &with_processing).is_empty());
    }

    #[test]
    fn a_processing_of_another_source_does_not_cover_it() {
        let yaml = format!(
            "{SOURCE}---\nkind: processing\nid: autre\nname: Autre\nsources: [billetterie]\nconsent: {{ record: \"formulaires\" }}\n"
        );
        assert_eq!(lint_only("DC202", &yaml).len(), 1);
    }
}
