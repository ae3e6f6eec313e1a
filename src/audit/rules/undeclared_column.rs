//! DA101 undeclared-column: a column of the export matches no declared field ("shadow data").

use super::{
    AuditRule, Example, columns, export_location, facts, finding, read_export, suggest_category,
};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA101",
    name: "undeclared-column",
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
        failing: "E-mail;nom;code_postal;derniere_venue;commentaires;date_naissance\nanne@example.org;Anne Martin;69001;2026-03-14;;1980-04-02\n",
        passing: super::CLEAN,
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    let locale = context.options.locale;
    for (index, name, stats) in columns(profile) {
        if profile.plans[index].field.is_some()
            || stats.filled == 0
            || super::sensitive_column_name::sensitive_match(context, source, name).is_some()
        {
            continue;
        }
        let suggestion = match suggest_category(context.policy, name, stats) {
            Some(category) => crate::t!(locale, "DA101.suggestion", category = category),
            None => String::new(),
        };
        findings.push(finding(
            &RULE,
            context,
            export_location(source),
            &[
                ("file", &source.file),
                ("column", &name),
                ("filled", &stats.filled),
                ("source", &source.source.item.id),
                ("suggestion", &suggestion),
            ],
            facts(source, Some(name), Some(stats.filled), profile.rows),
            None,
        ));
    }
}
