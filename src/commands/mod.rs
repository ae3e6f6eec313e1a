//! The commands behind the CLI, one file each.

pub mod audit;
pub mod baseline;
pub mod diff;
pub mod discover;
pub mod init;
pub mod lint;
pub mod map;
pub mod policy;
pub mod register;
pub mod rule;
pub mod schema;
pub mod source;

/// Any error a command reports before exiting with 2.
pub type CommandError = Box<dyn std::error::Error>;

use crate::cli::WorkspaceArgs;
use crate::lint::{Options, Outcome};
use crate::workspace::{Discovery, Workspace, WorkspaceError};

/// A workspace read for information (rules, policy tables), not for its findings.
pub struct Loaded {
    pub workspace: Workspace,
    pub options: Options,
    pub outcome: Outcome,
}

/// Loads and runs the workspace found from the current directory (or `--config`), for the
/// commands that show rules and tables. `None` when there is no workspace (or `--no-config`):
/// those commands then show the built-in rules and packs.
pub fn load_for_reading(args: &WorkspaceArgs) -> Result<Option<Loaded>, CommandError> {
    if args.no_config {
        return Ok(None);
    }
    let start = std::env::current_dir()?;
    let discovery = Discovery {
        start: &start,
        config: args.config.as_deref(),
        no_config: false,
    };
    let workspace = match crate::workspace::load(&discovery) {
        Ok(workspace) => workspace,
        Err(WorkspaceError::NotFound { .. }) if args.config.is_none() => return Ok(None),
        Err(WorkspaceError::InvalidSettings { file, .. }) => {
            return Err(format!(
                "{} has errors; run `datacharter lint` to see them",
                file.source.path
            )
            .into());
        }
        Err(error) => return Err(error.into()),
    };
    let settings_file = "datacharter.yaml";
    let options = crate::config::options(
        &workspace.settings,
        settings_file,
        &workspace.root,
        &crate::config::Overrides::default(),
        self::lint::today()?,
    )
    .map_err(|_| "datacharter.yaml has errors; run `datacharter lint` to see them")?;
    let outcome = crate::lint::lint(&workspace, &options)?;
    Ok(Some(Loaded {
        workspace,
        options,
        outcome,
    }))
}
