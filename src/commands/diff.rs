//! `datacharter diff`: the register's changelog between two revisions.

use super::CommandError;
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old revision [default: HEAD].
    pub rev_a: Option<String>,
    /// The new revision [default: the working tree].
    pub rev_b: Option<String>,
}

pub fn run(_args: &DiffArgs) -> Result<ExitCode, CommandError> {
    Err("datacharter diff is not available yet".into())
}
