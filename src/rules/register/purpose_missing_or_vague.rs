//! DC102 purpose-missing-or-vague: a processing states no purpose (error), or only a vague one
//! (warning).

use crate::finding::{Finding, Severity};
use crate::i18n::Locale;
use crate::model::{Located, Processing};
use crate::rules::Context;

/// The purpose id that needs a description to say anything.
const OTHER_PURPOSE: &str = "other";

declare_rule! {
    code: "DC102",
    name: "purpose-missing-or-vague",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    // Normalised once, not once per processing.
    let vague_words: Vec<String> = context
        .policy
        .governance
        .vague_descriptions
        .iter()
        .map(|word| word.trim().to_lowercase())
        .collect();
    for processing in &context.inventory.processings {
        let item = &processing.item;
        let description = item
            .description
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        let Some(purpose) = &item.purpose else {
            findings.push(missing_purpose(processing, locale));
            continue;
        };
        match description {
            None if purpose.as_str() == OTHER_PURPOSE => findings.push(
                warning(
                    processing.at("/purpose"),
                    crate::t!(locale, "DC102.other.message", processing = item.id),
                )
                .with_label(crate::t!(locale, "DC102.other.label"))
                .with_help(crate::t!(locale, "DC102.other.help")),
            ),
            Some(text) if is_vague(text, &vague_words) => findings.push(
                warning(
                    processing.at("/description"),
                    crate::t!(
                        locale,
                        "DC102.vague.message",
                        processing = item.id,
                        description = text
                    ),
                )
                .with_label(crate::t!(locale, "DC102.vague.label"))
                .with_help(crate::t!(locale, "DC102.vague.help")),
            ),
            _ => {}
        }
    }
}

fn missing_purpose(processing: &Located<Processing>, locale: Locale) -> Finding {
    RULE.finding(
        processing.at("/id"),
        crate::t!(
            locale,
            "DC102.missing.message",
            processing = processing.item.id
        ),
    )
    .with_label(crate::t!(locale, "DC102.missing.label"))
    .with_help(crate::t!(locale, "DC102.missing.help"))
}

/// The lower case of this rule: a purpose is stated, but says too little.
fn warning(location: crate::finding::Location, message: String) -> Finding {
    let mut finding = RULE.finding(location, message);
    finding.severity = Severity::Warning;
    finding
}

/// A description is vague when, trimmed, without a final full stop and compared without case,
/// it is one of the pack's vague words (given trimmed and in lower case).
fn is_vague(description: &str, vague_words: &[String]) -> bool {
    let normalised = description.trim_end_matches('.').trim().to_lowercase();
    vague_words.contains(&normalised)
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::rules::testing::lint_only;

    const HEAD: &str = "kind: processing\nid: p\nname: Traitement\n";

    #[test]
    fn missing_purpose_is_an_error_at_the_id() {
        let findings = lint_only("DC102", HEAD);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(findings[0].location.pointer(), Some("/id"));
    }

    #[test]
    fn other_without_description_is_a_warning_at_the_purpose() {
        let findings = lint_only(
            "DC102",
            &format!("{HEAD}purpose: other\ndescription: \"  \"\n"),
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(findings[0].location.pointer(), Some("/purpose"));
    }

    #[test]
    fn vague_description_is_flagged_whatever_the_purpose_and_case() {
        let findings = lint_only(
            "DC102",
            &format!("{HEAD}purpose: newsletter\ndescription: \" Gestion. \"\n"),
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(findings[0].location.pointer(), Some("/description"));
    }

    #[test]
    fn a_vocabulary_purpose_needs_no_description() {
        assert!(lint_only("DC102", &format!("{HEAD}purpose: ticketing\n")).is_empty());
    }

    #[test]
    fn a_sentence_containing_a_vague_word_is_fine() {
        let yaml =
            format!("{HEAD}purpose: other\ndescription: \"Gestion des invitations presse\"\n");
        assert!(lint_only("DC102", &yaml).is_empty());
    }

    #[test]
    fn a_workspace_pack_extends_the_vague_words() {
        let yaml = format!(
            "{HEAD}purpose: other\ndescription: bidule\n---\nkind: policy\nid: maison\ngovernance: {{ vague_descriptions: [bidule] }}\n"
        );
        assert_eq!(lint_only("DC102", &yaml).len(), 1);
    }
}
