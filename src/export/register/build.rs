//! From a lint run (typed documents, policy tables, findings) to the [`Register`].

use super::labels::Vocabulary;
use super::model::{
    Archive, Art9Exception, Category, ConsentInfo, Controller, Dpia, Dpo, IdentifierInfo, Labelled,
    Measure, OpenFinding, PartyRef, PersonRef, Recipients, Register, RepresentativeInfo, Retention,
    Sheet, SourceRef, Status, StatusLevel, Summary, Transfer,
};
use crate::finding::{Finding, Severity};
use crate::i18n::Locale;
use crate::lint::Outcome;
use crate::model::{Inventory, Located, Processing, RetentionRule};
use crate::policy::PolicyTables;
use crate::t;

/// Codes of the findings that keep a document out of the typed inventory: when one is
/// present, the register misses whatever that document describes.
const UNREADABLE_CODES: &[&str] = &["DC001", "DC002", "DC003"];

/// Builds the register of a lint run, in `locale`, dated `date`, without lint status.
pub fn build(outcome: &Outcome, locale: Locale, date: jiff::civil::Date) -> Register {
    build_with(outcome, locale, date, false)
}

/// [`build`]; `with_findings` adds each processing's status and open findings (those of its
/// document, of its sources and of its parties).
pub fn build_with(
    outcome: &Outcome,
    locale: Locale,
    date: jiff::civil::Date,
    with_findings: bool,
) -> Register {
    let vocabulary = Vocabulary {
        policy: &outcome.policy,
        locale,
    };
    let inventory = &outcome.inventory;
    let numbers = stable_numbers(inventory.processings.iter().map(|p| p.item.id.as_str()));
    let mut processings: Vec<Sheet> = inventory
        .processings
        .iter()
        .zip(numbers)
        .map(|(processing, number)| {
            let mut sheet = sheet(processing, inventory, &vocabulary);
            sheet.number = number;
            if with_findings {
                let open = open_findings(processing, inventory, &outcome.findings);
                sheet.status = Some(status(&open, locale));
                sheet.findings = open
                    .iter()
                    .map(|finding| OpenFinding {
                        code: finding.code.clone(),
                        severity: Labelled {
                            id: finding.severity.as_str().to_owned(),
                            label: t!(locale, &format!("severity.{}", finding.severity)),
                        },
                        message: finding.message.clone(),
                    })
                    .collect();
            }
            sheet
        })
        .collect();
    processings.sort_by_key(|sheet| sheet.number);
    let count = |severity| {
        outcome
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    };
    let summary = Summary {
        processings: processings.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        incomplete: outcome
            .findings
            .iter()
            .any(|finding| UNREADABLE_CODES.contains(&finding.code.as_str())),
    };
    Register {
        version: 2,
        locale: locale.code(),
        date: date.to_string(),
        controller: controller(inventory, &vocabulary),
        dpo: dpo(inventory, locale),
        summary,
        processings,
        language: locale,
        with_findings,
    }
}

fn controller(inventory: &Inventory, vocabulary: &Vocabulary<'_>) -> Controller {
    let Some(organisation) = inventory.organisation() else {
        return Controller::default();
    };
    let organisation = &organisation.item;
    let contact = organisation.contact.clone().unwrap_or_default();
    Controller {
        id: Some(organisation.id.to_string()),
        name: organisation.name.clone(),
        legal_form: organisation
            .legal_form
            .map(|form| vocabulary.choice("legal_form", &form)),
        country: organisation.country.as_ref().map(ToString::to_string),
        address: contact.address,
        email: contact.email,
        phone: contact.phone,
        website: organisation.website.clone(),
        identifiers: organisation
            .identifiers
            .iter()
            .map(|identifier| IdentifierInfo {
                scheme: vocabulary.known("identifier", identifier.scheme.as_str()),
                value: identifier.value.clone(),
            })
            .collect(),
        representative: organisation.representative.as_ref().map(|representative| {
            RepresentativeInfo {
                name: representative.name.clone(),
                email: representative.email.clone(),
                address: representative.address.clone(),
                phone: representative.phone.clone(),
            }
        }),
    }
}

/// The DPO of the charter: a person of the staff directory or a party; the charter's own
/// `contact` wins over the person's or party's details (it is the published one).
fn dpo(inventory: &Inventory, locale: Locale) -> Option<Dpo> {
    let dpo = inventory.charter()?.item.dpo.as_ref()?;
    let contact = dpo.contact.clone().unwrap_or_default();
    let kind = |id: &str| Labelled {
        id: id.to_owned(),
        label: crate::i18n::format(locale, &format!("register.dpo_kind.{id}"), &[]),
    };
    let (kind, id, name, email, phone, address) = match (&dpo.person, &dpo.party) {
        (Some(person_id), _) => {
            let person = inventory
                .person(person_id.as_str())
                .map(|(person, _)| person);
            (
                kind("internal"),
                Some(person_id.to_string()),
                person.map(|p| p.name.clone()),
                person.and_then(|p| p.email.clone()),
                None,
                None,
            )
        }
        (None, Some(party_id)) => {
            let party = inventory.party(party_id.as_str()).map(|party| &party.item);
            let party_contact = party.and_then(|p| p.contact.clone()).unwrap_or_default();
            (
                kind("external"),
                Some(party_id.to_string()),
                party.map(|p| p.name.clone()),
                party_contact.email,
                party_contact.phone,
                party_contact.address,
            )
        }
        (None, None) => (kind("internal"), None, None, None, None, None),
    };
    Some(Dpo {
        kind,
        id,
        name,
        email: contact.email.or(email),
        phone: contact.phone.or(phone),
        address: contact.address.or(address),
    })
}

/// Sheet numbers from 100 to 999, each derived from its processing's id (FNV-1a), so that a
/// number never changes when another processing is added or removed; two ids that meet on
/// one number take the next free ones, in id order.
pub fn stable_numbers<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let ids: Vec<&str> = ids.collect();
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by_key(|&i| ids[i]);
    let mut taken = std::collections::BTreeSet::new();
    let mut numbers = vec![0; ids.len()];
    for i in order {
        let hash = ids[i]
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            });
        let mut number = 100 + (hash % 900) as u32;
        // Past 900 processings the numbers go on above 999.
        while !taken.insert(number) {
            number = if number == 999 && taken.len() < 900 {
                100
            } else {
                number + 1
            };
        }
        numbers[i] = number;
    }
    numbers
}

/// The findings of the processing's document, of its sources and of its parties.
fn open_findings<'f>(
    located: &Located<Processing>,
    inventory: &Inventory,
    findings: &'f [Finding],
) -> Vec<&'f Finding> {
    let processing = &located.item;
    let mut places: Vec<(String, Option<usize>)> =
        vec![(located.file.clone(), Some(located.document))];
    let mut party_ids: Vec<&str> = processing
        .processors
        .iter()
        .chain(&processing.joint_controllers)
        .map(|id| id.as_str())
        .collect();
    if let Some(recipients) = &processing.recipients {
        party_ids.extend(recipients.external.iter().map(|id| id.as_str()));
    }
    party_ids.extend(
        processing
            .transfers
            .iter()
            .filter_map(|t| t.recipient.as_ref())
            .map(|id| id.as_str()),
    );
    for id in &processing.sources {
        if let Some(source) = inventory.source(id.as_str()) {
            places.push((source.file.clone(), Some(source.document)));
            party_ids.extend(source.item.vendor.as_ref().map(|v| v.as_str()));
            party_ids.extend(
                source
                    .item
                    .hosting
                    .as_ref()
                    .and_then(|h| h.provider.as_ref())
                    .map(|p| p.as_str()),
            );
        }
    }
    for id in party_ids {
        if let Some(party) = inventory.party(id) {
            places.push((party.file.clone(), Some(party.document)));
        }
    }
    places.sort();
    places.dedup();
    findings
        .iter()
        .filter(|finding| {
            let document = match &finding.location.target {
                crate::finding::Target::Node { document, .. } => Some(*document),
                crate::finding::Target::Text { document, .. } => *document,
                crate::finding::Target::File => None,
            };
            places.iter().any(|(file, place)| {
                *file == finding.location.file && (document.is_none() || document == *place)
            })
        })
        .collect()
}

fn sheet(
    located: &Located<Processing>,
    inventory: &Inventory,
    vocabulary: &Vocabulary<'_>,
) -> Sheet {
    let processing = &located.item;
    let party = |id: &crate::model::Id| party_ref(inventory, id.as_str(), vocabulary.locale);
    let retention: Vec<Retention> = processing
        .retention
        .iter()
        .map(|rule| retention_rule(rule, vocabulary))
        .collect();
    let categories = processing
        .data_categories
        .iter()
        .map(|id| {
            let label = vocabulary.category(id.as_str()).label;
            let sensitive = vocabulary
                .policy
                .sensitivity(id.as_str())
                .map(|sensitivity| vocabulary.choice("sensitivity", &sensitivity));
            let retention = processing
                .retention
                .iter()
                .zip(&retention)
                .filter(|(rule, _)| rule_covers(rule, id.as_str()))
                .map(|(_, shown)| shown.summary.clone())
                .collect();
            let mut descriptions: Vec<&str> = Vec::new();
            for source in processing
                .sources
                .iter()
                .filter_map(|source| inventory.source(source.as_str()))
            {
                for field in &source.item.fields {
                    // A field says what it holds in its description, else by its name.
                    let what = field.description.as_deref().unwrap_or(&field.name);
                    if PolicyTables::covers(id.as_str(), field.category.as_str())
                        && !descriptions.contains(&what)
                    {
                        descriptions.push(what);
                    }
                }
            }
            Category {
                id: id.to_string(),
                label,
                description: (!descriptions.is_empty()).then(|| descriptions.join(", ")),
                sensitive,
                retention,
            }
        })
        .collect();
    Sheet {
        id: processing.id.to_string(),
        number: 0,
        name: processing.name.clone(),
        file: located.file.clone(),
        partial: inventory.is_partial(&located.file, located.document),
        status: None,
        findings: Vec::new(),
        consent: processing.consent.as_ref().map(|consent| ConsentInfo {
            mechanism: consent
                .mechanism
                .map(|mechanism| vocabulary.choice("consent_mechanism", &mechanism)),
            record: consent.record.clone(),
            withdrawal: consent.withdrawal.clone(),
            explicit: consent.explicit == Some(true),
            parental: consent.parental,
        }),
        joint_controllers: processing.joint_controllers.iter().map(party).collect(),
        purpose: processing
            .purpose
            .as_ref()
            .map(|id| vocabulary.purpose(id.as_str())),
        description: processing.description.clone(),
        legal_basis: processing
            .legal_basis
            .map(|basis| vocabulary.choice("legal_basis", &basis)),
        legitimate_interest_assessment: processing.legitimate_interest_assessment.clone(),
        data_subjects: processing
            .data_subjects
            .iter()
            .map(|id| vocabulary.subject(id.as_str()))
            .collect(),
        categories,
        art9_exception: processing
            .art9_exception
            .as_ref()
            .map(|exception| Art9Exception {
                basis: vocabulary.choice("art9", &exception.basis),
                description: exception.description.clone(),
                reference: exception.reference.clone(),
            }),
        sources: processing
            .sources
            .iter()
            .map(|id| SourceRef {
                id: id.to_string(),
                name: inventory.source(id.as_str()).map(|s| s.item.name.clone()),
            })
            .collect(),
        recipients: processing
            .recipients
            .as_ref()
            .map(|recipients| Recipients {
                declared: true,
                internal: recipients
                    .internal
                    .iter()
                    .map(|id| vocabulary.function(id.as_str()))
                    .collect(),
                external: recipients.external.iter().map(party).collect(),
            })
            .unwrap_or_default(),
        processors: processing.processors.iter().map(party).collect(),
        transfers: processing
            .transfers
            .iter()
            .map(|transfer| Transfer {
                country: transfer.country.as_ref().map(ToString::to_string),
                country_name: transfer
                    .country
                    .as_ref()
                    .map(|code| crate::i18n::format::country(vocabulary.locale, code.as_str())),
                recipient: transfer.recipient.as_ref().map(party),
                safeguard: transfer
                    .safeguard
                    .map(|safeguard| vocabulary.choice("safeguard", &safeguard)),
                derogation: transfer
                    .derogation
                    .map(|derogation| vocabulary.choice("derogation", &derogation)),
                regular: transfer.regular,
                reference: transfer.reference.clone(),
                description: transfer.description.clone(),
            })
            .collect(),
        retention,
        security: processing
            .security
            .iter()
            .map(|measure| {
                let Labelled { id, label } = vocabulary.known("security", measure.as_str());
                let group = vocabulary.policy.risk.security_group(measure.as_str()).id();
                Measure {
                    id,
                    label,
                    group: vocabulary.known("security_group", group),
                }
            })
            .collect(),
        dpia: processing.dpia.as_ref().map(|dpia| Dpia {
            status: vocabulary.choice("dpia_status", &dpia.status),
            date: dpia.date.map(|date| date.to_string()),
            reason: dpia.reason.clone(),
            reference: dpia.reference.clone(),
        }),
        owner: processing.owner.as_ref().map(|id| {
            let person = inventory.person(id.as_str()).map(|(person, _)| person);
            PersonRef {
                id: id.to_string(),
                name: person.map(|p| p.name.clone()),
                email: person.and_then(|p| p.email.clone()),
            }
        }),
        created: processing.created.map(|date| date.to_string()),
        last_reviewed: processing.last_reviewed.map(|date| date.to_string()),
    }
}

fn party_ref(inventory: &Inventory, id: &str, locale: Locale) -> PartyRef {
    let party = inventory.party(id).map(|party| &party.item);
    let words = |date: &crate::model::Date| crate::i18n::format::date(locale, date.civil());
    let contract = party.and_then(|p| p.dpa.as_ref()).map(|dpa| {
        let mut parts: Vec<String> = dpa.reference.iter().cloned().collect();
        if let Some(signed) = &dpa.signed {
            parts.push(t!(locale, "register.sheet.signed", date = words(signed)));
        }
        if let Some(expires) = &dpa.expires {
            parts.push(t!(locale, "register.sheet.expires", date = words(expires)));
        }
        parts.join(", ")
    });
    PartyRef {
        id: id.to_owned(),
        name: party.map(|p| p.name.clone()),
        country_name: party
            .and_then(|p| p.country.as_ref())
            .map(|code| crate::i18n::format::country(locale, code.as_str())),
        contact: party
            .and_then(|p| p.contact.as_ref())
            .and_then(|c| c.email.clone()),
        contract: contract.filter(|text| !text.is_empty()),
        arrangement: party.and_then(|p| p.arrangement.clone()),
        country: party.and_then(|p| p.country.as_ref().map(ToString::to_string)),
    }
}

/// A rule covers a category when it lists no category (all of them), lists the category or an
/// ancestor of it, or lists a part of it (a rule on `transaction.order` says something about
/// a processing that declares `transaction`).
fn rule_covers(rule: &RetentionRule, category: &str) -> bool {
    rule.categories.is_empty()
        || rule.categories.iter().any(|listed| {
            PolicyTables::covers(listed.as_str(), category)
                || PolicyTables::covers(category, listed.as_str())
        })
}

fn retention_rule(rule: &RetentionRule, vocabulary: &Vocabulary<'_>) -> Retention {
    let locale = vocabulary.locale;
    let from = rule.from.map(|start| vocabulary.choice("start", &start));
    let then = rule.then.map(|end| vocabulary.choice("end", &end));
    let duration = vocabulary.duration(&rule.duration);
    // The phrase depends on the event ("du débit", "de la collecte"): one template each.
    let mut parts = vec![match &from {
        Some(start) => crate::i18n::format(
            locale,
            &format!("register.retention.since.{}", start.id),
            &[("duration", &duration)],
        ),
        None => duration,
    }];
    // An archive stage says "then intermediate archive for 9 years", which replaces the bare
    // "then archiving".
    match (&rule.archive, &then) {
        (Some(archive), _) => {
            parts.push(t!(
                locale,
                "register.retention.archive",
                duration = vocabulary.duration(&archive.duration)
            ));
            if let Some(access) = &archive.access {
                parts.push(t!(
                    locale,
                    "register.retention.archive_access",
                    access = access
                ));
            }
        }
        (None, Some(end)) => parts.push(t!(locale, "register.retention.then", end = end.label)),
        (None, None) => {}
    }
    if let Some(text) = &rule.justification {
        parts.push(t!(locale, "register.retention.justification", text = text));
    }
    Retention {
        categories: rule
            .categories
            .iter()
            .map(|id| vocabulary.category(id.as_str()))
            .collect(),
        duration: rule.duration.to_string(),
        from,
        then,
        archive: rule.archive.as_ref().map(|archive| Archive {
            duration: archive.duration.to_string(),
            access: archive.access.clone(),
        }),
        justification: rule.justification.clone(),
        summary: parts.join(", "),
    }
}

/// The findings located in the processing's document (or on its whole file).
fn status(mine: &[&Finding], locale: Locale) -> Status {
    let mut status = Status::default();
    for finding in mine.iter() {
        match finding.severity {
            Severity::Error => status.errors += 1,
            Severity::Warning => status.warnings += 1,
            Severity::Info => status.infos += 1,
        }
    }
    (status.level, status.label) = if status.errors > 0 {
        (
            StatusLevel::Errors,
            t!(locale, "register.status.errors", count = status.errors),
        )
    } else if status.warnings > 0 {
        (
            StatusLevel::Warnings,
            t!(locale, "register.status.warnings", count = status.warnings),
        )
    } else {
        (StatusLevel::Ok, t!(locale, "register.status.ok"))
    };
    status
}
