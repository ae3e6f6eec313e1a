//! DC8xx: inventory and consistency: the register and the data map agree with each other and
//! with the charter. Every check indexes by id or by signature: none compares documents pairwise.

pub mod category_without_source;
pub mod charter_contradicted;
pub mod inaccessible_source_unexplained;
pub mod possible_duplicate_source;
pub mod source_used_by_no_processing;
pub mod spreadsheet_without_owner;

/// The family of every rule of this module (read by `declare_rule!`).
const FAMILY: crate::rules::Family = crate::rules::Family::Consistency;

#[cfg(test)]
mod tests {
    use crate::i18n::Locale;
    use crate::rules::Family;
    use crate::rules::testing::{assert_family_speaks_french, lint_only_in};

    #[test]
    fn the_consistency_rules_speak_french() {
        assert_family_speaks_french(Family::Consistency);
        let bare = "kind: source\nid: s\nname: S\ntype: spreadsheet\n";
        let findings = lint_only_in("DC804", bare, Locale::Fr);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "le tableur `s` ne précise pas qui en est responsable (`owner`) ni où il est conservé (`location`)"
        );
    }
}
