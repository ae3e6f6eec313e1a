//! DA503 inconsistent-formats (`--link`): one logical field is written differently in the two
//! sources (`06…` against `+33…`, day-first against ISO dates).

use super::{AuditRule, Example, export_location, facts, finding, linkage_for, read_export};
use crate::audit::profile::ColumnStats;
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA503",
    name: "inconsistent-formats",
    family: Family::Audit,
    severity: Severity::Info,
    docs: Docs {
        failing: super::LINK_WORKSPACE,
        passing: super::LINK_WORKSPACE,
    },
    check: None,
    source: file!(),
};

pub static AUDIT: AuditRule = AuditRule {
    rule: &RULE,
    check,
    example: Example {
        workspace: super::LINK_WORKSPACE,
        source: "contacts",
        failing: "link:E-mail;code_postal;telephone\na@example.org;69001;06 12 34 56 78\n=====E-mail;code_postal;telephone\na@example.org;69001;+33 6 12 34 56 78\n",
        passing: "link:E-mail;code_postal;telephone\na@example.org;69001;06 12 34 56 78\n=====E-mail;code_postal;telephone\na@example.org;69001;06 12 34 56 78\n",
    },
};

/// The most used phone and date writings of the columns of a category.
fn styles(source: &SourceAudit<'_>, category: &str) -> Option<String> {
    let (profile, _) = read_export(source)?;
    let column = source
        .source
        .item
        .fields
        .iter()
        .zip(&source.field_columns)
        .find_map(|(field, column)| {
            crate::policy::PolicyTables::covers(category, field.category.as_str())
                .then_some(*column)
                .flatten()
        })?;
    let stats: &ColumnStats = &profile.columns[column];
    let phone = stats
        .phone_styles
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(s, _)| format!("{s:?}"));
    let date = stats
        .date_styles
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(s, _)| format!("{s:?}"));
    phone.or(date)
}

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    if linkage_for(context, source).is_none() {
        return;
    }
    let Some(other) = context.sources.get(1) else {
        return;
    };
    for category in ["identity.phone", "identity.birth-date"] {
        let (Some(mine), Some(theirs)) = (styles(source, category), styles(other, category)) else {
            continue;
        };
        if mine == theirs {
            continue;
        }
        findings.push(finding(
            &RULE,
            context,
            export_location(source),
            &[
                ("first", &source.source.item.id),
                ("second", &other.source.item.id),
                ("category", &category),
            ],
            facts(source, None, None, 0),
            None,
        ));
    }
}
