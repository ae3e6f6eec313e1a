//! datacharter: lint an organisation's personal-data governance written as YAML.
//!
//! The pipeline runs one way: workspace → syntax → schema → model → policy → rules → suppress →
//! report. Each module below is one stage; `lint` wires them together.

pub mod adopt;
pub mod audit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diff;
pub mod export;
pub mod finding;
pub mod finding_key;
pub mod git;
pub mod i18n;
pub mod lint;
pub mod model;
pub mod output;
pub mod policy;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod suggest;
pub mod suppress;
pub mod syntax;
pub mod workspace;
