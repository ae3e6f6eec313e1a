//! Any bytes as `datacharter.yaml` (the first half of the input) and as a policy pack it may
//! name (the second half), read from disk the way `lint` reads them: discovery, the settings
//! loader with its globs and `policies:` containment, the configuration, then the pipeline and
//! both renderers. None of it may panic, and nothing outside the fuzzing folder may be read.
#![no_main]

use datacharter::config::{self, Overrides};
use datacharter::lint::{lint, settings_file_name};
use datacharter::workspace::{self, Discovery};
use libfuzzer_sys::fuzz_target;
use render::render_json_and_human;
use std::fs;
use std::path::PathBuf;

#[path = "../../tests/common/render.rs"]
mod render;

const ORGANISATION: &str = include_str!("../../examples/quatre-saisons/organisation.yaml");

/// One folder per fuzzing process, rewritten for every input.
fn workspace_dir() -> PathBuf {
    std::env::temp_dir().join(format!("datacharter-fuzz-settings-{}", std::process::id()))
}

fuzz_target!(|bytes: &[u8]| {
    let (settings, pack) = bytes.split_at(bytes.len() / 2);
    let root = workspace_dir();
    let _ = fs::remove_dir_all(&root);
    if fs::create_dir_all(root.join("policies")).is_err()
        || fs::write(root.join("datacharter.yaml"), settings).is_err()
        || fs::write(root.join("policies/pack.yaml"), pack).is_err()
        || fs::write(root.join("organisation.yaml"), ORGANISATION).is_err()
    {
        return;
    }
    let discovery = Discovery {
        start: &root,
        config: None,
        no_config: false,
    };
    let Ok(workspace) = workspace::load(&discovery) else {
        return;
    };
    let settings_file = settings_file_name(&workspace);
    let Ok(mut options) = config::options(
        &workspace.settings,
        &settings_file,
        &workspace.root,
        &Overrides::default(),
        jiff::civil::date(2026, 11, 28),
    ) else {
        return;
    };
    options.threads = Some(1);
    if let Ok(outcome) = lint(&workspace, &options) {
        // Every file read is inside the root.
        for file in workspace.files.iter() {
            assert!(file.abs.starts_with(&workspace.root), "{}", file.abs.display());
        }
        for (_, file) in workspace.policy_files() {
            if let Ok(file) = file {
                assert!(file.abs.starts_with(&workspace.root));
            }
        }
        let _ = render_json_and_human(&outcome);
    }
});
