//! DA204 contact-data-in-undeclared-place: emails or phone numbers in a column declared as
//! another category, or inside free text.

use super::{
    AuditRule, Example, column_location, columns, declared_category, facts, finding, read_export,
};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::policy::PolicyTables;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA204",
    name: "contact-data-in-undeclared-place",
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
        failing: "E-mail;nom;code_postal;derniere_venue;commentaires\nanne@example.org;Anne Martin;69001;2026-03-14;rappeler au 06 12 34 56 78\nbruno@example.org;Bruno Petit;69002;2026-02-01;sa fille: lea@example.net\ncarla@example.org;Carla Roux;69003;2025-11-20;portable +33 7 11 22 33 44\n",
        passing: super::CLEAN,
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    let locale = context.options.locale;
    let min = context.options.min_count;
    for (index, name, stats) in columns(profile) {
        let Some(declared) = declared_category(source, profile, index) else {
            continue;
        };
        let holds = |category: &str| {
            PolicyTables::covers(declared, category) || PolicyTables::covers(category, declared)
        };
        let candidates = [
            (&stats.emails, !holds("identity.email"), "email"),
            (&stats.phones, !holds("identity.phone"), "phone"),
            (
                &stats.contacts_in_text,
                profile.plans[index].scan_contacts,
                "in-text",
            ),
        ];
        // One finding per column: whole-cell contacts first, then contacts inside text.
        let Some((hits, _, kind)) = candidates
            .into_iter()
            .find(|(hits, applies, _)| *applies && hits.rows >= min)
        else {
            continue;
        };
        let what = crate::t!(locale, &format!("DA204.{kind}"));
        findings.push(finding(
            &RULE,
            context,
            column_location(source, profile, index),
            &[
                ("file", &source.file),
                ("column", &name),
                ("rows", &hits.rows),
                ("what", &what),
                ("category", &declared),
            ],
            facts(source, Some(name), Some(hits.rows), profile.rows),
            Some(hits),
        ));
    }
}
