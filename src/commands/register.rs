//! `datacharter register`: lint the workspace, then write the record of processing activities
//! (GDPR Art. 30) in the requested format and language. The register is written whatever the
//! findings, and says nothing of them unless `--with-findings` adds an annex (a linter does
//! not certify compliance); exit 2 only when it cannot be produced or written.

use super::CommandError;
use crate::config::{self, ConfigError, Overrides};
use crate::export::register::{self, Format, Register};
use crate::finding::Finding;
use crate::i18n::{self, Locale};
use crate::lint::{lint, settings_file_name};
use crate::output::{WriteError, console};
use crate::syntax::{Limits, ParsedFile, parse};
use crate::t;
use crate::workspace::{self, Discovery, WorkspaceError};
use clap::Args;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The arguments of `datacharter register`. The help texts below are the English ones of the
/// catalogue (`register.help.*`); [`localize`] puts the French ones in place, and a test
/// keeps both in step.
#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// The workspace root, or a folder or file inside it. Default: the current directory
    pub path: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: Format,
    /// Write the register to FILE (atomically) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE when it already exists
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Language of the register: en or fr (default: the settings' `locale`, then LANG, then en)
    #[arg(long, value_name = "LANG", value_parser = parse_locale)]
    pub locale: Option<Locale>,
    /// Use this settings file; its folder is the workspace root
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any datacharter.yaml: read the given folder with default settings
    #[arg(long)]
    pub no_config: bool,
    /// Add an annex listing each processing's open findings (its own, its sources' and its parties')
    #[arg(long)]
    pub with_findings: bool,
}

/// Each argument's id and the catalogue key of its help.
const HELP_KEYS: &[(&str, &str)] = &[
    ("path", "register.help.path"),
    ("format", "register.help.format"),
    ("output", "register.help.output"),
    ("force", "register.help.force"),
    ("locale", "register.help.locale"),
    ("config", "register.help.config"),
    ("no_config", "register.help.no_config"),
    ("with_findings", "register.help.with_findings"),
];

/// The `register` subcommand's about and argument help in `locale`, from the catalogue.
pub fn localize(command: clap::Command, locale: Locale) -> clap::Command {
    HELP_KEYS.iter().fold(
        command.about(t!(locale, "register.help.about")),
        |command, (id, key)| command.mut_arg(*id, |arg| arg.help(t!(locale, key))),
    )
}

fn parse_locale(text: &str) -> Result<Locale, String> {
    Locale::parse(text).ok_or_else(|| {
        t!(
            Locale::from_environment(),
            "register.error.locale",
            value = text
        )
    })
}

pub fn run(args: &RegisterArgs) -> Result<ExitCode, CommandError> {
    let register = build_register(args, super::lint::today()?)?;
    let document = register::render(&register, args.format);
    match &args.output {
        Some(path) => {
            crate::output::write_new(path, document.as_bytes(), args.force)
                .map_err(|error| write_error(register.language, path, &error))?;
            // As `map` does: say what was written, on stderr so stdout stays clean.
            let written = crate::t!(register.language, "register.written", path = path.display());
            console::eprint(format!("{written}\n"))?;
        }
        None => console::print(document)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Finds the workspace the arguments point at, lints it and builds its register, dated
/// `today`: everything `run` does but rendering and writing.
pub fn build_register(
    args: &RegisterArgs,
    today: jiff::civil::Date,
) -> Result<Register, CommandError> {
    let start = discovery_start(args.path.as_deref())?;
    let discovery = Discovery {
        start: &start,
        config: args.config.as_deref(),
        no_config: args.no_config,
    };
    // Messages before the settings are read follow --locale, else the environment.
    let early_locale = args.locale.unwrap_or_else(Locale::from_environment);
    let workspace = match workspace::load(&discovery) {
        Ok(workspace) => workspace,
        Err(WorkspaceError::InvalidSettings { file, findings }) => {
            return Err(settings_problems(early_locale, &file, findings).into());
        }
        Err(error) => return Err(error.into()),
    };
    let locale = i18n::resolve(args.locale, workspace.settings.locale);
    if let Some(path) = &args.output
        && workspace.is_input(path)
    {
        return Err(t!(locale, "register.error.input", path = path.display()).into());
    }
    let settings_file = settings_file_name(&workspace);
    let options = match config::options(
        &workspace.settings,
        &settings_file,
        &workspace.root,
        &Overrides::default(),
        today,
    ) {
        Ok(options) => options,
        Err(ConfigError::Usage(message)) => return Err(message.into()),
        Err(ConfigError::Settings(findings)) => {
            let bytes = workspace.read_settings().unwrap_or_default();
            let file = parse(&settings_file, &bytes, &Limits::default());
            return Err(settings_problems(locale, &file, findings).into());
        }
    };
    let outcome = lint(&workspace, &options)?;
    Ok(register::build_with(
        &outcome,
        locale,
        today,
        args.with_findings,
    ))
}

fn write_error(locale: Locale, path: &Path, error: &WriteError) -> String {
    let path = path.display();
    if error.kind() == io::ErrorKind::AlreadyExists {
        t!(locale, "register.error.exists", path = path)
    } else {
        t!(
            locale,
            "register.error.write",
            path = path,
            problem = error.source
        )
    }
}

/// The settings' problems, one `file:line:col: severity[CODE] message` line each.
fn settings_problems(locale: Locale, file: &ParsedFile, findings: Vec<Finding>) -> String {
    let name = file.source.path.clone();
    let files = BTreeMap::from([(name.clone(), file)]);
    let lookup = |path: &str| files.get(path).copied();
    let diagnostics = crate::report::locate(findings, &lookup);
    let report = crate::report::Report::new(".", 1, 0, 0, diagnostics);
    let mut lines = Vec::new();
    // Rendering into memory cannot fail.
    let _ = crate::report::render_concise(&report, true, &mut lines);
    let heading = t!(locale, "register.error.settings", file = name);
    format!("{heading}\n{}", String::from_utf8_lossy(&lines).trim_end())
}

/// Discovery starts from PATH (its folder when it is a file), else the current directory.
fn discovery_start(path: Option<&Path>) -> io::Result<PathBuf> {
    match path {
        Some(path) if path.is_file() => Ok(path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)),
        Some(path) => Ok(path.to_path_buf()),
        None => std::env::current_dir(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, Parser};

    #[derive(Debug, Parser)]
    struct Harness {
        #[command(flatten)]
        args: RegisterArgs,
    }

    #[test]
    fn english_help_is_the_catalogue_s() {
        let command = Harness::command();
        for (id, key) in HELP_KEYS {
            let arg = command.get_arguments().find(|arg| arg.get_id() == *id);
            let help = arg.and_then(|arg| arg.get_help()).map(ToString::to_string);
            assert_eq!(
                help.as_deref(),
                Some(t!(Locale::En, key).as_str()),
                "--{id}"
            );
        }
    }

    #[test]
    fn french_help_comes_from_the_catalogue() {
        let command = localize(Harness::command(), Locale::Fr);
        let force = command.get_arguments().find(|arg| arg.get_id() == "force");
        let help = force
            .and_then(|arg| arg.get_help())
            .map(ToString::to_string);
        assert_eq!(help.as_deref(), Some("Remplace FICHIER s'il existe déjà"));
    }

    #[test]
    fn arguments_parse() {
        let parsed = Harness::try_parse_from([
            "register", "ws", "--format", "html", "--output", "r.html", "--force", "--locale", "fr",
        ]);
        let args = parsed.map(|h| h.args).map_err(|e| e.to_string());
        let args = args.as_ref();
        assert_eq!(args.map(|a| a.format), Ok(Format::Html));
        assert_eq!(args.map(|a| a.locale), Ok(Some(Locale::Fr)));
        assert_eq!(args.map(|a| a.force), Ok(true));
        assert!(Harness::try_parse_from(["register", "--locale", "de"]).is_err());
        assert!(
            Harness::try_parse_from(["register", "--force"]).is_err(),
            "--force needs --output"
        );
    }
}
