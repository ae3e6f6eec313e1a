//! DC003 duplicate-key: emitted by the syntax stage.

declare_rule! {
    code: "DC003",
    name: "duplicate-key",
    severity: Error,
}
