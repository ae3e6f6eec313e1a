//! The register as a document outline — headings, key/value fields, lists, tables — with every
//! word already in the register's language. Markdown and HTML are two serialisations of this
//! one outline, so they cannot drift apart.

use super::model::{Category, Register, Sheet, StatusLevel};
use crate::i18n::{Locale, format};
use crate::model::SecurityGroup;
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
    /// `--with-findings`: the open findings, one part per processing, after the sheets.
    pub annex: Option<(String, Vec<SheetOutline>)>,
    /// The running footer of printed pages: controller and edition date.
    pub footer: String,
    /// `Page ` and ` of ` around the page numbers.
    pub page_words: (String, String),
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
            .map(|sheet| sheet_outline(register, sheet))
            .collect(),
        annex: register.with_findings.then(|| annex(register)),
        footer: t!(
            locale,
            "register.cover.footer",
            controller = register
                .controller
                .name
                .clone()
                .unwrap_or_else(|| t!(locale, "register.not_specified")),
            date = format::date_text(locale, &register.date)
        ),
        page_words: (
            t!(locale, "register.cover.page"),
            t!(locale, "register.cover.of"),
        ),
    }
}

/// The `--with-findings` annex: each processing's open findings (its own, its sources' and its
/// parties'), apart from the register itself.
fn annex(register: &Register) -> (String, Vec<SheetOutline>) {
    let locale = register.language;
    let parts = register
        .processings
        .iter()
        .map(|sheet| {
            let mut blocks = Vec::new();
            if sheet.findings.is_empty() {
                blocks.push(Block::Paragraph(t!(locale, "register.sheet.annex_none")));
            } else {
                blocks.push(Block::Table {
                    headers: vec![
                        t!(locale, "register.cover.status"),
                        t!(locale, "register.sheet.reference"),
                        t!(locale, "register.sheet.description"),
                    ],
                    rows: sheet
                        .findings
                        .iter()
                        .map(|finding| {
                            vec![
                                Cell::text(finding.severity.label.clone()),
                                Cell::text(finding.code.clone()),
                                Cell::text(finding.message.clone()),
                            ]
                        })
                        .collect(),
                });
            }
            SheetOutline {
                anchor: format!("annex-{}", sheet.id),
                title: sheet_title(locale, sheet),
                blocks,
            }
        })
        .collect();
    let intro = t!(
        locale,
        "register.sheet.annex_intro",
        date = format::date_text(locale, &register.date)
    );
    (
        format!("{}\n{intro}", t!(locale, "register.sheet.annex")),
        parts,
    )
}

fn sheet_title(locale: Locale, sheet: &Sheet) -> String {
    t!(
        locale,
        "register.sheet.title",
        number = sheet.number,
        name = sheet.name
    )
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
            field(
                "register.cover.identifiers",
                controller.identifiers_display(),
            ),
            field(
                "register.cover.country",
                controller
                    .country
                    .as_ref()
                    .map(|code| format::country(locale, code)),
            ),
            (
                t!(locale, "register.cover.dpo"),
                Cell::text(match &register.dpo {
                    Some(dpo) => dpo.display(),
                    None => t!(locale, "register.cover.dpo_none"),
                }),
            ),
            field(
                "register.cover.date",
                Some(format::date_text(locale, &register.date)),
            ),
            field(
                "register.cover.count",
                Some(register.summary.processings.to_string()),
            ),
        ]),
        Block::Section(t!(locale, "register.cover.processings")),
    ];
    // Art. 27 concerns only a controller established outside the Union: the line is shown
    // when the workspace names a representative, after the controller's own details.
    if let (Some(representative), Some(Block::Fields(fields))) =
        (&controller.representative, blocks.get_mut(1))
    {
        let country = t!(locale, "register.cover.country");
        let at = fields
            .iter()
            .position(|(label, _)| *label == country)
            .map_or(fields.len(), |index| index + 1);
        fields.insert(
            at,
            (
                t!(locale, "register.cover.representative"),
                Cell::text(representative.display()),
            ),
        );
    }
    if register.summary.incomplete {
        blocks.push(Block::Warning(t!(locale, "register.cover.incomplete")));
    }
    if register.processings.is_empty() {
        blocks.push(Block::Paragraph(t!(locale, "register.cover.no_processing")));
    } else {
        let mut headers = vec![
            "register.cover.number",
            "register.cover.name",
            "register.cover.purpose",
            "register.cover.legal_basis",
        ];
        if register.with_findings {
            headers.push("register.cover.status");
        }
        blocks.push(Block::Table {
            headers: headers.iter().map(|key| t!(locale, key)).collect(),
            rows: register
                .processings
                .iter()
                .map(|sheet| {
                    let mut row = vec![
                        Cell::text(sheet.number.to_string()),
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
                    ];
                    row.extend(sheet.status.as_ref().map(status_cell));
                    row
                })
                .collect(),
        });
    }
    blocks.push(Block::Paragraph(t!(
        locale,
        "register.generated",
        date = format::date_text(locale, &register.date)
    )));
    blocks
}

fn status_cell(status: &super::model::Status) -> Cell {
    Cell {
        text: status.label.clone(),
        anchor: None,
        status: Some(status.level),
    }
}

fn sheet_outline(register: &Register, sheet: &Sheet) -> SheetOutline {
    let locale = register.language;
    let section = |key: &str| Block::Section(t!(locale, key));
    let mut blocks = Vec::new();
    if sheet.partial {
        blocks.push(Block::Warning(t!(locale, "register.sheet.partial")));
    }
    let mut header = vec![
        (
            t!(locale, "register.sheet.reference"),
            Cell::text(sheet.id.clone()),
        ),
        (
            t!(locale, "register.sheet.owner"),
            Cell::text(or_unspecified(
                locale,
                sheet.owner.as_ref().map(|owner| owner.display()),
            )),
        ),
        (
            t!(locale, "register.sheet.created"),
            Cell::text(or_unspecified(
                locale,
                sheet
                    .created
                    .as_ref()
                    .map(|date| format::date_text(locale, date)),
            )),
        ),
        (
            t!(locale, "register.sheet.last_review"),
            Cell::text(or_unspecified(
                locale,
                sheet
                    .last_reviewed
                    .as_ref()
                    .map(|date| format::date_text(locale, date)),
            )),
        ),
    ];
    if let Some(status) = &sheet.status {
        header.push((t!(locale, "register.sheet.lint"), status_cell(status)));
    }
    blocks.push(Block::Fields(header));

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
    for party in &sheet.joint_controllers {
        let mut parts = vec![party.display()];
        if let Some(contact) = &party.contact {
            parts.push(format!(
                "{}{} {contact}",
                t!(locale, "register.sheet.contact"),
                t!(locale, "register.colon")
            ));
        }
        if let Some(arrangement) = &party.arrangement {
            parts.push(format!(
                "{}{} {arrangement}",
                t!(locale, "register.sheet.arrangement"),
                t!(locale, "register.colon")
            ));
        }
        actors.push((
            t!(locale, "register.sheet.joint_controllers"),
            Cell::text(parts.join(" — ")),
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
    if let Some(consent) = &sheet.consent {
        blocks.push(section("register.sheet.consent"));
        let mut fields = vec![
            (
                t!(locale, "register.sheet.consent_given"),
                Cell::text(or_unspecified(
                    locale,
                    consent.mechanism.as_ref().map(|m| m.label.clone()),
                )),
            ),
            (
                t!(locale, "register.sheet.consent_record"),
                Cell::text(or_unspecified(locale, consent.record.clone())),
            ),
            (
                t!(locale, "register.sheet.consent_withdrawal"),
                Cell::text(or_unspecified(locale, consent.withdrawal.clone())),
            ),
        ];
        for (flag, key) in [
            (consent.explicit, "register.sheet.consent_explicit"),
            (consent.parental, "register.sheet.consent_parental"),
        ] {
            if flag {
                fields.push((
                    t!(locale, key),
                    Cell::text(t!(locale, "register.answer_yes")),
                ));
            }
        }
        blocks.push(Block::Fields(fields));
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
                t!(locale, "register.sheet.category_description"),
                t!(locale, "register.sheet.retention"),
            ],
            rows: ordinary
                .iter()
                .map(|category| {
                    vec![
                        category_cell(category),
                        description_cell(category),
                        retention_cell(locale, category),
                    ]
                })
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
                t!(locale, "register.sheet.category_description"),
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
                        description_cell(category),
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
    ]));
    if sheet.processors.is_empty() {
        blocks.push(Block::Fields(vec![(
            t!(locale, "register.sheet.processors"),
            Cell::text(t!(locale, "register.none")),
        )]));
    } else {
        blocks.push(Block::Table {
            headers: vec![
                t!(locale, "register.sheet.processors"),
                t!(locale, "register.sheet.processor_contract"),
            ],
            rows: sheet
                .processors
                .iter()
                .map(|party| {
                    vec![
                        Cell::text(party.display()),
                        Cell::text(or_unspecified(locale, party.contract.clone())),
                    ]
                })
                .collect(),
        });
    }

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
                        Cell::text(or_unspecified(
                            locale,
                            transfer
                                .country_name
                                .clone()
                                .or_else(|| transfer.country.clone()),
                        )),
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

    blocks.push(section("register.sheet.retention_by_rule"));
    if sheet.retention.is_empty() {
        blocks.push(Block::Paragraph(t!(locale, "register.not_specified")));
    } else {
        blocks.push(Block::Table {
            headers: vec![
                t!(locale, "register.sheet.retention_rule"),
                t!(locale, "register.sheet.retention_categories"),
            ],
            rows: sheet
                .retention
                .iter()
                .map(|rule| {
                    let categories = if rule.categories.is_empty() {
                        t!(locale, "register.sheet.retention_all")
                    } else {
                        rule.categories
                            .iter()
                            .map(|c| c.label.clone())
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    vec![Cell::text(rule.summary.clone()), Cell::text(categories)]
                })
                .collect(),
        });
    }

    blocks.push(section("register.sheet.security"));
    if sheet.security.is_empty() {
        blocks.push(Block::Paragraph(t!(locale, "register.none")));
    } else {
        // In the order of the CNIL model register; the groups come from the governance pack.
        let fields = SecurityGroup::ALL
            .iter()
            .filter_map(|group| {
                let measures: Vec<&str> = sheet
                    .security
                    .iter()
                    .filter(|m| m.group.id == group.id())
                    .map(|m| m.label.as_str())
                    .collect();
                (!measures.is_empty()).then(|| {
                    (
                        t!(locale, &format!("register.security_group.{}", group.id())),
                        Cell::text(measures.join(", ")),
                    )
                })
            })
            .collect();
        blocks.push(Block::Fields(fields));
    }

    blocks.push(section("register.sheet.dpia"));
    match &sheet.dpia {
        None => blocks.push(Block::Paragraph(t!(locale, "register.not_specified"))),
        Some(dpia) => {
            let mut fields = vec![(
                t!(locale, "register.sheet.dpia_status"),
                Cell::text(dpia.status.label.clone()),
            )];
            let date = dpia
                .date
                .as_ref()
                .map(|date| format::date_text(locale, date));
            let optional = [
                ("register.sheet.dpia_date", &date),
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
        title: sheet_title(locale, sheet),
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

fn description_cell(category: &Category) -> Cell {
    Cell::text(category.description.clone().unwrap_or_default())
}

fn retention_cell(locale: Locale, category: &Category) -> Cell {
    if category.retention.is_empty() {
        Cell::text(t!(locale, "register.not_specified"))
    } else {
        Cell::text(category.retention.join("; "))
    }
}
