//! DC002 schema-violation: emitted by the schema stage.

declare_rule! {
    code: "DC002",
    name: "schema-violation",
    severity: Error,
}
