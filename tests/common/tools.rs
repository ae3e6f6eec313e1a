//! Tests that need a tool outside Rust (Chromium, pre-commit…) skip on a user's machine that
//! lacks it, but fail under `CI=true`: a green CI run must have run them.

/// Reports that `test` cannot run because `tool` is missing: a message on a user's machine,
/// a failure in CI. `install` says how to get the tool.
pub fn unavailable(test: &str, tool: &str, install: &str) {
    let message = format!("{test}: {tool} is not available; install it with `{install}`");
    if std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false" && value != "0")
    {
        panic!("{message} (CI=true: a missing tool fails the run instead of skipping)");
    }
    eprintln!("SKIPPED {message}");
}
