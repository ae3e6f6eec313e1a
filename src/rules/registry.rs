//! The single table code → rule. A new rule is one file plus one line here.

use super::Rule;
use super::foundation;

/// Every built-in rule, in code order.
pub static REGISTRY: &[&Rule] = &[
    &foundation::yaml_syntax::RULE,
    &foundation::schema_violation::RULE,
    &foundation::duplicate_key::RULE,
    &foundation::duplicate_id::RULE,
    &foundation::unknown_reference::RULE,
    &foundation::missing_organisation::RULE,
];

/// The rule with this code, if any.
pub fn find(code: &str) -> Option<&'static Rule> {
    REGISTRY.iter().copied().find(|rule| rule.code.eq_ignore_ascii_case(code))
}
