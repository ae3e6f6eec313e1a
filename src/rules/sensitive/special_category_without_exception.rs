//! DC201 special-category-without-exception: special-category data without a documented
//! Art. 9(2) exception.

use super::{Holder, category_uses, describe_category};
use crate::finding::{Finding, Severity};
use crate::model::{Art9Basis, Art9Exception, LegalForm, OrganisationAim, Sensitivity};
use crate::rules::{Context, Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC201",
    name: "special-category-without-exception",
    family: Family::Sensitive,
    severity: Severity::Error,
    docs: Docs {
        failing: "kind: source\nid: ateliers\nname: Inscriptions aux ateliers de théâtre\ntype: spreadsheet\ndata_subjects: [members]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: regime_alimentaire, category: special.religious-philosophical-beliefs }\n",
        passing: "kind: source\nid: ateliers\nname: Inscriptions aux ateliers de théâtre\ntype: spreadsheet\ndata_subjects: [members]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: regime_alimentaire, category: special.religious-philosophical-beliefs }\nart9_exception:\n  basis: a\n  description: \"members tick a box to give the meal they need for the workshop lunch\"\n  reference: \"Formulaire d'inscription aux ateliers 2026, case de consentement\"\n",
    },
    check: Some(check),
};

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for used in category_uses(context.inventory) {
        if context.policy.sensitivity(used.category) != Some(Sensitivity::Art9) {
            continue;
        }
        let exception = match used.holder {
            Holder::Source { source, .. } => &source.item.art9_exception,
            Holder::Processing(processing) => &processing.item.art9_exception,
        };
        if exception.is_some() {
            continue;
        }
        // (Art. 9(2)(d) claimed by the wrong body is reported once per document, below.)
        // One sentence per kind of document: "la source" and "le traitement" do not take the
        // same article, nor the same preposition ("à la", "au").
        let (document, message, help) = match used.holder {
            Holder::Source { source, .. } => (
                source.item.id.as_str(),
                "DC201.message.source",
                "DC201.help.source",
            ),
            Holder::Processing(processing) => (
                processing.item.id.as_str(),
                "DC201.message.processing",
                "DC201.help.processing",
            ),
        };
        let locale = context.locale;
        findings.push(
            RULE.finding(
                used.location(),
                crate::t!(
                    locale,
                    message,
                    holder = used.holder.describe(locale),
                    category = describe_category(context.policy, used.category, locale),
                    document = document
                ),
            )
            .with_label(crate::t!(locale, "DC201.label"))
            .with_help(crate::t!(locale, help, document = document)),
        );
    }
    not_for_profit_exception(context, findings);
}

/// Art. 9(2)(d) covers only a foundation, association or other not-for-profit body with a
/// political, philosophical, religious or trade-union aim: a document that claims it, in an
/// organisation that does not declare such an aim, has no exception in law.
fn not_for_profit_exception(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let organisation = context.inventory.organisation().map(|o| &o.item);
    let qualifies = organisation.is_some_and(|organisation| {
        !matches!(
            organisation.legal_form,
            Some(LegalForm::Company | LegalForm::PublicBody)
        ) && matches!(
            organisation.aim,
            Some(
                OrganisationAim::Political
                    | OrganisationAim::Philosophical
                    | OrganisationAim::Religious
                    | OrganisationAim::TradeUnion
            )
        )
    });
    if qualifies {
        return;
    }
    let claims_d = |exception: &Option<Art9Exception>| {
        exception
            .as_ref()
            .is_some_and(|exception| exception.basis == Art9Basis::D)
    };
    let locale = context.locale;
    let sources = context
        .inventory
        .sources
        .iter()
        .filter(|source| claims_d(&source.item.art9_exception))
        .map(|source| (source.at("/art9_exception/basis"), source.item.id.as_str()));
    let processings = context
        .inventory
        .processings
        .iter()
        .filter(|processing| claims_d(&processing.item.art9_exception))
        .map(|processing| {
            (
                processing.at("/art9_exception/basis"),
                processing.item.id.as_str(),
            )
        });
    for (location, document) in sources.chain(processings) {
        findings.push(
            RULE.finding(
                location,
                crate::t!(locale, "DC201.not-for-profit.message", document = document),
            )
            .with_label(crate::t!(locale, "DC201.not-for-profit.label"))
            .with_help(crate::t!(locale, "DC201.not-for-profit.help")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{lint_only, pointers};

    #[test]
    fn accessibility_needs_are_health_data() {
        let yaml = "kind: processing\nid: acc\nname: Accès\ndata_subjects: [spectators]\ndata_categories: [identity.name, accessibility-needs]\n";
        let findings = lint_only("DC201", yaml);
        assert_eq!(pointers(&findings), ["/data_categories/1"]);
        let excepted = format!("{yaml}art9_exception: {{ basis: a }}\n");
        assert!(lint_only("DC201", &excepted).is_empty());
    }

    #[test]
    fn exception_d_needs_a_political_philosophical_religious_or_trade_union_aim() {
        let processing = "kind: processing\nid: repas\nname: Repas\ndata_subjects: [members]\ndata_categories: [special.religious-philosophical-beliefs]\nart9_exception: { basis: d }\n";
        let theatre =
            "kind: organisation\nid: o\nname: Théâtre\nlegal_form: association\naim: other\n---\n";
        let findings = lint_only("DC201", &format!("{theatre}{processing}"));
        assert_eq!(pointers(&findings), ["/art9_exception/basis"]);
        assert!(
            findings[0]
                .message
                .contains("political, philosophical, religious or trade-union"),
            "{}",
            findings[0].message
        );
        let union = "kind: organisation\nid: o\nname: Syndicat\nlegal_form: association\naim: trade-union\n---\n";
        assert!(lint_only("DC201", &format!("{union}{processing}")).is_empty());
        let company =
            "kind: organisation\nid: o\nname: SAS\nlegal_form: company\naim: religious\n---\n";
        assert_eq!(
            lint_only("DC201", &format!("{company}{processing}")).len(),
            1
        );
    }

    const SOURCE: &str = "kind: source\nid: crm\nname: CRM\ntype: crm\ndata_subjects: [staff]\nfields:\n  - { name: nom, category: identity.name }\n  - { name: syndicat, category: special.trade-union-membership }\n  - { name: sante, category: special }\n";

    #[test]
    fn flags_each_special_field_including_the_parent_category() {
        let findings = lint_only("DC201", SOURCE);
        assert_eq!(
            pointers(&findings),
            ["/fields/1/category", "/fields/2/category"]
        );
        assert!(
            findings[0]
                .message
                .contains("field `syndicat` of source `crm`")
        );
        assert!(
            findings[0]
                .message
                .contains("`special.trade-union-membership`")
        );
    }

    #[test]
    fn an_exception_on_the_source_lifts_it() {
        let yaml = format!("{SOURCE}art9_exception: {{ basis: b }}\n");
        assert!(lint_only("DC201", &yaml).is_empty());
    }

    #[test]
    fn a_processing_needs_its_own_exception() {
        let processing = "kind: processing\nid: paie\nname: Paie\ndata_subjects: [staff]\ndata_categories: [identity.name, special.health]\n";
        let findings = lint_only("DC201", processing);
        assert_eq!(pointers(&findings), ["/data_categories/1"]);
        assert!(findings[0].message.contains("processing `paie`"));
        let lifted =
            format!("{processing}art9_exception: {{ basis: b, reference: \"Code du travail\" }}\n");
        assert!(lint_only("DC201", &lifted).is_empty());
    }

    #[test]
    fn criminal_and_national_id_are_not_special_categories() {
        let yaml = "kind: processing\nid: rh\nname: RH\ndata_categories: [criminal, national-id, identity]\n";
        assert!(lint_only("DC201", yaml).is_empty());
    }
}
