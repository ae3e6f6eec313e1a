//! DC206 free-text-on-customer-data: a free-text field on a source holding audience data.

use super::{Holder, name_contains, words};
use crate::finding::Finding;
use crate::rules::Context;

declare_rule! {
    code: "DC206",
    name: "free-text-on-customer-data",
    severity: Warning,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    for source in &context.inventory.sources {
        for (index, field) in source.item.fields.iter().enumerate() {
            let holder = Holder::Source { source, field };
            let named_as_free_text = || {
                let name = words(&field.name);
                // The `free_text_keywords` of the `taxonomy` pack.
                context
                    .policy
                    .free_text_keywords
                    .iter()
                    .any(|word| name_contains(&name, word))
            };
            if !(field.free_text || named_as_free_text()) || !holder.is_audience(context) {
                continue;
            }
            let pointer = if field.free_text {
                format!("/fields/{index}/free_text")
            } else {
                format!("/fields/{index}/name")
            };
            findings.push(RULE.localized(
                context.locale,
                source.at(pointer),
                &[("holder", &holder.describe(context.locale))],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{lint_only, pointers};

    #[test]
    fn the_flag_and_the_names_are_both_free_text() {
        let yaml = "kind: source\nid: crm\nname: CRM\ntype: crm\ndata_subjects: [group-leaders]\nfields:\n  - { name: suivi, category: relationship.requests, free_text: true }\n  - { name: Informations_Complementaires, category: relationship.requests }\n  - { name: notesInternes, category: relationship.requests }\n  - { name: note_avis, category: reviews.content }\n  - { name: nom, category: identity.name }\n";
        let findings = lint_only("DC206", yaml);
        assert_eq!(
            pointers(&findings),
            ["/fields/0/free_text", "/fields/1/name", "/fields/2/name"]
        );
    }

    #[test]
    fn sources_without_audience_data_are_not_reported() {
        let yaml = "kind: source\nid: rh\nname: RH\ntype: other\ndata_subjects: [staff]\nfields:\n  - { name: commentaires, category: professional-life.job, free_text: true }\n---\nkind: source\nid: inconnu\nname: Sans personnes\ntype: other\nfields:\n  - { name: notes, category: identity.name }\n";
        assert!(lint_only("DC206", yaml).is_empty());
    }

    #[test]
    fn a_workspace_pack_extends_the_words_and_the_audience() {
        let yaml = "kind: source\nid: crm\nname: CRM\ntype: crm\ndata_subjects: [partners]\nfields:\n  - { name: verbatim, category: relationship.requests }\n";
        assert!(lint_only("DC206", yaml).is_empty());
        let house = "---\nkind: policy\nid: house\naudience_subjects: [partners]\nfree_text_keywords: [verbatim]\n";
        assert_eq!(
            pointers(&lint_only("DC206", &format!("{yaml}{house}"))),
            ["/fields/0/name"]
        );
    }
}
