//! The commands behind the CLI, one file each.

pub mod lint;
pub mod policy;
pub mod rule;
pub mod schema;

/// Any error a command reports before exiting with 2.
pub type CommandError = Box<dyn std::error::Error>;
