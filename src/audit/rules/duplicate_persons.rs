//! DA403 duplicate-persons: the share of rows in duplicate groups is over the threshold;
//! certain (same email) and possible (same phone; same name plus postal code or birth date)
//! duplicates counted apart. A name alone is never a key.

use super::{AuditRule, Example, export_location, facts, finding, read_export};
use crate::audit::{AuditContext, SourceAudit, percent};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA403",
    name: "duplicate-persons",
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
        failing: "E-mail;nom;code_postal;derniere_venue;commentaires\nanne@example.org;Anne Martin;69001;2026-03-14;\nANNE@example.org ;Anne Martin;69001;2026-02-01;\ncarla@example.org;Carla Roux;69003;2025-11-20;\n",
        passing: super::CLEAN,
    },
};

/// The share of rows in duplicate groups above which DA403 fires (a datacharter default: 5 %).
pub const THRESHOLD_PERCENT: u64 = 5;

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    let rows = profile.rows;
    let (certain, possible) = (source.certain_duplicates, source.possible_duplicates);
    let over = |count: u64| rows > 0 && count * 100 > rows * THRESHOLD_PERCENT;
    if !over(certain) && !over(possible) {
        return;
    }
    let locale = context.options.locale;
    findings.push(finding(
        &RULE,
        context,
        export_location(source),
        &[
            ("file", &source.file),
            ("certain", &certain),
            ("certain_share", &percent(certain, rows, locale)),
            ("possible", &possible),
            ("possible_share", &percent(possible, rows, locale)),
        ],
        facts(source, None, Some(certain.max(possible)), rows),
        None,
    ));
}
