//! DC0xx: syntax, schema, references, suppressions. DC001–DC003 are emitted by the syntax and
//! schema stages, DC007–DC008 by the suppress stage, DC009 by `lint` against a baseline file; their files hold
//! only their documentation.

pub mod duplicate_id;
pub mod duplicate_key;
pub mod invalid_suppression;
pub mod missing_organisation;
pub mod schema_violation;
pub mod unknown_reference;
pub mod unused_baseline_entry;
pub mod unused_suppression;
pub mod yaml_syntax;

#[cfg(test)]
mod tests;

/// The family of every rule of this module (read by `declare_rule!`).
const FAMILY: crate::rules::Family = crate::rules::Family::Foundation;
