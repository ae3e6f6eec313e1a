//! Suppress stage: the settings' `per-file-ignores`, and inline comments
//! `# datacharter: ignore[DC201] reason` (the node on that line, or on the next line for a
//! comment on a line of its own, and every node inside it) and
//! `# datacharter: ignore-file[DC503] reason`. A suppression that suppresses nothing is DC007;
//! one that names an unknown code, is malformed or lacks a required reason is DC008.

mod directive;

pub use directive::{Directive, DirectiveError, Scope, comment_range, parse_directive};

use crate::finding::{Finding, Location, Target, TextRange};
use crate::i18n::Locale;
use crate::rules::Selector;
use crate::syntax::{ParsedFile, escape_token, pointer_tokens};
use crate::t;
use std::collections::{BTreeMap, BTreeSet};

const UNUSED: (&str, &str) = ("DC007", "unused-suppression");
const INVALID: (&str, &str) = ("DC008", "invalid-suppression");

/// How to suppress.
#[derive(Debug, Clone, Default)]
pub struct SuppressOptions {
    /// False with `--no-ignores`: inline comments are disregarded (and never reported).
    pub disregard_comments: bool,
    /// `rules.require-reason`: a suppression without a reason is DC008 and suppresses nothing.
    pub require_reason: bool,
    /// `rules.per-file-ignores`: findings of these codes in files matching the glob are dropped.
    pub per_file_ignores: Vec<(glob::Pattern, Vec<Selector>)>,
}

/// The findings that remain, and how many comments suppressed.
#[derive(Debug, Default)]
pub struct Suppressed {
    pub findings: Vec<Finding>,
    pub suppressed: usize,
    /// Every finding removed (by a comment or by `per-file-ignores`) and why: reports list
    /// them apart, so that an audit sees what was silenced.
    pub hidden: Vec<Hidden>,
}

/// A finding removed by a suppression, and the reason given for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hidden {
    pub finding: Finding,
    /// The comment's reason; `None` when it gave none.
    pub reason: Option<String>,
    /// `true`: a comment in the file; `false`: the settings' `per-file-ignores`.
    pub in_source: bool,
}

/// A parsed directive and which of its codes were used.
struct Active {
    directive: Directive,
    used: BTreeSet<String>,
    file: String,
}

/// Applies `per-file-ignores`, then the files' suppression comments; DC007 and DC008 are
/// written in `locale`.
pub fn apply(
    findings: Vec<Finding>,
    files: &BTreeMap<String, ParsedFile>,
    known_code: &dyn Fn(&str) -> bool,
    options: &SuppressOptions,
    locale: Locale,
) -> Suppressed {
    let (ignored, findings): (Vec<Finding>, Vec<Finding>) = findings
        .into_iter()
        .partition(|finding| ignored_by_settings(finding, options));
    let mut hidden: Vec<Hidden> = ignored
        .into_iter()
        .map(|finding| Hidden {
            finding,
            reason: None,
            in_source: false,
        })
        .collect();
    if options.disregard_comments {
        return Suppressed {
            findings,
            suppressed: 0,
            hidden,
        };
    }

    let mut problems = Vec::new();
    let mut active: BTreeMap<&str, Vec<Active>> = BTreeMap::new();
    for (path, file) in files {
        for comment in &file.comments {
            let Some(parsed) = parse_directive(comment, &file.source.text) else {
                continue;
            };
            match parsed {
                Err(problem) => problems.push(invalid(
                    path,
                    comment_range(comment),
                    problem.message(locale),
                    locale,
                )),
                Ok(mut directive) => {
                    let range = directive.range;
                    directive.codes.retain(|code| {
                        let known = known_code(code);
                        if !known {
                            problems.push(invalid(
                                path,
                                range,
                                t!(locale, "DC008.unknown-code", code = code),
                                locale,
                            ));
                        }
                        known
                    });
                    if options.require_reason && directive.reason.is_none() {
                        problems.push(invalid(path, range, t!(locale, "DC008.no-reason"), locale));
                        continue;
                    }
                    if !directive.codes.is_empty() {
                        active.entry(path).or_default().push(Active {
                            directive,
                            used: BTreeSet::new(),
                            file: path.clone(),
                        });
                    }
                }
            }
        }
    }

    let mut suppressed = 0;
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        match suppressing_reason(&finding, files, &mut active) {
            Some(reason) => {
                suppressed += 1;
                hidden.push(Hidden {
                    finding,
                    reason,
                    in_source: true,
                });
            }
            None => kept.push(finding),
        }
    }
    let mut findings = kept;

    for entry in active.values().flat_map(|list| list.iter()) {
        for code in &entry.directive.codes {
            if !entry.used.contains(code) {
                findings.push(unused(
                    &entry.file,
                    entry.directive.range,
                    code,
                    entry.directive.scope,
                    locale,
                ));
            }
        }
    }
    findings.extend(problems);
    Suppressed {
        findings,
        suppressed,
        hidden,
    }
}

/// `Some(reason)` when a directive of the finding's file covers it (the first covering
/// directive's reason); every covering directive is marked used.
fn suppressing_reason(
    finding: &Finding,
    files: &BTreeMap<String, ParsedFile>,
    active: &mut BTreeMap<&str, Vec<Active>>,
) -> Option<Option<String>> {
    if finding.code == "DC001" {
        return None; // a file that cannot be read cannot be reasoned about
    }
    let directives = active.get_mut(finding.location.file.as_str())?;
    let file = files.get(&finding.location.file)?;
    let lines = finding_lines(finding, file);
    let mut reason: Option<Option<String>> = None;
    for entry in directives.iter_mut() {
        let applies = match entry.directive.scope {
            Scope::File => true,
            Scope::Line(line) => lines.contains(&line),
        };
        if applies && entry.directive.codes.contains(&finding.code) {
            entry.used.insert(finding.code.clone());
            if reason.is_none() {
                reason = Some(entry.directive.reason.clone());
            }
        }
    }
    reason
}

fn ignored_by_settings(finding: &Finding, options: &SuppressOptions) -> bool {
    finding.code != "DC001"
        && options.per_file_ignores.iter().any(|(glob, selectors)| {
            crate::workspace::glob_matches(glob, &finding.location.file)
                && selectors.iter().any(|s| s.matches(&finding.code))
        })
}

/// The lines a suppression may sit on (or above) to cover this finding: the line where its
/// node starts (its key's line for a mapping entry) and those of every enclosing node but the
/// document itself. A missing key counts as its closest existing ancestor, as the reporter
/// shows it.
fn finding_lines(finding: &Finding, file: &ParsedFile) -> Vec<usize> {
    match &finding.location.target {
        Target::Text { range, .. } => vec![range.start.line],
        Target::File => Vec::new(),
        Target::Node {
            document, pointer, ..
        } => {
            let Some(document) = file.documents.get(*document) else {
                return Vec::new();
            };
            let tokens: Vec<String> = pointer_tokens(pointer).collect();
            let mut lines = Vec::with_capacity(tokens.len());
            let mut prefix = String::new();
            for token in &tokens {
                prefix.push('/');
                prefix.push_str(&escape_token(token));
                let resolved = document.resolve(&prefix);
                lines.push(resolved.key.unwrap_or(resolved.value).start.line);
                if !resolved.exact {
                    break;
                }
            }
            lines
        }
    }
}

fn invalid(file: &str, range: TextRange, message: String, locale: Locale) -> Finding {
    Finding::new(
        INVALID.0,
        INVALID.1,
        crate::finding::Severity::Error,
        Location::text(file, None, range),
        message,
    )
    .with_label(t!(locale, "DC008.label"))
    .with_help(t!(locale, "DC008.help"))
}

fn unused(file: &str, range: TextRange, code: &str, scope: Scope, locale: Locale) -> Finding {
    let key = match scope {
        Scope::File => "DC007.message-file",
        Scope::Line(_) => "DC007.message-node",
    };
    Finding::new(
        UNUSED.0,
        UNUSED.1,
        crate::finding::Severity::Warning,
        Location::text(file, None, range),
        t!(locale, key, code = code),
    )
    .with_label(t!(locale, "DC007.label"))
    .with_help(t!(locale, "DC007.help"))
}

#[cfg(test)]
mod tests;
