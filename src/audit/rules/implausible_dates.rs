//! DA404 implausible-dates: future dates where the past is meant, dates before 1900, mixed
//! date formats in one column.

use super::{
    AuditRule, Example, column_location, columns, declared_category, facts, finding, read_export,
};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::policy::PolicyTables;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA404",
    name: "implausible-dates",
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
        failing: "E-mail;nom;code_postal;derniere_venue;commentaires\nanne@example.org;Anne Martin;69001;2026-03-14;\nbruno@example.org;Bruno Petit;69002;01/02/2026;\ncarla@example.org;Carla Roux;69003;2031-11-20;\n",
        passing: super::CLEAN,
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    let locale = context.options.locale;
    for (index, name, stats) in columns(profile) {
        if stats.dates == 0 {
            continue;
        }
        // Future dates are wrong only where a date is in the past by nature: a retention
        // start or a birth date (a performance date may well be ahead).
        let past_only = profile.plans[index].field.is_some_and(|field| {
            let field = &source.source.item.fields[field];
            field.marks.is_some()
                || declared_category(source, profile, index)
                    .is_some_and(|c| PolicyTables::covers("identity.birth-date", c))
        });
        let mut problems = Vec::new();
        if past_only && stats.future.rows > 0 {
            problems.push(crate::t!(locale, "DA404.future", rows = stats.future.rows));
        }
        if stats.before_1900.rows > 0 {
            problems.push(crate::t!(
                locale,
                "DA404.old",
                rows = stats.before_1900.rows
            ));
        }
        if stats.date_styles.len() > 1 {
            problems.push(crate::t!(
                locale,
                "DA404.mixed",
                formats = stats.date_styles.len()
            ));
        }
        if problems.is_empty() {
            continue;
        }
        let hits = if stats.future.rows > 0 && past_only {
            &stats.future
        } else {
            &stats.before_1900
        };
        findings.push(finding(
            &RULE,
            context,
            column_location(source, profile, index),
            &[
                ("file", &source.file),
                ("column", &name),
                ("problems", &problems.join("; ")),
            ],
            facts(
                source,
                Some(name),
                Some(stats.future.rows + stats.before_1900.rows),
                profile.rows,
            ),
            Some(hits),
        ));
    }
}
