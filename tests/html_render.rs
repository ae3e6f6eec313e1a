//! The HTML register opened in a real headless Chromium: it renders without console messages,
//! loads nothing beyond itself, prints a page per processing after the cover, and leaves a
//! screenshot (and the PDF) under `target/test-artifacts/`.

#[path = "common/chromium.rs"]
mod chromium;
#[path = "common/tools.rs"]
mod tools;

use datacharter::commands::register::{RegisterArgs, build_register};
use datacharter::export::register::{Format, render};
use datacharter::i18n::Locale;
use std::path::{Path, PathBuf};

fn example_args(locale: Locale) -> RegisterArgs {
    RegisterArgs {
        path: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/quatre-saisons")),
        format: Format::Html,
        output: None,
        force: false,
        locale: Some(locale),
        config: None,
        no_config: false,
        with_findings: false,
    }
}

fn write_artifact(name: &str, text: &str) -> PathBuf {
    let dir = chromium::artifacts_dir();
    std::fs::create_dir_all(&dir).expect("artifact directory");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the page");
    path
}

#[test]
fn the_helper_sees_console_messages_and_outside_loads() {
    let Some(binary) = chromium::binary() else {
        return chromium::skip("the_helper_sees_console_messages_and_outside_loads");
    };
    let page = write_artifact(
        "chromium-control.html",
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>control</title></head>\
         <body><p>control page</p><img src=\"missing.png\" alt=\"\">\
         <img src=\"https://example.invalid/pixel.png\" alt=\"\">\
         <script>console.error(\"boom\")</script></body></html>",
    );
    let rendered = chromium::open(&binary, &page, "chromium-control").expect("chromium runs");
    assert!(rendered.dom.contains("control page"), "{}", rendered.dom);
    assert!(
        rendered
            .console
            .iter()
            .any(|message| message.contains("boom")),
        "console: {:?}",
        rendered.console
    );
    assert!(
        rendered
            .loads
            .iter()
            .any(|url| url.ends_with("/missing.png")),
        "loads: {:?}",
        rendered.loads
    );
    assert!(
        rendered
            .loads
            .iter()
            .any(|url| url.starts_with("https://example.invalid/")),
        "loads: {:?}",
        rendered.loads
    );
}

#[test]
fn the_html_register_renders_in_chromium() {
    let Some(binary) = chromium::binary() else {
        return chromium::skip("the_html_register_renders_in_chromium");
    };
    let today = "2026-11-28".parse().expect("a date");
    for locale in Locale::ALL {
        let register = build_register(&example_args(locale), today).expect("the example loads");
        let name = format!("register-{locale}");
        let page = write_artifact(&format!("{name}.html"), &render(&register, Format::Html));
        let rendered = chromium::open(&binary, &page, &name).expect("chromium runs");

        assert!(
            rendered.console.is_empty(),
            "console: {:?}",
            rendered.console
        );
        assert!(
            rendered.loads.is_empty(),
            "the page loads {:?}",
            rendered.loads
        );
        let organisation = register
            .controller
            .name
            .as_deref()
            .expect("the example names it");
        assert!(
            rendered.dom.contains(organisation),
            "{locale}: no organisation in the DOM"
        );
        for sheet in &register.processings {
            let anchor = format!("id=\"processing-{}\"", sheet.id);
            assert!(
                rendered.dom.contains(&anchor),
                "{locale}: no sheet for {}",
                sheet.id
            );
        }
        // The cover, then each processing from a new page.
        assert!(
            rendered.printed_pages > register.processings.len(),
            "{locale}: {} printed pages for {} processings",
            rendered.printed_pages,
            register.processings.len()
        );
        let png = std::fs::read(&rendered.screenshot).expect("screenshot");
        assert!(
            png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
            "not a real PNG"
        );
        eprintln!("screenshot: {}", rendered.screenshot.display());

        // The printed pages carry the running footer and their numbers; read back from the
        // PDF when poppler's tools are installed, which also keep each page as an image.
        let pdf = chromium::artifacts_dir().join(format!("{name}.pdf"));
        if let Ok(output) = std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
        {
            let text = String::from_utf8_lossy(&output.stdout);
            let (footer, page_two) = match locale {
                Locale::Fr => (
                    "Théâtre des Quatre Saisons — registre des activités de traitement — édition du 28 novembre 2026",
                    format!("Page 2 sur {}", rendered.printed_pages),
                ),
                Locale::En => (
                    "Théâtre des Quatre Saisons — record of processing activities — edition of 28 November 2026",
                    format!("Page 2 of {}", rendered.printed_pages),
                ),
            };
            assert_eq!(
                text.matches(footer).count(),
                rendered.printed_pages,
                "{locale}: the footer on every page"
            );
            assert!(text.contains(&page_two), "{locale}: no «{page_two}»");
            assert!(!text.contains("conforme") && !text.contains("Lint status"));
            assert!(
                !text.contains(".yaml"),
                "{locale}: a file path in the register"
            );
            let _ = std::process::Command::new("pdftoppm")
                .args(["-r", "60", "-png", "-f", "1", "-l", "3"])
                .arg(&pdf)
                .arg(chromium::artifacts_dir().join(format!("{name}-page")))
                .status();
        }
    }
}
