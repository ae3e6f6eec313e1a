//! DA502 inconsistent-across-sources (`--link`): persons found in both sources disagree on an
//! attribute (postal code, phone).

use super::{AuditRule, Example, export_location, facts, finding, linkage_for};
use crate::audit::{AuditContext, SourceAudit, percent};
use crate::finding::{Finding, Severity};
use crate::rules::{Docs, Family, Rule};

pub static RULE: Rule = Rule {
    code: "DA502",
    name: "inconsistent-across-sources",
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
        failing: "link:E-mail;code_postal;telephone\na@example.org;69001;\nb@example.org;69002;\n=====E-mail;code_postal;telephone\na@example.org;75011;\nb@example.org;69002;\n",
        passing: "link:E-mail;code_postal;telephone\na@example.org;69001;\nb@example.org;69002;\n=====E-mail;code_postal;telephone\na@example.org;69001;\nb@example.org;69002;\n",
    },
};

/// The share of matched persons that may disagree (a datacharter default: 5 %).
const TOLERATED_PERCENT: u64 = 5;

fn check(context: &AuditContext<'_>, source: &SourceAudit<'_>, findings: &mut Vec<Finding>) {
    let Some(linkage) = linkage_for(context, source) else {
        return;
    };
    let Some(other) = context.sources.get(1) else {
        return;
    };
    let locale = context.options.locale;
    for (what, disagree, compared) in [
        ("postal", linkage.postal_disagree, linkage.postal_compared),
        ("phone", linkage.phone_disagree, linkage.phone_compared),
    ] {
        if compared == 0 || disagree * 100 <= compared * TOLERATED_PERCENT {
            continue;
        }
        let attribute = crate::t!(locale, &format!("DA502.{what}"));
        findings.push(finding(
            &RULE,
            context,
            export_location(source),
            &[
                ("first", &source.source.item.id),
                ("second", &other.source.item.id),
                ("rows", &disagree),
                ("share", &percent(disagree, compared, locale)),
                ("attribute", &attribute),
            ],
            facts(source, None, Some(disagree), compared),
            None,
        ));
    }
}
