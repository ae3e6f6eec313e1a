//! Any bytes as `datacharter.yaml`: loading the workspace must end in settings or in
//! findings on the settings file (exit code 2), never panic; findings render.
#![no_main]

use datacharter::workspace::{Discovery, WorkspaceError, load};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One empty workspace per fuzzing process; each input replaces its settings file.
fn root() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("datacharter-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&root).expect("a scratch directory");
        root
    })
}

fuzz_target!(|bytes: &[u8]| {
    let root = root();
    let settings = root.join("datacharter.yaml");
    if std::fs::write(&settings, bytes).is_err() {
        return;
    }
    let discovery = Discovery {
        start: root,
        config: Some(&settings),
        no_config: false,
    };
    match load(&discovery) {
        Ok(workspace) => {
            // The settings that loaded are usable: their globs and policies are plain data.
            let _ = workspace.settings.policies.len();
        }
        Err(WorkspaceError::InvalidSettings { file, findings }) => {
            assert!(!findings.is_empty(), "invalid settings name a reason");
            let length = file.source.text.chars().count();
            for finding in &findings {
                if let datacharter::finding::Target::Text { range, .. } = &finding.location.target {
                    assert!(range.end.index <= length);
                }
            }
        }
        Err(_) => {}
    }
});
