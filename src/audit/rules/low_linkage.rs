//! DA501 low-linkage (`--link`): few persons of one source are found in the other.

use super::{AuditRule, Example, export_location, facts, finding, linkage_for};
use crate::audit::{AuditContext, SourceAudit, percent};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA501",
    name: "low-linkage",
    family: Family::Audit,
    severity: Severity::Warning,
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
        failing: "link:E-mail;code_postal;telephone\na@example.org;69001;06 12 34 56 78\nb@example.org;69002;\nc@example.org;69003;\n=====E-mail;code_postal;telephone\nx@example.org;69001;\ny@example.org;69002;\nc@example.org;69003;\n",
        passing: "link:E-mail;code_postal;telephone\na@example.org;69001;\nb@example.org;69002;\n=====E-mail;code_postal;telephone\na@example.org;69001;\nb@example.org;69002;\n",
    },
};

/// The share of the smaller source that must be found in the other (a datacharter default: 50 %).
const EXPECTED_PERCENT: u64 = 50;

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some(linkage) = linkage_for(context, source) else {
        return;
    };
    let Some(other) = context.sources.get(1) else {
        return;
    };
    let (a, b) = linkage.persons;
    let (found_a, found_b) = linkage.found;
    // The smaller source should be found in the larger one.
    let (found, of) = if a <= b { (found_a, a) } else { (found_b, b) };
    if of == 0 || found * 100 >= of * EXPECTED_PERCENT {
        return;
    }
    let locale = context.options.locale;
    findings.push(
        finding(
            &RULE,
            context,
            export_location(source),
            &[
                ("first", &source.source.item.id),
                ("second", &other.source.item.id),
                ("ab", &percent(found_a, a, locale)),
                ("ba", &percent(found_b, b, locale)),
            ],
            facts(source, None, Some(found), of),
            None,
        )
        .with_secondary(
            super::export_location(other),
            crate::t!(locale, "DA501.secondary"),
        ),
    );
}
