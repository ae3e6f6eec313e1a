//! `datacharter discover DIR`: spreadsheets with personal data that no source declares, or that
//! copy a declared source; reported like lint's findings.

use super::CommandError;
use crate::audit::{self, AuditOptions};
use crate::cli::{Color, FailOn, Format, LintArgs, LocaleArg, ReportSpec};
use crate::commands::audit::options_for;
use crate::commands::lint::{RunFacts, exit_code, render};
use crate::config::Overrides;
use crate::lint::{lint, settings_file_name};
use crate::report;
use crate::syntax::{Limits, parse_in};
use crate::workspace::{self, Discovery};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Find the spreadsheets (CSV, XLSX, ODS, XLS) under DIR that hold personal-data columns and
/// that no source declares (DA602), or that copy a declared source (DA603). Only column names
/// and the shapes of values are read; no value is printed.
#[derive(Debug, Args)]
pub struct DiscoverArgs {
    /// The folder to search (a shared drive, a department's folder…).
    pub dir: PathBuf,
    /// Output format [default: human]; repeat with --output as for `lint`.
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    pub formats: Vec<Format>,
    #[arg(long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,
    #[arg(skip)]
    pub reports: Vec<ReportSpec>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    #[arg(long)]
    pub exit_zero: bool,
    /// Use this settings file; its folder is the workspace root.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    #[arg(long)]
    pub no_config: bool,
    #[arg(long)]
    pub quiet: bool,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    #[arg(long, value_enum)]
    pub locale: Option<LocaleArg>,
}

pub fn run(args: &DiscoverArgs) -> Result<ExitCode, CommandError> {
    if !args.dir.is_dir() {
        return Err(format!("{} is not a folder", args.dir.display()).into());
    }
    let start = std::env::current_dir()?;
    let discovery = Discovery {
        start: &start,
        config: args.config.as_deref(),
        no_config: args.no_config,
    };
    let workspace = workspace::load(&discovery)?;
    let settings_file = settings_file_name(&workspace);
    let overrides = Overrides {
        locale: args.locale.map(Into::into),
        ..Overrides::default()
    };
    let (options, today) = options_for(&workspace, &settings_file, &overrides)?;
    let outcome = lint(&workspace, &options)?;
    let audit_options = AuditOptions {
        today,
        locale: options.locale,
        show_rows: false,
        min_count: 1,
        exports: Vec::new(),
        sources: Vec::new(),
        limits: audit::read::Limits::default(),
        link: None,
        hasher: std::collections::hash_map::RandomState::new(),
    };
    let findings = audit::discover::discover(
        &args.dir,
        &workspace.root,
        &settings_file,
        &outcome.inventory,
        &outcome.policy,
        &audit_options,
    );
    let findings: Vec<_> = findings
        .into_iter()
        .filter(|f| options.selection.is_enabled(&f.code))
        .collect();
    let mut files = outcome.files;
    for finding in &findings {
        let path = finding.location.file.clone();
        if let Some(kept) = files.get(&path)
            && kept.documents.is_empty()
        {
            let text = kept.source.text.clone();
            files.insert(
                path.clone(),
                parse_in(&path, text.as_bytes(), &Limits::default(), options.locale),
            );
        }
    }
    let worst = findings.iter().map(|f| f.severity).max();
    let linted: Vec<&str> = vec![settings_file.as_str()];
    let facts = RunFacts {
        files: &files,
        linted,
        enabled: audit::rules::rules()
            .into_iter()
            .filter(|r| matches!(r.code, "DA602" | "DA603"))
            .collect(),
        file_count: findings.len(),
        document_count: 0,
        suppressed: 0,
        path_prefix: report::repository_prefix(&workspace.root),
        hidden: Vec::new(),
        skipped: Default::default(),
        root: Some(workspace.root.clone()),
        timings: None,
        locale: options.locale,
        catalogue: audit::rules::rules(),
    };
    let lint_args = LintArgs {
        paths: Vec::new(),
        formats: args.formats.clone(),
        outputs: args.outputs.clone(),
        reports: args.reports.clone(),
        select: None,
        extend_select: Vec::new(),
        ignore: Vec::new(),
        fail_on: args.fail_on,
        exit_zero: args.exit_zero,
        config: args.config.clone(),
        no_config: args.no_config,
        statistics: false,
        quiet: args.quiet,
        color: args.color,
        no_ignores: false,
        locale: args.locale,
        threads: None,
        timings: false,
        ..LintArgs::plain(Vec::new(), args.config.clone(), args.no_config)
    };
    render(&lint_args, &facts, findings)?;
    Ok(exit_code(&lint_args, worst))
}
