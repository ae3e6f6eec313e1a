//! DC004 duplicate-id: two documents of the same kind, or two people, share an `id`.

use crate::finding::{Finding, Location};
use crate::i18n::Locale;
use crate::model::Located;
use crate::rules::Context;
use std::collections::HashMap;

declare_rule! {
    code: "DC004",
    name: "duplicate-id",
    severity: Error,
    check: check,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let inventory = context.inventory;
    let locale = context.locale;
    by_id(
        findings,
        locale,
        "organisation",
        &inventory.organisations,
        |d| d.id.as_str(),
    );
    by_id(findings, locale, "party", &inventory.parties, |d| {
        d.id.as_str()
    });
    by_id(findings, locale, "source", &inventory.sources, |d| {
        d.id.as_str()
    });
    by_id(
        findings,
        locale,
        "processing",
        &inventory.processings,
        |d| d.id.as_str(),
    );
    by_id(findings, locale, "policy", &inventory.policies, |d| {
        d.id.as_str()
    });
    let mut people: HashMap<&str, Location> = HashMap::new();
    for organisation in &inventory.organisations {
        for (index, person) in organisation.item.people.iter().enumerate() {
            let here = organisation.at(format!("/people/{index}/id"));
            match people.get(person.id.as_str()) {
                Some(first) => findings.push(duplicate(
                    locale,
                    "person",
                    person.id.as_str(),
                    here,
                    first.clone(),
                )),
                None => {
                    people.insert(person.id.as_str(), here);
                }
            }
        }
    }
}

/// `kind` is the last part of a `DC004.kind.*` key.
fn by_id<T>(
    findings: &mut Vec<Finding>,
    locale: Locale,
    kind: &str,
    items: &[Located<T>],
    id: impl Fn(&T) -> &str,
) {
    let mut seen: HashMap<&str, &Located<T>> = HashMap::new();
    for item in items {
        let key = id(&item.item);
        match seen.get(key) {
            Some(first) => findings.push(duplicate(
                locale,
                kind,
                key,
                item.at("/id"),
                first.at("/id"),
            )),
            None => {
                seen.insert(key, item);
            }
        }
    }
}

fn duplicate(locale: Locale, kind: &str, id: &str, here: Location, first: Location) -> Finding {
    let kind = crate::t!(locale, &format!("DC004.kind.{kind}"));
    RULE.finding(
        here,
        crate::t!(locale, "DC004.message", kind = kind, id = id),
    )
    .with_label(crate::t!(locale, "DC004.label"))
    .with_secondary(first, crate::t!(locale, "DC004.secondary"))
    .with_help(crate::t!(locale, "DC004.help", kind = kind))
}
