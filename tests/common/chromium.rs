//! Opens an HTML file in a real headless Chromium (Debian package `chromium`, which `.ci/run`
//! installs) and reports what a reader would get: the DOM after load, every console message,
//! every resource the page tried to load beyond itself, a screenshot kept under
//! `target/test-artifacts/`, and the number of pages it prints to.
//!
//! Shared by the tests of the generated HTML documents; include it with
//! `#[path = "common/chromium.rs"] mod chromium;`.
//!
//! Chromium's log does not tell console levels apart (every message is logged as
//! `INFO:CONSOLE`), and our documents hold no script, so any console message counts as a
//! problem. Loads are read from the verbose network log (`--v=1`): `FileURLLoader::Start` for
//! files, `NotifyBeforeURLRequest` for the network, which `--host-resolver-rules` cuts off so
//! that a test never leaves the machine.

#![allow(dead_code)] // Each test file uses part of the helper.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Where Debian installs it; `CHROMIUM` overrides.
pub const DEFAULT_BINARY: &str = "/usr/bin/chromium";

/// One Chromium run may take this long before it is killed.
const TIMEOUT: Duration = Duration::from_secs(90);

/// What Chromium made of a page.
#[derive(Debug)]
pub struct Page {
    /// The serialised DOM after load (`--dump-dom`).
    pub dom: String,
    /// Console messages, as logged (`"text", source: file:///… (line)`).
    pub console: Vec<String>,
    /// URLs the page requested other than itself (images, stylesheets, fonts…).
    pub loads: Vec<String>,
    /// The PNG screenshot, kept as a test artifact.
    pub screenshot: PathBuf,
    /// Pages of the printed PDF (A4, as the page's `@page` rule asks).
    pub printed_pages: usize,
}

/// The Chromium binary, when installed.
pub fn binary() -> Option<PathBuf> {
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_BINARY));
    path.is_file().then_some(path)
}

/// Prints why a Chromium test does nothing (fails under `CI=true`). Call it when [`binary`]
/// is `None`.
pub fn skip(test: &str) {
    crate::tools::unavailable(
        test,
        &format!("Chromium (at {DEFAULT_BINARY} or $CHROMIUM)"),
        "apt-get install -y chromium",
    );
}

/// Directory for artifacts that outlive the test run: `target/test-artifacts/`.
pub fn artifacts_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("test-artifacts")
}

/// Opens `html` in Chromium: once for the DOM and the logs, once for a screenshot saved as
/// `target/test-artifacts/<artifact>.png`, once to print it to PDF (kept beside it).
pub fn open(binary: &Path, html: &Path, artifact: &str) -> Result<Page, String> {
    let html = html
        .canonicalize()
        .map_err(|e| format!("{}: {e}", html.display()))?;
    let url = format!("file://{}", html.display());
    let artifacts = artifacts_dir();
    std::fs::create_dir_all(&artifacts).map_err(|e| format!("{}: {e}", artifacts.display()))?;

    let (dom, log) = run(
        binary,
        &["--enable-logging=stderr", "--v=1", "--dump-dom", &url],
    )?;

    let screenshot = artifacts.join(format!("{artifact}.png"));
    let _ = std::fs::remove_file(&screenshot);
    run(
        binary,
        &[
            &format!("--screenshot={}", screenshot.display()),
            "--window-size=1240,1754",
            "--hide-scrollbars",
            &url,
        ],
    )?;
    if !screenshot.is_file() {
        return Err(format!(
            "Chromium wrote no screenshot at {}",
            screenshot.display()
        ));
    }

    let pdf = artifacts.join(format!("{artifact}.pdf"));
    let _ = std::fs::remove_file(&pdf);
    run(
        binary,
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
            &url,
        ],
    )?;
    let pdf_bytes = std::fs::read(&pdf).map_err(|e| format!("{}: {e}", pdf.display()))?;

    Ok(Page {
        dom,
        console: console_messages(&log),
        loads: loads(&log, &url),
        screenshot,
        printed_pages: count_pdf_pages(&pdf_bytes),
    })
}

/// Runs Chromium headless with a fresh profile and no network; returns stdout and stderr.
fn run(binary: &Path, extra: &[&str]) -> Result<(String, String), String> {
    let profile = tempfile::tempdir().map_err(|e| format!("temporary profile: {e}"))?;
    let mut child = Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            // Any host name fails to resolve: a page that reaches for the network shows it
            // in the log without waiting on it.
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    // Drain both pipes while waiting, or a chatty Chromium blocks on a full pipe.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut text);
            }
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("Chromium did not finish within {TIMEOUT:?}"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("waiting for Chromium: {e}")),
        }
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    if !status.success() {
        let tail: Vec<&str> = stderr.lines().rev().take(20).collect();
        return Err(format!(
            "Chromium exited with {status}: {}",
            tail.join("\n")
        ));
    }
    Ok((stdout, stderr))
}

/// `[…:INFO:CONSOLE(12)] "text", source: …` (older) or `[…:INFO:CONSOLE:12] "text", …`.
fn console_messages(log: &str) -> Vec<String> {
    log.lines()
        .filter(|line| line.contains(":CONSOLE"))
        .map(|line| {
            line.split_once("] ")
                .map_or(line, |(_, message)| message)
                .to_owned()
        })
        .collect()
}

/// Requests the browser makes on its own whatever the page (component updates, sign-in,
/// network time), which no flag fully turns off; matched with their paths, so that a page
/// loading anything else from the same companies still counts.
const BROWSER_OWN_REQUESTS: &[&str] = &[
    "://update.googleapis.com/service/update2/",
    "://accounts.google.com/ListAccounts",
    "://clients2.google.com/time/",
];

/// Every URL requested, except the page itself and the browser's own requests.
fn loads(log: &str, page: &str) -> Vec<String> {
    const MARKERS: [&str; 2] = ["FileURLLoader::Start: ", "NotifyBeforeURLRequest: "];
    let mut urls: Vec<String> = log
        .lines()
        .filter_map(|line| {
            MARKERS.iter().find_map(|marker| {
                line.split_once(marker)
                    .map(|(_, url)| url.trim().to_owned())
            })
        })
        .filter(|url| url != page)
        .filter(|url| !BROWSER_OWN_REQUESTS.iter().any(|own| url.contains(own)))
        .collect();
    urls.sort();
    urls.dedup();
    urls
}

/// Page objects of a PDF (`/Type /Page`, not `/Pages`): Chromium writes them uncompressed.
fn count_pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|window| window.starts_with(needle) && window[needle.len()] != b's')
        .count()
}
