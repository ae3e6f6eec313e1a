//! `datacharter schema [--out DIR]`.

use super::CommandError;
use crate::cli::SchemaArgs;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: &SchemaArgs) -> Result<ExitCode, CommandError> {
    match &args.out {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            for path in crate::schema::write_schemas(dir)? {
                eprintln!("wrote {}", path.display());
            }
        }
        None => {
            let text = crate::schema::to_pretty_json(&crate::schema::document_schema())?;
            std::io::stdout().write_all(text.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
