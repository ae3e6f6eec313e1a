//! DC4xx: DPO and governance. The charter rules check every `charter` document (a workspace
//! should hold one; each is checked on what it says itself).

pub mod dpo_conflict_of_interest;
pub mod dpo_not_published;
pub mod dpo_owns_processing;
pub mod dpo_required;
pub mod no_cleaning_cadence;
pub mod no_data_referent;
pub mod processing_without_owner;

use crate::finding::Location;
use crate::i18n::Locale;
use crate::model::{Charter, Dpo, Inventory, Located, Organisation, Person};
use crate::t;

/// Where a finding about a whole charter points: its `id` when it has one, else its `kind`.
fn charter_anchor(charter: &Located<Charter>) -> Location {
    if charter.item.id.is_some() {
        charter.at("/id")
    } else {
        charter.at("/kind")
    }
}

/// How a message names a charter: by its id when it has one (a workspace may hold drafts).
fn charter_name(charter: &Located<Charter>, locale: Locale) -> String {
    match &charter.item.id {
        Some(id) => t!(locale, "governance.charter.named", id = id),
        None => t!(locale, "governance.charter.unnamed"),
    }
}

/// A DPO is designated when the charter names a person or an outside party.
fn is_designated(dpo: &Dpo) -> bool {
    dpo.person.is_some() || dpo.party.is_some()
}

/// A person of the staff directory with their organisation and index in `people`, so a
/// finding can point inside their entry (e.g. at one of their functions).
fn person_entry<'a>(
    inventory: &'a Inventory,
    id: &str,
) -> Option<(&'a Located<Organisation>, usize, &'a Person)> {
    inventory.organisations.iter().find_map(|organisation| {
        organisation
            .item
            .people
            .iter()
            .enumerate()
            .find(|(_, person)| person.id.as_str() == id)
            .map(|(index, person)| (organisation, index, person))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn rendered_failing_examples() {
        let rendered =
            crate::rules::testing::render_failing_examples(crate::rules::Family::Governance);
        insta::assert_snapshot!(rendered);
    }

    #[test]
    fn findings_speak_french() {
        use crate::i18n::Locale;
        use crate::rules::testing::lint_only_in;
        let yaml = "kind: organisation\nid: qs\nname: QS\npeople:\n  - { id: bdurand, name: Bruno Durand, functions: [administrator, it] }\n---\nkind: charter\nid: charte-2026\ndpo: { person: bdurand }\n";
        let findings = lint_only_in("DC402", yaml, Locale::Fr);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let finding = &findings[0];
        assert!(
            finding.message.starts_with(
                "le DPO Bruno Durand (`bdurand`) exerce aussi la fonction `administrator` et `it` : un DPO ne doit pas décider"
            ),
            "{}",
            finding.message
        );
        assert_eq!(finding.label, "DPO exerçant une fonction en conflit");
        assert_eq!(
            finding.labels[0].message,
            "`administrator` est incompatible avec la mission de DPO"
        );
        // A charter named by its id, and a phrase assembled into the message.
        let findings = lint_only_in("DC407", yaml, Locale::Fr);
        assert_eq!(
            findings.first().map(|f| f.message.as_str()),
            Some(
                "la charte `charte-2026` ne fixe aucune cadence de nettoyage : les données ne sont pas tenues exactes et à jour (RGPD art. 5.1.d)"
            )
        );
    }
}
