//! DC001 yaml-syntax: emitted by the syntax stage.

declare_rule! {
    code: "DC001",
    name: "yaml-syntax",
    severity: Error,
}
