//! Schema stage: the JSON Schemas generated from the model, and DC002 schema-violation.

mod generate;
mod validate;

pub use generate::{
    DOCUMENT_SCHEMA_FILE, SETTINGS_SCHEMA_FILE, document_schema, settings_schema, to_pretty_json,
    write_schemas,
};
pub use validate::{
    CODE, NAME, validate_document, validate_document_in, validate_settings, validate_settings_in,
};

#[cfg(test)]
mod tests;
