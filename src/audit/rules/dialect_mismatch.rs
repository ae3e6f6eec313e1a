//! DA002 dialect-mismatch: the declared delimiter yields one column, or rows have another
//! number of cells than the header.

use super::{AuditRule, Example, export_location, facts, finding, read_export};
use crate::audit::profile::Hits;
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA002",
    name: "dialect-mismatch",
    family: Family::Audit,
    severity: Severity::Error,
    docs: Docs {
        failing: super::WORKSPACE,
        passing: super::WORKSPACE,
    },
    check: None,
    source: file!(),
};

pub static AUDIT: AuditRule = AuditRule {
    rule: &RULE,
    check,
    example: Example {
        workspace: super::WORKSPACE,
        source: "contacts",
        failing: "E-mail,nom,code_postal,derniere_venue,commentaires\nanne@example.org,Anne Martin,69001,2026-03-14,\n",
        passing: super::CLEAN,
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, notes)) = read_export(source) else {
        return;
    };
    let locale = context.options.locale;
    if let Some(other) = notes.single_column {
        let declared = notes.delimiter.map_or(String::new(), shown);
        findings.push(finding(
            &RULE,
            context,
            source.source.at("/export/delimiter"),
            &[
                ("file", &source.file),
                (
                    "problem",
                    &crate::t!(
                        locale,
                        "DA002.one-column",
                        declared = declared,
                        other = shown(other)
                    ),
                ),
            ],
            facts(source, None, None, profile.rows),
            None,
        ));
    } else if notes.ragged_rows > 0 {
        let hits = Hits {
            rows: notes.ragged_rows,
            sample: notes.ragged_sample.clone(),
        };
        let problem = crate::t!(
            locale,
            "DA002.ragged",
            rows = notes.ragged_rows,
            width = profile.headers.len()
        );
        findings.push(finding(
            &RULE,
            context,
            export_location(source),
            &[("file", &source.file), ("problem", &problem)],
            facts(source, None, Some(notes.ragged_rows), profile.rows),
            Some(&hits),
        ));
    }
}

fn shown(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "\\t".to_owned(),
        other => format!("{}", other as char),
    }
}
