//! `datacharter diff [REV_A] [REV_B]`: the register's changelog between two git revisions
//! (default: HEAD and the working tree), by document `kind:id`, in the user's language, with
//! the findings fixed and introduced.

use super::CommandError;
use super::lint::{Analysis, analyse};
use crate::cli::{LintArgs, LocaleArg};
use crate::diff::{self, Changelog, FindingChange, Level};
use crate::finding_key::FindingKey;
use crate::report::Diagnostic;
use crate::t;
use clap::{Args, ValueEnum};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For a pull-request comment or $GITHUB_STEP_SUMMARY.
    Markdown,
    /// A standalone page: an annex to the register (journal des modifications).
    Html,
    /// Versioned JSON: the changes with their levels, the findings fixed and introduced.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFailOn {
    Attention,
    Notable,
    Info,
    Never,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old revision (branch, tag, commit) [default: HEAD].
    pub rev_a: Option<String>,
    /// The new revision [default: the working tree, as it is on disk].
    pub rev_b: Option<String>,
    #[arg(short = 'f', long, value_enum, default_value = "markdown")]
    pub format: DiffFormat,
    /// Write the changelog to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when a change is at or above this level: `attention` makes CI ask for the DPO's
    /// review.
    #[arg(long, value_enum, default_value = "never")]
    pub fail_on: DiffFailOn,
    /// Language of the changelog [default: the settings' `locale`, else LANG, else en].
    #[arg(long, value_enum)]
    pub locale: Option<LocaleArg>,
    /// Use this settings file; its folder is the workspace root.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any datacharter.yaml.
    #[arg(long)]
    pub no_config: bool,
}

/// One side of the comparison: its documents and its findings.
struct Side {
    documents: Vec<diff::Document>,
    diagnostics: Vec<Diagnostic>,
}

pub fn run(args: &DiffArgs) -> Result<ExitCode, CommandError> {
    let rev_a = args.rev_a.clone().unwrap_or_else(|| "HEAD".to_owned());
    let mut lint_args = LintArgs::plain(Vec::new(), args.config.clone(), args.no_config);
    lint_args.locale = args.locale;
    // The old side is linted by `analyse`, on a thread of its own, as `--new-since` is.
    lint_args.new_since = Some(rev_a.clone());
    let mut analysed = match analyse(&lint_args)? {
        Analysis::Ready(analysed) => *analysed,
        Analysis::Exit(code) => return Ok(code),
    };
    let locale = analysed.options.locale;
    let side = |run: crate::adopt::RevisionRun| Side {
        documents: diff::documents(&run.outcome.inventory),
        diagnostics: run.diagnostics,
    };
    let old = match analysed.revision.take() {
        Some(run) => side(run?),
        None => return Err("the old revision was not read".into()),
    };
    let new = match &args.rev_b {
        Some(rev) => side(crate::adopt::lint_revision(
            &analysed.workspace,
            &analysed.settings_file,
            &analysed.options,
            rev,
        )?),
        None => Side {
            documents: diff::documents(&analysed.outcome.inventory),
            diagnostics: analysed.diagnostics,
        },
    };
    let (fixed, introduced) = finding_changes(&old.diagnostics, &new.diagnostics);
    let log = Changelog {
        from: rev_a,
        to: args
            .rev_b
            .clone()
            .unwrap_or_else(|| t!(locale, "diff.working-tree")),
        changes: diff::changes(&old.documents, &new.documents, locale),
        fixed,
        introduced,
    };
    let mut buffer = Vec::new();
    match args.format {
        DiffFormat::Markdown => diff::render_markdown(&log, locale, &mut buffer)?,
        DiffFormat::Html => diff::render_html(&log, locale, &mut buffer)?,
        DiffFormat::Json => diff::render_json(&log, locale, &mut buffer)?,
    }
    match &args.output {
        Some(path) => {
            crate::output::write_atomically(path, &buffer)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
            crate::output::console::eprint(format!("wrote {}\n", path.display()))?;
        }
        None => crate::output::console::print(&buffer)?,
    }
    let threshold = match args.fail_on {
        DiffFailOn::Attention => Some(Level::Attention),
        DiffFailOn::Notable => Some(Level::Notable),
        DiffFailOn::Info => Some(Level::Info),
        DiffFailOn::Never => None,
    };
    let worst = log.changes.iter().map(|change| change.level).max();
    Ok(match (threshold, worst) {
        (Some(threshold), Some(worst)) if worst >= threshold => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}

/// Findings by key, as multisets: those only on the old side were fixed, those only on the
/// new side introduced.
fn finding_changes(
    old: &[Diagnostic],
    new: &[Diagnostic],
) -> (Vec<FindingChange>, Vec<FindingChange>) {
    let only = |these: &[Diagnostic], others: &[Diagnostic]| -> Vec<FindingChange> {
        let mut counts: BTreeMap<&FindingKey, usize> = BTreeMap::new();
        for diagnostic in others {
            *counts.entry(&diagnostic.key).or_insert(0) += 1;
        }
        these
            .iter()
            .filter(|diagnostic| match counts.get_mut(&diagnostic.key) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            })
            .map(|diagnostic| FindingChange {
                code: diagnostic.code.clone(),
                severity: diagnostic.severity,
                file: diagnostic.file.clone(),
                line: diagnostic.span.start.line,
                message: diagnostic.message.clone(),
            })
            .collect()
    };
    (only(old, new), only(new, old))
}
