//! DC0xx: syntax, schema, references. The first three are emitted by the syntax and schema
//! stages; their files hold only their documentation.

pub mod duplicate_id;
pub mod duplicate_key;
pub mod missing_organisation;
pub mod schema_violation;
pub mod unknown_reference;
pub mod yaml_syntax;
