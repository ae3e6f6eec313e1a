//! DA205 category-contradicted: a column's values do not match its declared category (an
//! `identity.email` column with under 90 % valid emails).

use super::{
    AuditRule, Example, column_location, columns, declared_category, facts, finding, read_export,
};
use crate::audit::{AuditContext, SourceAudit, percent};
use crate::finding::{Finding, Severity};
use crate::policy::PolicyTables;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA205",
    name: "category-contradicted",
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
        failing: "E-mail;nom;code_postal;derniere_venue;commentaires\nanne@example.org;Anne Martin;69001;2026-03-14;\n04 78 00 00 00;Bruno Petit;69002;2026-02-01;\nvoir fiche papier;Carla Roux;69003;2025-11-20;\n",
        passing: super::CLEAN,
    },
};

/// The share of valid values a category's column must reach (a datacharter default: 90 %).
const EXPECTED: u64 = 90;

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    let locale = context.options.locale;
    for (index, name, stats) in columns(profile) {
        let Some(declared) = declared_category(source, profile, index) else {
            continue;
        };
        let valid = [
            ("identity.email", stats.emails.rows),
            ("identity.phone", stats.phones.rows),
            ("national-id", stats.nirs.rows),
            ("payment.iban", stats.ibans.rows),
            ("identity.birth-date", stats.dates),
        ]
        .into_iter()
        .find(|(category, _)| PolicyTables::covers(category, declared));
        let Some((_, valid)) = valid else { continue };
        if stats.filled == 0 || valid * 100 >= stats.filled * EXPECTED {
            continue;
        }
        let invalid = stats.filled - valid;
        findings.push(finding(
            &RULE,
            context,
            column_location(source, profile, index),
            &[
                ("file", &source.file),
                ("column", &name),
                ("category", &declared),
                ("share", &percent(valid, stats.filled, locale)),
                ("invalid", &invalid),
            ],
            facts(source, Some(name), Some(invalid), profile.rows),
            None,
        ));
    }
}
