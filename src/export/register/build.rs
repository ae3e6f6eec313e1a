//! From a lint run (typed documents, policy tables, findings) to the [`Register`].

use super::labels::Vocabulary;
use super::model::{
    Archive, Art9Exception, Category, Controller, Dpia, Dpo, Labelled, PartyRef, PersonRef,
    Recipients, Register, Retention, Sheet, SourceRef, Status, StatusLevel, Summary, Transfer,
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

/// Builds the register of a lint run, in `locale`, dated `date`.
pub fn build(outcome: &Outcome, locale: Locale, date: jiff::civil::Date) -> Register {
    let vocabulary = Vocabulary {
        policy: &outcome.policy,
        locale,
    };
    let inventory = &outcome.inventory;
    let processings: Vec<Sheet> = inventory
        .processings
        .iter()
        .map(|processing| sheet(processing, inventory, &vocabulary, &outcome.findings))
        .collect();
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
        version: 1,
        locale: locale.code(),
        date: date.to_string(),
        controller: controller(inventory, &vocabulary),
        dpo: dpo(inventory, locale),
        summary,
        processings,
        language: locale,
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

fn sheet(
    located: &Located<Processing>,
    inventory: &Inventory,
    vocabulary: &Vocabulary<'_>,
    findings: &[Finding],
) -> Sheet {
    let processing = &located.item;
    let party = |id: &crate::model::Id| party_ref(inventory, id.as_str());
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
            Category {
                id: id.to_string(),
                label,
                sensitive,
                retention,
            }
        })
        .collect();
    Sheet {
        id: processing.id.to_string(),
        name: processing.name.clone(),
        file: located.file.clone(),
        status: status(located, findings, vocabulary.locale),
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
            .map(|measure| vocabulary.known("security", measure.as_str()))
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
        last_reviewed: processing.last_reviewed.map(|date| date.to_string()),
    }
}

fn party_ref(inventory: &Inventory, id: &str) -> PartyRef {
    let party = inventory.party(id).map(|party| &party.item);
    PartyRef {
        id: id.to_owned(),
        name: party.map(|p| p.name.clone()),
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
fn status(located: &Located<Processing>, findings: &[Finding], locale: Locale) -> Status {
    let mine = findings.iter().filter(|finding| {
        finding.location.file == located.file
            && finding
                .location
                .document()
                .is_none_or(|document| document == located.document)
    });
    let mut status = Status::default();
    for finding in mine {
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
