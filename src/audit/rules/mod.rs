//! The DA rules: one rule, one file, with its documented example (a source, a failing export and
//! a passing one) next to its check; `REGISTRY` is their one table.
//!
//! A parallel registry rather than rows of the lint registry: DA checks read profiles of data
//! files, not the typed documents, so their check type differs; and the lint registry is held
//! to the DC catalogue code for code. Both share [`Rule`] (code, name, severity, docs), so
//! selection, severities, suppressions and every report format treat DA codes like DC codes.

mod bank_or_card_values;
mod category_contradicted;
mod column_mostly_empty;
mod column_used_by_no_processing;
mod contact_data_in_undeclared_place;
mod copy_of_a_source;
mod declared_field_absent;
mod dialect_mismatch;
mod duplicate_persons;
mod encoding_mismatch;
mod export_in_repository;
mod export_stale;
mod export_unreadable;
mod field_incomplete;
mod implausible_dates;
mod inconsistent_across_sources;
mod inconsistent_formats;
mod low_linkage;
mod national_id_values;
mod rows_past_retention;
mod sensitive_column_name;
mod sensitive_words_in_free_text;
mod undeclared_column;
mod undeclared_spreadsheet;

use super::profile::{ColumnStats, Hits, Profile};
use super::read::Notes;
use super::{AuditContext, SourceAudit, millionths};
use crate::finding::{AuditFacts, Finding, Location};
use crate::rules::{Rule, Selection};

/// A DA check: one source's audit, pushing findings.
pub type Check = fn(&AuditContext<'_>, &SourceAudit<'_>, &mut Vec<Finding>);

/// A documented example: a workspace (YAML documents), the source audited, and two exports.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    pub workspace: &'static str,
    pub source: &'static str,
    /// The export on which the rule fires…
    pub failing: &'static str,
    /// …and the same, fixed.
    pub passing: &'static str,
}

pub struct AuditRule {
    pub rule: &'static Rule,
    pub check: Check,
    pub example: Example,
}

/// Every DA rule, in code order.
pub static REGISTRY: &[&AuditRule] = &[
    &export_unreadable::AUDIT,
    &dialect_mismatch::AUDIT,
    &encoding_mismatch::AUDIT,
    &export_in_repository::AUDIT,
    &undeclared_column::AUDIT,
    &declared_field_absent::AUDIT,
    &sensitive_column_name::AUDIT,
    &sensitive_words_in_free_text::AUDIT,
    &national_id_values::AUDIT,
    &bank_or_card_values::AUDIT,
    &contact_data_in_undeclared_place::AUDIT,
    &category_contradicted::AUDIT,
    &field_incomplete::AUDIT,
    &column_mostly_empty::AUDIT,
    &rows_past_retention::AUDIT,
    &export_stale::AUDIT,
    &duplicate_persons::AUDIT,
    &implausible_dates::AUDIT,
    &low_linkage::AUDIT,
    &inconsistent_across_sources::AUDIT,
    &inconsistent_formats::AUDIT,
    &column_used_by_no_processing::AUDIT,
    &undeclared_spreadsheet::AUDIT,
    &copy_of_a_source::AUDIT,
];

/// The rule of a DA code.
pub fn find(code: &str) -> Option<&'static AuditRule> {
    REGISTRY.iter().copied().find(|rule| rule.rule.code == code)
}

/// The DA rules as plain rules (SARIF's rule table, JUnit's cases, `rule DA201`).
pub fn rules() -> Vec<&'static Rule> {
    REGISTRY.iter().map(|rule| rule.rule).collect()
}

/// Runs the selected rules on every source, in registry order then source order.
pub fn run(context: &AuditContext<'_>, selection: &Selection) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in REGISTRY
        .iter()
        .filter(|rule| selection.is_enabled(rule.rule.code))
    {
        for source in &context.sources {
            (rule.check)(context, source, &mut findings);
        }
    }
    findings
}

/// The profile and notes of a source whose export was read.
pub(crate) fn read_export<'s>(
    source: &'s SourceAudit<'_>,
) -> Option<(&'s Profile<'static>, &'s Notes)> {
    source
        .outcome
        .as_ref()
        .ok()
        .map(|(profile, notes)| (profile, notes))
}

/// Where a finding on the export as a whole points: its `export:` node (the source's root
/// when the export was given on the command line only).
pub(crate) fn export_location(source: &SourceAudit<'_>) -> Location {
    if source.source.item.export.is_some() {
        source.source.at("/export")
    } else {
        source.source.at("")
    }
}

/// Where a finding on a column points: its field's node, else the `export:` node.
pub(crate) fn column_location(
    source: &SourceAudit<'_>,
    profile: &Profile<'_>,
    column: usize,
) -> Location {
    match profile.plans.get(column).and_then(|plan| plan.field) {
        Some(field) => source.source.at(format!("/fields/{field}")),
        None => export_location(source),
    }
}

/// The evidence of a finding on a column (or on the file, without one).
pub(crate) fn facts(
    source: &SourceAudit<'_>,
    column: Option<&str>,
    rows: Option<u64>,
    total: u64,
) -> AuditFacts {
    AuditFacts {
        file: source.file.clone(),
        column: column.map(str::to_owned),
        rows,
        ratio: rows.map(|rows| millionths(rows, total)),
        row_numbers: Vec::new(),
    }
}

/// A finding with its evidence, and with `--show rows` the row numbers of `hits` after the
/// message.
pub(crate) fn finding(
    rule: &Rule,
    context: &AuditContext<'_>,
    location: Location,
    args: &[(&str, &dyn std::fmt::Display)],
    mut facts: AuditFacts,
    hits: Option<&Hits>,
) -> Finding {
    let locale = context.options.locale;
    let mut finding = rule.localized(locale, location, args);
    if context.options.show_rows
        && let Some(hits) = hits
        && !hits.sample.is_empty()
    {
        facts.row_numbers = hits.sample.clone();
        let list: Vec<String> = hits.sample.iter().map(u64::to_string).collect();
        let more = if hits.rows > hits.sample.len() as u64 {
            "…"
        } else {
            ""
        };
        finding.message.push_str(&crate::t!(
            locale,
            "audit.rows",
            rows = format!("{}{more}", list.join(", "))
        ));
    }
    finding.with_audit(facts)
}

/// Every column with its name and counts.
pub(crate) fn columns<'p>(
    profile: &'p Profile<'_>,
) -> impl Iterator<Item = (usize, &'p str, &'p ColumnStats)> {
    profile
        .headers
        .iter()
        .zip(&profile.columns)
        .enumerate()
        .map(|(index, (name, stats))| (index, name.as_str(), stats))
}

/// The category a column's field declares.
pub(crate) fn declared_category<'s>(
    source: &'s SourceAudit<'_>,
    profile: &Profile<'_>,
    column: usize,
) -> Option<&'s str> {
    let field = profile.plans.get(column)?.field?;
    source
        .source
        .item
        .fields
        .get(field)
        .map(|f| f.category.as_str())
}

/// A category suggested for a column by the taxonomy's keywords on its name, else by its values.
pub fn suggest_category(
    policy: &crate::policy::PolicyTables,
    name: &str,
    stats: &ColumnStats,
) -> Option<String> {
    let words = crate::rules::sensitive::words(name);
    if crate::audit::vocabulary::builtin().is_some_and(|v| v.is_price_name(&words)) {
        return Some("transaction.order".to_owned());
    }
    let by_name = policy
        .categories
        .iter()
        .find(|(_, entry)| {
            entry
                .keywords
                .iter()
                .any(|k| crate::rules::sensitive::name_contains(&words, k))
        })
        .map(|(id, _)| id.clone());
    by_name.or_else(|| {
        let most = |hits: &Hits| stats.filled > 0 && hits.rows * 2 > stats.filled;
        if most(&stats.emails) {
            Some("identity.email".to_owned())
        } else if most(&stats.phones) {
            Some("identity.phone".to_owned())
        } else if most(&stats.nirs) {
            Some("national-id".to_owned())
        } else if most(&stats.ibans) {
            Some("payment.iban".to_owned())
        } else if most(&stats.cards) {
            Some("payment.card-number".to_owned())
        } else {
            None
        }
    })
}

/// The workspace of the documented examples: a contact spreadsheet and the newsletter that
/// uses it.
pub const WORKSPACE: &str = "kind: source\nid: contacts\nname: Fichier des contacts\ntype: spreadsheet\ndata_subjects: [spectators]\nexport: { path: contacts.csv, format: csv, delimiter: \";\" }\nfields:\n  - { name: email, category: identity.email, column: E-mail, required: 90% }\n  - { name: nom, category: identity.name }\n  - { name: code_postal, category: identity.postal-address, required: 50% }\n  - { name: derniere_venue, category: transaction.order, marks: last-contact }\n  - { name: commentaires, category: relationship.requests, free_text: true }\n---\nkind: processing\nid: newsletter\nname: Lettre d'information\npurpose: newsletter\nlegal_basis: consent\ndata_subjects: [spectators]\ndata_categories: [identity.email, identity.name, identity.postal-address, transaction.order, relationship.requests]\nsources: [contacts]\nretention:\n  - { duration: 3y, from: last-contact, then: delete }\n";

/// The example export that every rule but its own leaves silent.
pub const CLEAN: &str = "E-mail;nom;code_postal;derniere_venue;commentaires\nanne@example.org;Anne Martin;69001;2026-03-14;place près de l'allée\nbruno@example.org;Bruno Petit;69002;2026-02-01;\ncarla@example.org;Carla Roux;69003;2025-11-20;abonnée depuis 2019\n";

/// The workspace of the `--link` examples: a ticketing export and the CRM, both about the
/// same spectators.
pub const LINK_WORKSPACE: &str = "kind: source\nid: contacts\nname: Billetterie\ntype: ticketing\ndata_subjects: [spectators]\nexport: { path: contacts.csv, format: csv, delimiter: \";\" }\nfields:\n  - { name: email, category: identity.email, column: E-mail }\n  - { name: code_postal, category: identity.postal-address }\n  - { name: telephone, category: identity.phone }\n---\nkind: source\nid: partners\nname: CRM\ntype: crm\ndata_subjects: [spectators]\nexport: { path: partners.csv, format: csv, delimiter: \";\" }\nfields:\n  - { name: email, category: identity.email, column: E-mail }\n  - { name: code_postal, category: identity.postal-address }\n  - { name: telephone, category: identity.phone }\n";

/// The linkage, reported once (on the first source) when `--link` ran.
pub(crate) fn linkage_for<'c>(
    context: &'c AuditContext<'_>,
    source: &SourceAudit<'_>,
) -> Option<&'c super::link::Linkage> {
    let first = context.sources.first()?;
    if !std::ptr::eq(first, source) {
        return None;
    }
    context.linkage.as_ref()
}

/// The evidence of a `discover` finding: the file, and how many of its columns.
pub(crate) fn facts_for_file(file: &str, columns: u64, total: u64) -> AuditFacts {
    AuditFacts {
        file: file.to_owned(),
        column: None,
        rows: Some(columns),
        ratio: Some(millionths(columns, total)),
        row_numbers: Vec::new(),
    }
}

/// The check of the rules that `discover` emits itself.
pub(crate) fn emitted_by_discover(_: &AuditContext<'_>, _: &SourceAudit<'_>, _: &mut Vec<Finding>) {
}

/// The workspace of the `discover` examples.
pub const DISCOVER_WORKSPACE: &str = "kind: source\nid: contacts\nname: Fichier des contacts\ntype: spreadsheet\ndata_subjects: [spectators]\nexport: { path: contacts.csv }\nfields:\n  - { name: email, category: identity.email }\n  - { name: nom, category: identity.name }\n  - { name: telephone, category: identity.phone }\n  - { name: ville, category: identity.postal-address }\n";
