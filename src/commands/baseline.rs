//! `datacharter baseline`: record the current findings' keys, so that `lint --baseline FILE`
//! (or the `baseline:` setting) shows only the findings a change adds.

use super::CommandError;
use super::lint::{Analysis, analyse};
use crate::adopt::baseline::{self, Baseline, DEFAULT_FILE};
use crate::cli::LintArgs;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// The workspace root [default: found from the current directory].
    pub path: Option<PathBuf>,
    /// The baseline file to write [default: the settings' `baseline`, else
    /// datacharter-baseline.json at the workspace root].
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only remove the entries that no longer match a finding (and lower counts); never add
    /// one. Use it after fixing findings, so the baseline cannot grow.
    #[arg(long)]
    pub prune: bool,
    /// Use this settings file; its folder is the workspace root.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any datacharter.yaml.
    #[arg(long)]
    pub no_config: bool,
}

pub fn run(args: &BaselineArgs) -> Result<ExitCode, CommandError> {
    let lint_args = LintArgs::plain(
        args.path.iter().cloned().collect(),
        args.config.clone(),
        args.no_config,
    );
    let analysed = match analyse(&lint_args)? {
        Analysis::Ready(analysed) => analysed,
        Analysis::Exit(code) => return Ok(code),
    };
    let workspace = &analysed.workspace;
    let output = match (&args.output, &workspace.settings.baseline) {
        (Some(path), _) => path.clone(),
        (None, Some(path)) => workspace.root.join(path),
        (None, None) => workspace.root.join(DEFAULT_FILE),
    };
    let now = baseline::entries(analysed.diagnostics.iter().map(|d| &d.key));
    let entries = if args.prune {
        let text = std::fs::read_to_string(&output).map_err(|error| {
            format!(
                "--prune needs the existing baseline {}: {error} (run `datacharter baseline` without --prune to write one)",
                output.display()
            )
        })?;
        let old = Baseline::parse(&output.display().to_string(), &text)?;
        baseline::prune(&old, &now)
    } else {
        now
    };
    crate::output::write_atomically(&output, baseline::render(&entries).as_bytes())
        .map_err(|error| format!("cannot write {}: {error}", output.display()))?;
    let findings: usize = entries.iter().map(|entry| entry.count).sum();
    let left_out = analysed
        .diagnostics
        .iter()
        .filter(|d| !baseline::can_baseline(&d.code))
        .count();
    crate::output::console::eprint(format!(
        "wrote {} ({} entries, {} findings){}\n",
        output.display(),
        entries.len(),
        findings,
        if left_out > 0 {
            format!("; {left_out} DC0xx findings cannot be baselined: fix them")
        } else {
            String::new()
        }
    ))?;
    Ok(ExitCode::SUCCESS)
}
