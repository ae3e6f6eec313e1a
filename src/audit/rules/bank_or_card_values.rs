//! DA203 bank-or-card-values: IBANs (mod 97) or card numbers (Luhn, unmasked) in a column not
//! declared `payment.*`, or card numbers stored unmasked.

use super::{
    AuditRule, Example, column_location, columns, declared_category, facts, finding, read_export,
};
use crate::audit::{AuditContext, SourceAudit};
use crate::finding::{Finding, Severity};
use crate::policy::PolicyTables;
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA203",
    name: "bank-or-card-values",
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
        failing: "E-mail;nom;code_postal;derniere_venue;commentaires\nanne@example.org;Anne Martin;69001;2026-03-14;FR76 3000 6000 0112 3456 7890 189\n",
        passing: super::CLEAN,
    },
};

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some((profile, _)) = read_export(source) else {
        return;
    };
    let locale = context.options.locale;
    for (index, name, stats) in columns(profile) {
        let declared = declared_category(source, profile, index);
        let payment = declared.is_some_and(|c| PolicyTables::covers("payment", c));
        let free = declared.is_none() || profile.plans[index].scan_contacts;
        for (hits, kind) in [(&stats.ibans, "iban"), (&stats.cards, "card")] {
            let unmasked_card = kind == "card" && payment;
            if (payment && !unmasked_card)
                || !super::national_id_values::enough(
                    free || unmasked_card,
                    hits.rows,
                    stats.filled,
                )
            {
                continue;
            }
            let what = crate::t!(locale, &format!("DA203.{kind}"));
            findings.push(finding(
                &RULE,
                context,
                column_location(source, profile, index),
                &[
                    ("file", &source.file),
                    ("column", &name),
                    ("rows", &hits.rows),
                    ("what", &what),
                ],
                facts(source, Some(name), Some(hits.rows), profile.rows),
                Some(hits),
            ));
        }
    }
}
