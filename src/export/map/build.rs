//! Builds the matrix from a lint outcome and places each finding on the cell it concerns.
//!
//! Findings speak in (file, JSON pointer). A pointer into a source's `/fields/N` concerns the
//! cell (source, category of field N); any other pointer into a source concerns its column.
//! A pointer to a processing's category (`/data_categories/N`, `/retention/N/categories/M`)
//! concerns the cells of that category in the processing's sources: the ones that hold it, or,
//! when none does (DC801), the empty cells where it was expected.

use super::{Cell, DataMap, Family, Flag, Row, SourceColumn};
use crate::finding::Finding;
use crate::i18n::Locale;
use crate::lint::Outcome;
use crate::model::{Inventory, Located, Processing, Source, SourceType};
use crate::policy::{PolicyTables, builtin_packs};
use std::collections::{BTreeMap, HashMap};

/// Columns follow the guide's table: ticketing, CRM, website and analytics, marketing
/// platform, spreadsheets; then the tools it does not show.
const COLUMN_ORDER: [SourceType; 10] = [
    SourceType::Ticketing,
    SourceType::Crm,
    SourceType::Website,
    SourceType::Analytics,
    SourceType::Emailing,
    SourceType::Spreadsheet,
    SourceType::SocialNetwork,
    SourceType::Survey,
    SourceType::Accounting,
    SourceType::Other,
];

impl DataMap {
    /// The data map of a linted workspace, labelled in `locale`, dated `date`.
    pub fn build(outcome: &Outcome, locale: Locale, date: jiff::civil::Date) -> DataMap {
        let inventory = &outcome.inventory;
        let policy = &outcome.policy;
        let mut sources: Vec<&Located<Source>> = inventory.sources.iter().collect();
        sources.sort_by_key(|source| column_rank(source.item.source_type));

        let mut columns: Vec<SourceColumn> = sources
            .iter()
            .map(|source| column(source, inventory, locale))
            .collect();
        // (category, column) → cell; categories appear as sources hold them or findings need them.
        let mut cells: BTreeMap<String, Vec<Cell>> = BTreeMap::new();
        for (at, source) in sources.iter().enumerate() {
            for field in &source.item.fields {
                let row = cells
                    .entry(field.category.as_str().to_owned())
                    .or_insert_with(|| vec![Cell::default(); sources.len()]);
                row[at].fields.push(field.name.clone());
            }
        }
        for finding in &outcome.findings {
            place(finding, &sources, inventory, &mut columns, &mut cells);
        }

        let order = declaration_order(inventory);
        let mut families: Vec<Family> = Vec::new();
        let mut categories: Vec<(String, Vec<Cell>)> = cells.into_iter().collect();
        categories.sort_by(|(a, _), (b, _)| rank(&order, a).cmp(&rank(&order, b)));
        for (category, row_cells) in categories {
            let family_id = family_of(&category).to_owned();
            let row = Row {
                label: label(policy, &category, locale),
                sensitivity: policy.sensitivity(&category),
                category,
                cells: row_cells,
            };
            match families.last_mut() {
                Some(family) if family.id == family_id => family.rows.push(row),
                _ => families.push(Family {
                    label: label(policy, &family_id, locale),
                    id: family_id,
                    rows: vec![row],
                }),
            }
        }
        let processing_list: Vec<(String, String)> = inventory
            .processings
            .iter()
            .map(|p| (p.item.id.as_str().to_owned(), p.item.name.clone()))
            .collect();
        let mut declared: Vec<&str> = inventory
            .processings
            .iter()
            .flat_map(|p| p.item.data_categories.iter().map(|c| c.as_str()))
            .collect();
        declared.sort_by(|a, b| rank(&order, a).cmp(&rank(&order, b)).then(a.cmp(b)));
        declared.dedup();
        let processing_rows = declared
            .into_iter()
            .map(|category| {
                let uses = inventory
                    .processings
                    .iter()
                    .map(|p| {
                        p.item
                            .data_categories
                            .iter()
                            .any(|c| c.as_str() == category)
                    })
                    .collect();
                (label(policy, category, locale), uses)
            })
            .collect();
        DataMap {
            locale,
            organisation: inventory.organisation().and_then(|o| o.item.name.clone()),
            date,
            sources: columns,
            families,
            processings: processing_list,
            processing_rows,
        }
    }
}

fn column_rank(kind: SourceType) -> usize {
    COLUMN_ORDER
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(COLUMN_ORDER.len())
}

fn column(source: &Located<Source>, inventory: &Inventory, locale: Locale) -> SourceColumn {
    let id = source.item.id.as_str();
    let processings = inventory
        .processings
        .iter()
        .filter(|p| p.item.sources.iter().any(|s| s.as_str() == id))
        .map(|p| (p.item.id.as_str().to_owned(), p.item.name.clone()))
        .collect();
    // The serde name (`social-network`) is the catalogue key.
    let kind = serde_json::to_value(source.item.source_type)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default();
    let vendor = source.item.vendor.as_ref().map(|vendor| {
        inventory
            .party(vendor.as_str())
            .map_or_else(|| vendor.to_string(), |party| party.item.name.clone())
    });
    SourceColumn {
        id: id.to_owned(),
        name: source.item.name.clone(),
        kind: crate::i18n::format(locale, &format!("map.source_type.{kind}"), &[]),
        accessible: source.item.accessible,
        country: source
            .item
            .hosting
            .as_ref()
            .and_then(|hosting| hosting.country.as_ref())
            .map(|code| crate::i18n::format::country(locale, code.as_str())),
        vendor,
        partial: inventory.is_partial(&source.file, source.document),
        processings,
        flags: Vec::new(),
    }
}

/// Puts a finding on the cells (or the column) it concerns; findings about anything else
/// (the organisation, the charter, parties) are not part of the map.
fn place(
    finding: &Finding,
    sources: &[&Located<Source>],
    inventory: &Inventory,
    columns: &mut [SourceColumn],
    cells: &mut BTreeMap<String, Vec<Cell>>,
) {
    let location = &finding.location;
    let (Some(document), Some(pointer)) = (location.document(), location.pointer()) else {
        return;
    };
    let segments: Vec<&str> = pointer.split('/').skip(1).collect();
    let flag = Flag {
        code: finding.code.clone(),
        name: finding.name.clone(),
        severity: finding.severity,
        message: finding.message.clone(),
    };
    let same_document = |file: &str, index: usize| file == location.file && index == document;

    if let Some(at) = sources
        .iter()
        .position(|s| same_document(&s.file, s.document))
    {
        let field = match segments.as_slice() {
            ["fields", index, ..] => index
                .parse::<usize>()
                .ok()
                .and_then(|i| sources[at].item.fields.get(i)),
            _ => None,
        };
        match field {
            Some(field) => flag_cell(cells, field.category.as_str(), at, &flag, sources.len()),
            None => add(&mut columns[at].flags, flag),
        }
        return;
    }
    let Some(processing) = inventory
        .processings
        .iter()
        .find(|p| same_document(&p.file, p.document))
    else {
        return;
    };
    if let Some(category) = processing_category(&processing.item, &segments) {
        flag_processing_category(cells, sources, &processing.item, category, &flag);
    }
}

/// The category a pointer into a processing designates, if it designates one.
fn processing_category<'p>(processing: &'p Processing, segments: &[&str]) -> Option<&'p str> {
    let index = |text: &str| text.parse::<usize>().ok();
    let category = match segments {
        ["data_categories", i, ..] => processing.data_categories.get(index(i)?)?,
        ["retention", r, "categories", i, ..] => processing
            .retention
            .get(index(r)?)?
            .categories
            .get(index(i)?)?,
        _ => return None,
    };
    Some(category.as_str())
}

/// Flags the processing's sources' cells related to `category`: those held (the finding is
/// about data the source has), or when no source holds it, the empty cells of `category`
/// itself in each of the processing's sources (the data is used but nowhere in the map).
fn flag_processing_category(
    cells: &mut BTreeMap<String, Vec<Cell>>,
    sources: &[&Located<Source>],
    processing: &Processing,
    category: &str,
    flag: &Flag,
) {
    let columns: Vec<usize> = processing
        .sources
        .iter()
        .filter_map(|id| sources.iter().position(|s| s.item.id == *id))
        .collect();
    let related =
        |held: &str| PolicyTables::covers(category, held) || PolicyTables::covers(held, category);
    let mut placed = false;
    for (held, row) in cells.iter_mut() {
        if !related(held) {
            continue;
        }
        for &at in &columns {
            if row[at].held() {
                add(&mut row[at].flags, flag.clone());
                placed = true;
            }
        }
    }
    if !placed {
        for &at in &columns {
            flag_cell(cells, category, at, flag, sources.len());
        }
    }
}

fn flag_cell(
    cells: &mut BTreeMap<String, Vec<Cell>>,
    category: &str,
    at: usize,
    flag: &Flag,
    width: usize,
) {
    let row = cells
        .entry(category.to_owned())
        .or_insert_with(|| vec![Cell::default(); width]);
    add(&mut row[at].flags, flag.clone());
}

/// A finding placed twice on one cell (through two pointers) is listed once.
fn add(flags: &mut Vec<Flag>, flag: Flag) {
    if !flags.contains(&flag) {
        flags.push(flag);
    }
}

/// The position of each category id in the packs, in the order they are read: the built-in
/// taxonomy follows the guide's table, a workspace's own categories come after it.
fn declaration_order(inventory: &Inventory) -> HashMap<String, usize> {
    let builtin = builtin_packs().map(<[_]>::iter).unwrap_or_default();
    let own = inventory.policies.iter().map(|p| &p.item);
    let mut order = HashMap::new();
    for category in builtin.chain(own).flat_map(|pack| &pack.categories) {
        let next = order.len();
        order.entry(category.id.as_str().to_owned()).or_insert(next);
    }
    order
}

/// Sort key of a category: its family's position, then its own; unknown ids last, by name.
fn rank<'c>(order: &HashMap<String, usize>, category: &'c str) -> (usize, usize, &'c str) {
    let position = |id: &str| order.get(id).copied().unwrap_or(usize::MAX);
    (position(family_of(category)), position(category), category)
}

fn family_of(category: &str) -> &str {
    category.split('.').next().unwrap_or(category)
}

/// The taxonomy's label of a category in `locale`; its id when the taxonomy has none.
fn label(policy: &PolicyTables, category: &str, locale: Locale) -> String {
    match policy.categories.get(category) {
        Some(entry) => match locale {
            Locale::En => entry.label.en.clone(),
            Locale::Fr => entry.label.fr.clone(),
        },
        None => category.to_owned(),
    }
}
