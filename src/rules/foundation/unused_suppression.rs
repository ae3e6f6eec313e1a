//! DC007 unused-suppression: emitted by the suppress stage.

declare_rule! {
    code: "DC007",
    name: "unused-suppression",
    severity: Warning,
}
