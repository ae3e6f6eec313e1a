//! Counts of a lint run and the one-line summary printed after the human report.

use super::Diagnostic;
use crate::finding::Severity;
use crate::i18n::Locale;
use crate::t;
use serde::Serialize;
use std::fmt;

/// What a run looked at and what it found. Field order is the JSON contract's.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings silenced by an inline comment or the configuration.
    pub suppressed: usize,
    /// Findings hidden because the baseline file records them (`--baseline`).
    #[serde(skip_serializing_if = "is_zero")]
    pub baselined: usize,
    /// With `--new-since`: the findings already there at that revision, not shown. `None`
    /// without `--new-since` (the counts are then not "new").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing: Option<usize>,
    /// Checks that could not run because a document failed to parse or validate.
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped_checks: usize,
    /// The files of those documents.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<String>,
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

impl Summary {
    /// Counts the reported diagnostics by severity.
    pub fn new(
        files: usize,
        documents: usize,
        suppressed: usize,
        diagnostics: &[Diagnostic],
    ) -> Summary {
        let count = |severity| {
            diagnostics
                .iter()
                .filter(|diagnostic| diagnostic.severity == severity)
                .count()
        };
        Summary {
            files,
            documents,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            suppressed,
            baselined: 0,
            existing: None,
            skipped_checks: 0,
            unreadable: Vec::new(),
        }
    }
}

impl Summary {
    /// `2 errors, 1 warning in 7 files (3 suppressed)`, or `No problems found in 7 files`, in
    /// `locale`.
    pub fn line(&self, locale: Locale) -> String {
        let counts: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.infos, "info"),
        ]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, noun)| match self.existing {
            Some(_) => counted(locale, count, &format!("new-{noun}")),
            None => counted(locale, count, noun),
        })
        .collect();
        let files = counted(locale, self.files, "file");
        let mut line = if counts.is_empty() && self.existing.is_some() {
            t!(locale, "summary.clean-new", files = files)
        } else if counts.is_empty() {
            t!(locale, "summary.clean", files = files)
        } else {
            t!(
                locale,
                "summary.found",
                counts = counts.join(", "),
                files = files
            )
        };
        match self.suppressed {
            0 => {}
            1 => line.push_str(&t!(locale, "summary.suppressed-one")),
            count => line.push_str(&t!(locale, "summary.suppressed", count = count)),
        }
        if self.baselined > 0 {
            line.push_str(&t!(locale, "summary.baselined", count = self.baselined));
        }
        if let Some(existing) = self.existing.filter(|count| *count > 0) {
            line.push_str(&t!(locale, "summary.existing", count = existing));
        }
        if self.skipped_checks > 0 {
            let files = words_list(&self.unreadable, locale);
            line.push_str(&match self.skipped_checks {
                1 => t!(locale, "summary.skipped-one", files = files),
                count => t!(locale, "summary.skipped", count = count, files = files),
            });
        }
        line
    }
}

/// The English summary line.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line(Locale::En))
    }
}

/// `a`, `a and b`, `a, b and c`.
/// File names joined in words; each is escaped, since the summary line reaches a terminal
/// and a file name may hold a line break or an escape sequence.
fn words_list(items: &[String], locale: Locale) -> String {
    let names: Vec<String> = items
        .iter()
        .map(|item| super::sanitize::inline(item).into_owned())
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{}{last}", rest.join(", "), t!(locale, "summary.and")),
    }
}

/// "1 error", "3 errors": `summary.<noun>` for one, `summary.<noun>s` otherwise.
fn counted(locale: Locale, count: usize, noun: &str) -> String {
    if count == 1 {
        t!(locale, &format!("summary.{noun}"))
    } else {
        t!(locale, &format!("summary.{noun}s"), count = count)
    }
}

#[cfg(test)]
mod tests {
    use super::Summary;
    use crate::i18n::Locale;

    fn summary(files: usize, errors: usize, warnings: usize, suppressed: usize) -> Summary {
        Summary {
            files,
            errors,
            warnings,
            suppressed,
            ..Summary::default()
        }
    }

    #[test]
    fn english_summary_line() {
        assert_eq!(
            summary(7, 2, 1, 3).to_string(),
            "2 errors, 1 warning in 7 files (3 suppressed)"
        );
        assert_eq!(
            summary(1, 0, 0, 1).to_string(),
            "No problems found in 1 file (1 suppressed)"
        );
    }

    #[test]
    fn french_summary_line() {
        assert_eq!(
            summary(7, 2, 1, 3).line(Locale::Fr),
            "2 erreurs, 1 avertissement dans 7 fichiers (3 ignorés)"
        );
        assert_eq!(
            summary(7, 0, 0, 0).line(Locale::Fr),
            "Aucun problème dans 7 fichiers"
        );
        assert_eq!(
            summary(1, 1, 0, 1).line(Locale::Fr),
            "1 erreur dans 1 fichier (1 ignoré)"
        );
    }

    #[test]
    fn skipped_checks_are_said_once_with_the_files() {
        let mut one = summary(24, 1, 0, 0);
        one.skipped_checks = 3;
        one.unreadable = vec!["organisation.yaml".into()];
        assert_eq!(
            one.to_string(),
            "1 error in 24 files; 3 checks skipped: organisation.yaml could not be read"
        );
        assert_eq!(
            one.line(Locale::Fr),
            "1 erreur dans 24 fichiers ; 3 contrôles non effectués, faute de pouvoir lire organisation.yaml"
        );
        one.skipped_checks = 1;
        one.unreadable.push("sources/crm.yaml".into());
        one.unreadable.push("parties/billetel.yaml".into());
        assert_eq!(
            one.to_string(),
            "1 error in 24 files; 1 check skipped: organisation.yaml, sources/crm.yaml and parties/billetel.yaml could not be read"
        );
    }
}
