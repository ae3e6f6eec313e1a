//! `--format json`: the [`Register`] serialised as is, pretty-printed, ending with a newline.
//!
//! The contract (version 2; a field is only ever added, an incompatible change bumps
//! `version`). Labels are in the register's `locale`; ids are the workspace's own.
//!
//! ```text
//! {
//!   "version": 2,
//!   "locale": "en" | "fr",
//!   "date": "YYYY-MM-DD",
//!   "controller": { "id", "name", "legal_form": Labelled?, "country", "address", "email", "phone", "website",
//!     "identifiers": [ { "scheme": Labelled, "value" } ], "representative": { "name", "email", "address", "phone" }? },
//!   "dpo": { "kind": Labelled (internal | external), "id", "name", "email", "phone", "address" } | null,
//!   "summary": { "processings", "errors", "warnings", "infos", "incomplete": bool },
//!   "processings": [ {
//!     "id", "number" (stable, derived from the id), "name", "file", "partial": bool,
//!     with --with-findings only:
//!     "status": { "level": "ok" | "warnings" | "errors", "errors", "warnings", "infos", "label" },
//!     "findings": [ { "code", "severity": Labelled, "message" } ],
//!     "consent": { "mechanism": Labelled?, "record", "withdrawal", "explicit", "parental" }?,
//!     "joint_controllers": [Party], "purpose": Labelled?, "description",
//!     "legal_basis": Labelled?, "legitimate_interest_assessment",
//!     "data_subjects": [Labelled],
//!     "categories": [ { "id", "label", "description", "sensitive": Labelled?, "retention": [summary] } ],
//!     "art9_exception": { "basis": Labelled, "description", "reference" }?,
//!     "sources": [ { "id", "name" } ],
//!     "recipients": { "declared": bool, "internal": [Labelled], "external": [Party] },
//!     "processors": [Party],
//!     "transfers": [ { "country", "country_name", "recipient": Party?, "safeguard": Labelled?, "derogation": Labelled?,
//!                      "regular": bool, "reference", "description" } ],
//!     "retention": [ { "categories": [Labelled], "duration": "3y", "from": Labelled?, "then": Labelled?,
//!                      "archive": { "duration", "access" }?, "justification", "summary" } ],
//!     "security": [ { "id", "label", "group": Labelled } ],
//!     "dpia": { "status": Labelled, "date", "reason", "reference" }?,
//!     "owner": { "id", "name", "email" }?,
//!     "created": "YYYY-MM-DD"?, "last_reviewed": "YYYY-MM-DD"?
//!   } ]
//! }
//! Labelled = { "id", "label" }
//! Party = { "id", "name", "country", "country_name", "contact", "contract", "arrangement" }
//! ```
//! Version 2 (this one) left the lint status out by default and added the fields above.
//! A text field without a value is `null`; `name` is `null` when the id matches no document.

use super::model::Register;

pub fn render(register: &Register) -> String {
    // The model holds only strings, numbers, booleans, lists and maps: it always serialises.
    let mut text = serde_json::to_string_pretty(register).unwrap_or_default();
    text.push('\n');
    text
}
