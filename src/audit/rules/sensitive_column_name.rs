//! DA103 sensitive-column-name: an undeclared column's name points to Art. 9, Art. 10 or
//! national-id data that the source does not declare.

use super::{AuditRule, Example, columns, export_location, facts, finding, read_export};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::policy::PolicyTables;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA103",
    name: "sensitive-column-name",
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
        failing: "E-mail;nom;code_postal;derniere_venue;commentaires;allergies\nanne@example.org;Anne Martin;69001;2026-03-14;;\n",
        passing: super::CLEAN,
    },
};

/// The sensitive category an undeclared column's name points to, unless the source declares it.
pub(super) fn sensitive_match(
    context: &AuditContext<'_>,
    source: &SourceAudit<'_>,
    name: &str,
) -> Option<String> {
    let words = crate::rules::sensitive::words(name);
    // `tarif_handicap` is a price, not a disability.
    if crate::audit::vocabulary::builtin().is_some_and(|v| v.is_price_name(&words)) {
        return None;
    }
    let policy = context.policy;
    let (category, _) = policy.categories.iter().find(|(id, entry)| {
        policy.sensitivity(id).is_some()
            && entry
                .keywords
                .iter()
                .any(|k| crate::rules::sensitive::name_contains(&words, k))
    })?;
    let declared = source
        .source
        .item
        .fields
        .iter()
        .any(|f| PolicyTables::covers(category, f.category.as_str()));
    (!declared).then(|| category.clone())
}

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    for (index, name, stats) in columns(profile) {
        if profile.plans[index].field.is_some() {
            continue;
        }
        let Some(category) = sensitive_match(context, source, name) else {
            continue;
        };
        findings.push(finding(
            &RULE,
            context,
            export_location(source),
            &[
                ("file", &source.file),
                ("column", &name),
                ("category", &category),
                ("filled", &stats.filled),
            ],
            facts(source, Some(name), Some(stats.filled), profile.rows),
            None,
        ));
    }
}
