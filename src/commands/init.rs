//! `datacharter init [DIR]`: scaffold a workspace that lints clean (see `crate::scaffold`).

use super::CommandError;
use crate::i18n::{self, Locale};
use crate::scaffold::{self, Target};
use crate::t;
use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use std::path::PathBuf;
use std::process::ExitCode;

// Help texts come from the catalogue, in the language of the environment: `--locale` is not
// parsed yet when clap renders `--help`.
#[derive(Debug, Clone, Args)]
#[command(about = help("init.help.about"), long_about = help("init.help.long_about"))]
pub struct InitArgs {
    #[arg(value_name = "DIR", default_value = ".", help = help("init.help.dir"))]
    pub dir: PathBuf,
    #[arg(long, value_name = "LOCALE", help = help("init.help.locale"),
          value_parser = PossibleValuesParser::new(["en", "fr"]).map(|code| Locale::parse(&code).unwrap_or_default()))]
    pub locale: Option<Locale>,
    #[arg(long, help = help("init.help.force"))]
    pub force: bool,
}

fn help(key: &str) -> String {
    t!(Locale::from_environment(), key)
}

/// Writes the workspace and prints the next steps. A DIR that is a file, or that is not empty
/// without `--force`, is an error (exit 2) and nothing is written.
pub fn run(args: &InitArgs) -> Result<ExitCode, CommandError> {
    // No workspace exists yet, so no settings: the command line, else the environment.
    let locale = i18n::resolve(args.locale, None);
    let dir = args.dir.display().to_string();
    match scaffold::inspect(&args.dir)? {
        Target::NotADirectory => {
            return Err(t!(locale, "init.error.not_a_directory", dir = dir).into());
        }
        Target::NotEmpty if !args.force => {
            return Err(t!(locale, "init.error.not_empty", dir = dir).into());
        }
        Target::Missing | Target::Empty | Target::NotEmpty => {}
    }
    let files = scaffold::generate(locale, super::lint::today()?)?;
    scaffold::write(&args.dir, &files, args.force)
        .map_err(|error| t!(locale, "init.error.write", dir = dir, error = error))?;
    let mut text = t!(locale, "init.created", dir = dir, count = files.len());
    text.push_str("\n\n");
    text.push_str(&t!(locale, "init.next.heading"));
    text.push('\n');
    for key in [
        "init.next.fill",
        "init.next.describe",
        "init.next.lint",
        "init.next.documents",
    ] {
        text.push_str(&t!(locale, key, dir = dir));
        text.push('\n');
    }
    // `init | true` closes the pipe: the workspace is written, that is what counts.
    crate::output::console::print(text)?;
    Ok(ExitCode::SUCCESS)
}
