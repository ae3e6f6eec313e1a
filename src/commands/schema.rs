//! `datacharter schema [--out DIR]`.

use super::CommandError;
use crate::cli::SchemaArgs;
use crate::output::console;
use std::process::ExitCode;

pub fn run(args: &SchemaArgs) -> Result<ExitCode, CommandError> {
    match &args.out {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
            for path in crate::schema::write_schemas(dir)? {
                console::eprint(format!("wrote {}\n", path.display()))?;
            }
        }
        None => {
            let text = crate::schema::to_pretty_json(&crate::schema::document_schema())?;
            console::print(text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
