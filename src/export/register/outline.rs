//! The register as a document outline — headings, key/value fields, lists, tables — with every
//! word already in the register's language. Markdown and HTML are two serialisations of this
//! one outline, so they cannot drift apart.

use super::model::{Category, Register, Sheet, StatusLevel};
use crate::i18n::Locale;
use crate::t;

/// The whole document: a cover, then one sheet per processing.
#[derive(Debug, Clone)]
pub struct Outline {
    /// `en` or `fr`, for the HTML `lang` attribute.
    pub lang: &'static str,
    pub title: String,
    pub subtitle: String,
    pub cover: Vec<Block>,
    pub sheets: Vec<SheetOutline>,
}

/// One processing's sheet.
#[derive(Debug, Clone)]
pub struct SheetOutline {
    /// The processing id: an HTML anchor the cover links to.
    pub anchor: String,
    /// `1. Vente de billets`
    pub title: String,
    pub blocks: Vec<Block>,
}

/// A piece of text with what a renderer may show it with.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    /// Link to a sheet (its anchor).
    pub anchor: Option<String>,
    /// A lint status, which HTML colours.
    pub status: Option<StatusLevel>,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    /// A section heading inside the cover or a sheet.
    Section(String),
    /// Label → value lines.
    Fields(Vec<(String, Cell)>),
    List(Vec<String>),
    Table {
        headers: Vec<String>,
        rows: Vec<Vec<Cell>>,
    },
    Paragraph(String),
    /// Something the reader must not miss (the register is incomplete).
    Warning(String),
}

pub fn outline(register: &Register) -> Outline {
    let locale = register.language;
    Outline {
        lang: register.locale,
        title: t!(locale, "register.title"),
        subtitle: t!(locale, "register.subtitle"),
        cover: cover(register),
        sheets: register
            .processings
            .iter()
            .enumerate()
            .map(|(index, sheet)| sheet_outline(register, index + 1, sheet))
            .collect(),
    }
}

/// `value`, or `not specified` when there is none.
fn or_unspecified(locale: Locale, value: Option<String>) -> String {
    value
        .filter(|text| !text.trim().is_empty())
        .unwrap_or_else(|| t!(locale, "register.not_specified"))
}

/// The items joined by commas, or `none`.
fn joined_or_none(locale: Locale, items: Vec<String>) -> String {
    if items.is_empty() {
        t!(locale, "register.none")
    } else {
        items.join(", ")
    }
}

fn cover(register: &Register) -> Vec<Block> {
    let locale = register.language;
    let controller = &register.controller;
    let field = |key: &str, value: Option<String>| {
        (t!(locale, key), Cell::text(or_unspecified(locale, value)))
    };
    let mut blocks = vec![
        Block::Section(t!(locale, "register.cover.organisation")),
        Block::Fields(vec![
            field("register.cover.controller", controller.name.clone()),
            field(
                "register.cover.legal_form",
                controller
                    .legal_form
                    .as_ref()
                    .map(|form| form.label.clone()),
            ),
            field("register.cover.address", controller.address.clone()),
            field("register.cover.email", controller.email.clone()),
            field("register.cover.phone", controller.phone.clone()),
            field("register.cover.website", controller.website.clone()),
            field("register.cover.country", controller.country.clone()),
            (
                t!(locale, "register.cover.dpo"),
                Cell::text(match &register.dpo {
                    Some(dpo) => dpo.display(),
                    None => t!(locale, "register.cover.dpo_none"),
                }),
            ),
            field("register.cover.date", Some(register.date.clone())),
            field(
                "register.cover.count",
                Some(register.summary.processings.to_string()),
            ),
        ]),
        Block::Section(t!(locale, "register.cover.processings")),
    ];
    if register.summary.incomplete {
        blocks.push(Block::Warning(t!(locale, "register.cover.incomplete")));
    }
    if register.processings.is_empty() {
        blocks.push(Block::Paragraph(t!(locale, "register.cover.no_processing")));
    } else {
        blocks.push(Block::Table {
            headers: [
                "register.cover.number",
                "register.cover.name",
                "register.cover.purpose",
                "register.cover.legal_basis",
                "register.cover.status",
            ]
            .iter()
            .map(|key| t!(locale, key))
            .collect(),
            rows: register
                .processings
                .iter()
                .enumerate()
                .map(|(index, sheet)| {
                    vec![
                        Cell::text((index + 1).to_string()),
                        Cell {
                            text: sheet.name.clone(),
                            anchor: Some(sheet.id.clone()),
                            status: None,
                        },
                        Cell::text(or_unspecified(
                            locale,
                            sheet.purpose.as_ref().map(|p| p.label.clone()),
                        )),
                        Cell::text(or_unspecified(
                            locale,
                            sheet.legal_basis.as_ref().map(|b| b.label.clone()),
                        )),
                        status_cell(sheet),
                    ]
                })
                .collect(),
        });
    }
    blocks.push(Block::Paragraph(t!(
        locale,
        "register.generated",
        date = register.date
    )));
    blocks
}

fn status_cell(sheet: &Sheet) -> Cell {
    Cell {
        text: sheet.status.label.clone(),
        anchor: None,
        status: Some(sheet.status.level),
    }
}

fn sheet_outline(register: &Register, number: usize, sheet: &Sheet) -> SheetOutline {
    let locale = register.language;
    let section = |key: &str| Block::Section(t!(locale, key));
    let mut blocks = vec![Block::Fields(vec![
        (
            t!(locale, "register.sheet.reference"),
            Cell::text(sheet.id.clone()),
        ),
        (
            t!(locale, "register.sheet.file"),
            Cell::text(sheet.file.clone()),
        ),
        (
            t!(locale, "register.sheet.owner"),
            Cell::text(or_unspecified(
                locale,
                sheet.owner.as_ref().map(|owner| owner.display()),
            )),
        ),
        (
            t!(locale, "register.sheet.last_review"),
            Cell::text(or_unspecified(locale, sheet.last_reviewed.clone())),
        ),
        (t!(locale, "register.sheet.lint"), status_cell(sheet)),
    ])];

    blocks.push(section("register.sheet.actors"));
    let mut actors = vec![
        (
            t!(locale, "register.sheet.controller"),
            Cell::text(or_unspecified(locale, Some(register.controller.display()))),
        ),
        (
            t!(locale, "register.sheet.dpo"),
            Cell::text(match &register.dpo {
                Some(dpo) => dpo.display(),
                None => t!(locale, "register.cover.dpo_none"),
            }),
        ),
    ];
    if !sheet.joint_controllers.is_empty() {
        actors.push((
            t!(locale, "register.sheet.joint_controllers"),
            Cell::text(
                sheet
                    .joint_controllers
                    .iter()
                    .map(|party| party.display())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ));
    }
    blocks.push(Block::Fields(actors));

    blocks.push(section("register.sheet.purpose"));
    blocks.push(Block::Fields(vec![
        (
            t!(locale, "register.sheet.purpose_label"),
            Cell::text(or_unspecified(
                locale,
                sheet.purpose.as_ref().map(|p| p.label.clone()),
            )),
        ),
        (
            t!(locale, "register.sheet.description"),
            Cell::text(or_unspecified(locale, sheet.description.clone())),
        ),
    ]));

    blocks.push(section("register.sheet.legal_basis"));
    blocks.push(Block::Paragraph(or_unspecified(
        locale,
        sheet.legal_basis.as_ref().map(|b| b.label.clone()),
    )));
    if let Some(assessment) = &sheet.legitimate_interest_assessment {
        blocks.push(Block::Paragraph(assessment.clone()));
    }

    blocks.push(section("register.sheet.subjects"));
    blocks.push(list_or_none(
        locale,
        sheet
            .data_subjects
            .iter()
            .map(|s| s.label.clone())
            .collect(),
    ));

    blocks.push(section("register.sheet.categories"));
    let ordinary: Vec<&Category> = sheet.ordinary_categories().collect();
    if ordinary.is_empty() {
        blocks.push(Block::Paragraph(t!(locale, "register.none")));
    } else {
        blocks.push(Block::Table {
            headers: vec![
                t!(locale, "register.sheet.category"),
                t!(locale, "register.sheet.retention"),
            ],
            rows: ordinary
                .iter()
                .map(|category| vec![category_cell(category), retention_cell(locale, category)])
                .collect(),
        });
    }

    blocks.push(section("register.sheet.sensitive"));
    let sensitive: Vec<&Category> = sheet.sensitive_categories().collect();
    if sensitive.is_empty() {
        blocks.push(Block::Paragraph(t!(
            locale,
            "register.sheet.sensitive_none"
        )));
    } else {
        blocks.push(Block::Table {
            headers: vec![
                t!(locale, "register.sheet.category"),
                t!(locale, "register.sheet.sensitivity"),
                t!(locale, "register.sheet.retention"),
            ],
            rows: sensitive
                .iter()
                .map(|category| {
                    let nature = category
                        .sensitive
                        .as_ref()
                        .map(|s| s.label.clone())
                        .unwrap_or_default();
                    vec![
                        category_cell(category),
                        Cell::text(nature),
                        retention_cell(locale, category),
                    ]
                })
                .collect(),
        });
    }
    if let Some(exception) = &sheet.art9_exception {
        let detail = [
            Some(exception.basis.label.clone()),
            exception.description.clone(),
            exception.reference.clone(),
        ];
        blocks.push(Block::Fields(vec![(
            t!(locale, "register.sheet.art9_exception"),
            Cell::text(detail.into_iter().flatten().collect::<Vec<_>>().join(" — ")),
        )]));
    }

    blocks.push(section("register.sheet.sources"));
    blocks.push(list_or_none(
        locale,
        sheet
            .sources
            .iter()
            .map(|source| source.display())
            .collect(),
    ));

    blocks.push(section("register.sheet.recipients"));
    let recipients = &sheet.recipients;
    let internal = if recipients.declared {
        joined_or_none(
            locale,
            recipients
                .internal
                .iter()
                .map(|f| f.label.clone())
                .collect(),
        )
    } else {
        t!(locale, "register.not_specified")
    };
    let external = if recipients.declared {
        joined_or_none(
            locale,
            recipients.external.iter().map(|p| p.display()).collect(),
        )
    } else {
        t!(locale, "register.not_specified")
    };
    blocks.push(Block::Fields(vec![
        (t!(locale, "register.sheet.internal"), Cell::text(internal)),
        (t!(locale, "register.sheet.external"), Cell::text(external)),
        (
            t!(locale, "register.sheet.processors"),
            Cell::text(joined_or_none(
                locale,
                sheet.processors.iter().map(|p| p.display()).collect(),
            )),
        ),
    ]));

    blocks.push(section("register.sheet.transfers"));
    if sheet.transfers.is_empty() {
        blocks.push(Block::Paragraph(t!(
            locale,
            "register.sheet.transfers_none"
        )));
    } else {
        blocks.push(Block::Table {
            headers: vec![
                t!(locale, "register.sheet.country"),
                t!(locale, "register.sheet.recipient"),
                t!(locale, "register.sheet.safeguard"),
                t!(locale, "register.sheet.safeguard_reference"),
                t!(locale, "register.sheet.regular"),
            ],
            rows: sheet
                .transfers
                .iter()
                .map(|transfer| {
                    let regular = if transfer.regular {
                        "register.answer_yes"
                    } else {
                        "register.answer_no"
                    };
                    vec![
                        Cell::text(or_unspecified(locale, transfer.country.clone())),
                        Cell::text(or_unspecified(
                            locale,
                            transfer.recipient.as_ref().map(|p| p.display()),
                        )),
                        Cell::text(or_unspecified(locale, transfer.safeguard_display())),
                        Cell::text(or_unspecified(locale, transfer.reference.clone())),
                        Cell::text(t!(locale, regular)),
                    ]
                })
                .collect(),
        });
    }

    blocks.push(section("register.sheet.security"));
    blocks.push(list_or_none(
        locale,
        sheet.security.iter().map(|m| m.label.clone()).collect(),
    ));

    blocks.push(section("register.sheet.dpia"));
    match &sheet.dpia {
        None => blocks.push(Block::Paragraph(t!(locale, "register.not_specified"))),
        Some(dpia) => {
            let mut fields = vec![(
                t!(locale, "register.sheet.dpia_status"),
                Cell::text(dpia.status.label.clone()),
            )];
            let optional = [
                ("register.sheet.dpia_date", &dpia.date),
                ("register.sheet.dpia_reason", &dpia.reason),
                ("register.sheet.dpia_reference", &dpia.reference),
            ];
            for (key, value) in optional {
                if let Some(value) = value {
                    fields.push((t!(locale, key), Cell::text(value.clone())));
                }
            }
            blocks.push(Block::Fields(fields));
        }
    }

    SheetOutline {
        anchor: sheet.id.clone(),
        title: format!("{number}. {}", sheet.name),
        blocks,
    }
}

fn list_or_none(locale: Locale, items: Vec<String>) -> Block {
    if items.is_empty() {
        Block::Paragraph(t!(locale, "register.none"))
    } else {
        Block::List(items)
    }
}

fn category_cell(category: &Category) -> Cell {
    Cell::text(category.label.clone())
}

fn retention_cell(locale: Locale, category: &Category) -> Cell {
    if category.retention.is_empty() {
        Cell::text(t!(locale, "register.not_specified"))
    } else {
        Cell::text(category.retention.join("; "))
    }
}
