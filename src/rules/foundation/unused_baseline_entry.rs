//! DC009 unused-baseline-entry: emitted by `lint` when it reads a baseline file (see
//! `adopt::baseline`); the examples are baseline files, tested end to end in tests/baseline.rs.

use crate::finding::Severity;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DC009",
    name: "unused-baseline-entry",
    family: Family::Foundation,
    severity: Severity::Warning,
    docs: Docs {
        failing: "{\n  \"datacharter_baseline\": 1,\n  \"key\": \"datacharter/v2\",\n  \"entries\": [\n    {\"code\":\"DC102\",\"file\":\"processings/newsletter.yaml\",\"document\":\"processing:newsletter\",\"anchor\":\"/description\",\"count\":1}\n  ]\n}\n",
        passing: "{\n  \"datacharter_baseline\": 1,\n  \"key\": \"datacharter/v2\",\n  \"entries\": []\n}\n",
    },
    check: None,
    source: file!(),
};
