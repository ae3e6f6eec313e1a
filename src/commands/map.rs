//! `datacharter map [PATH]`: the data map of the workspace — sources × data categories, the
//! processings of each source, and the cells the rules flag — as a terminal table, Markdown,
//! a printable HTML page or CSV.

use super::CommandError;
use crate::config::{self, ConfigError, Overrides};
use crate::export::map::{DataMap, Format, render};
use crate::finding::Finding;
use crate::i18n::{self, Locale};
use crate::lint::{lint, settings_file_name};
use crate::output::{console, write_new};
use crate::report::locate;
use crate::syntax::{Limits, ParsedFile, parse};
use crate::workspace::{self, Discovery, WorkspaceError};
use clap::Args;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Help lines come from the catalogues, in the language of the environment (`--locale` is
/// not parsed yet when clap builds the help).
fn help(key: &str) -> String {
    i18n::format(Locale::from_environment(), key, &[])
}

#[derive(Debug, Clone, Args)]
pub struct MapArgs {
    #[arg(value_name = "PATH", help = help("map.help.path"))]
    pub path: Option<PathBuf>,
    // Without --format, the --output file's extension chooses (.html, .md, .csv), else text.
    #[arg(long, value_enum, help = help("map.help.format"))]
    pub format: Option<Format>,
    #[arg(long, short = 'o', value_name = "FILE", help = help("map.help.output"))]
    pub output: Option<PathBuf>,
    #[arg(long, requires = "output", help = help("map.help.force"))]
    pub force: bool,
    #[arg(long, value_name = "LANG", value_parser = parse_locale, help = help("map.help.locale"))]
    pub locale: Option<Locale>,
    #[arg(long, value_name = "FILE", conflicts_with = "no_config", help = help("map.help.config"))]
    pub config: Option<PathBuf>,
    #[arg(long, help = help("map.help.no_config"))]
    pub no_config: bool,
}

fn parse_locale(text: &str) -> Result<Locale, String> {
    Locale::parse(text)
        .ok_or_else(|| crate::t!(Locale::from_environment(), "map.error.locale", value = text))
}

/// Loads and lints the workspace `args` designate, and builds its data map dated `today`.
pub fn data_map(args: &MapArgs, today: jiff::civil::Date) -> Result<DataMap, CommandError> {
    let start = match &args.path {
        Some(path) => path.clone(),
        None => std::env::current_dir()?,
    };
    let discovery = Discovery {
        start: &start,
        config: args.config.as_deref(),
        no_config: args.no_config,
    };
    let environment_locale = i18n::resolve(args.locale, None);
    let workspace = match workspace::load(&discovery) {
        Ok(workspace) => workspace,
        Err(WorkspaceError::InvalidSettings { file, findings }) => {
            return Err(settings_problems(
                environment_locale,
                &file.source.path,
                Some(&file),
                findings,
            )
            .into());
        }
        Err(error) => return Err(error.into()),
    };
    let locale = i18n::resolve(args.locale, workspace.settings.locale);
    if let Some(path) = &args.output
        && workspace.is_input(path)
    {
        return Err(crate::t!(locale, "map.error.input", path = path.display()).into());
    }
    let settings_name = settings_file_name(&workspace);
    let mut options = match config::options(
        &workspace.settings,
        &settings_name,
        &workspace.root,
        &Overrides::default(),
        today,
    ) {
        Ok(options) => options,
        Err(ConfigError::Usage(message)) => return Err(message.into()),
        Err(ConfigError::Settings(findings)) => {
            let parsed = workspace
                .read_settings()
                .map(|bytes| parse(&settings_name, &bytes, &Limits::default()));
            return Err(
                settings_problems(locale, &settings_name, parsed.as_ref(), findings).into(),
            );
        }
    };
    options.locale = locale;
    let outcome = lint(&workspace, &options)?;
    Ok(DataMap::build(&outcome, locale, today))
}

pub fn run(args: &MapArgs) -> Result<ExitCode, CommandError> {
    let map = data_map(args, super::lint::today()?)?;
    let locale = map.locale;
    let format = args
        .format
        .unwrap_or_else(|| format_of(args.output.as_deref()));
    let rendered = render(&map, format);
    match &args.output {
        Some(path) => {
            write_new(path, rendered.as_bytes(), args.force).map_err(|error| {
                match error.kind() {
                    io::ErrorKind::AlreadyExists => {
                        crate::t!(locale, "map.error.exists", path = path.display())
                    }
                    _ => error.to_string(),
                }
            })?;
            let written = crate::t!(locale, "map.written", path = path.display());
            console::eprint(format!("{written}\n"))?;
        }
        // `datacharter map | head` is not an error.
        None => console::print(rendered)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The format an output file's extension suggests; text otherwise.
pub fn format_of(output: Option<&Path>) -> Format {
    let extension = output
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => Format::Html,
        Some("md" | "markdown") => Format::Markdown,
        Some("csv") => Format::Csv,
        _ => Format::Text,
    }
}

/// The problems of the settings file, one `file:line:column: message` line each.
fn settings_problems(
    locale: Locale,
    name: &str,
    file: Option<&ParsedFile>,
    findings: Vec<Finding>,
) -> String {
    let lookup = |path: &str| file.filter(|f| f.source.path == path);
    let mut text = crate::t!(locale, "map.error.settings", file = name);
    for diagnostic in locate(findings, &lookup) {
        text.push_str(&format!(
            "\n  {}:{}:{}: {}",
            diagnostic.file,
            diagnostic.span.start.line,
            diagnostic.span.start.column,
            diagnostic.message
        ));
    }
    text
}
