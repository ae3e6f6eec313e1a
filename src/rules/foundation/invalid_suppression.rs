//! DC008 invalid-suppression: emitted by the suppress stage.

declare_rule! {
    code: "DC008",
    name: "invalid-suppression",
    severity: Error,
}
