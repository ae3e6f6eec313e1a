//! DA201 sensitive-words-in-free-text: a free-text or undeclared column holds Art. 9 / Art. 10
//! vocabulary in at least `min_count` rows.

use super::{AuditRule, Example, column_location, columns, facts, finding, read_export};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA201",
    name: "sensitive-words-in-free-text",
    family: Family::Audit,
    severity: Severity::Warning,
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
        failing: "E-mail;nom;code_postal;derniere_venue;commentaires\nanne@example.org;Anne Martin;69001;2026-03-14;allergie aux arachides\nbruno@example.org;Bruno Petit;69002;2026-02-01;vient en fauteuil roulant\ncarla@example.org;Carla Roux;69003;2025-11-20;diabétique, prévoir une collation\n",
        passing: super::CLEAN,
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    for (index, name, stats) in columns(profile) {
        for (category, hits) in &stats.words {
            if hits.rows < context.options.min_count {
                continue;
            }
            findings.push(finding(
                &RULE,
                context,
                column_location(source, profile, index),
                &[
                    ("file", &source.file),
                    ("column", &name),
                    ("rows", &hits.rows),
                    ("category", category),
                ],
                facts(source, Some(name), Some(hits.rows), profile.rows),
                Some(hits),
            ));
        }
    }
}
