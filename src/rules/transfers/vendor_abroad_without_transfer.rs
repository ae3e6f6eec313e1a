//! DC607 vendor-abroad-without-transfer: a source is hosted or supplied outside the EEA, but a
//! processing using it declares no transfer there.

use super::in_eea;
use crate::finding::{Finding, Location};
use crate::i18n::{Locale, format};
use crate::model::{Located, Source, Transfer};
use crate::rules::Context;
use std::collections::{HashMap, HashSet};

declare_rule! {
    code: "DC607",
    name: "vendor-abroad-without-transfer",
    severity: Warning,
    check: check,
}

/// A reason a source's data leaves the EEA.
struct Abroad<'a> {
    country: &'a str,
    /// The party established or hosting there, if it is a party.
    party: Option<&'a str>,
    /// In words, in the run's language: "hosted in US", "whose vendor `x` is established in US".
    reason: String,
    location: Location,
}

fn check(context: &Context<'_>, findings: &mut Vec<Finding>) {
    let locale = context.locale;
    let mut abroad_by_source: HashMap<&str, Vec<Abroad<'_>>> = HashMap::new();
    for source in &context.inventory.sources {
        let places = abroad(context, source);
        if !places.is_empty() {
            // With duplicate ids (DC004) references resolve to the first source.
            abroad_by_source
                .entry(source.item.id.as_str())
                .or_insert(places);
        }
    }
    if abroad_by_source.is_empty() {
        return;
    }
    for processing in &context.inventory.processings {
        let item = &processing.item;
        let mut seen = HashSet::new();
        for (index, source_id) in item.sources.iter().enumerate() {
            if !seen.insert(source_id.as_str()) {
                continue;
            }
            let Some(places) = abroad_by_source.get(source_id.as_str()) else {
                continue;
            };
            let undeclared: Vec<&Abroad<'_>> = places
                .iter()
                .filter(|place| !declared(&item.transfers, place))
                .collect();
            let Some(first) = undeclared.first() else {
                continue;
            };
            let reasons = undeclared
                .iter()
                .map(|place| place.reason.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let mut countries: Vec<&str> = undeclared.iter().map(|place| place.country).collect();
            countries.dedup();
            findings.push(
                RULE.finding(
                    processing.at(format!("/sources/{index}")),
                    crate::t!(
                        locale,
                        "DC607.message",
                        id = item.id,
                        source = source_id,
                        reasons = reasons,
                        countries = alternatives(locale, &countries)
                    ),
                )
                .with_label(crate::t!(locale, "DC607.label"))
                .with_secondary(first.location.clone(), crate::t!(locale, "DC607.secondary"))
                .with_help(crate::t!(
                    locale,
                    "DC607.help",
                    country = first.country
                )),
            );
        }
    }
}

/// The places outside the EEA where a source's data goes: its hosting country, its hosting
/// provider's country, its vendor's country.
fn abroad<'a>(context: &Context<'a>, source: &'a Located<Source>) -> Vec<Abroad<'a>> {
    let policy = context.policy;
    let item = &source.item;
    let mut places = Vec::new();
    let hosting = item.hosting.as_ref();
    let provider = hosting
        .and_then(|h| h.provider.as_ref())
        .map(|id| id.as_str());
    if let Some(country) = hosting.and_then(|h| h.country.as_ref()).map(|c| c.as_str())
        && !in_eea(policy, country)
    {
        places.push(Abroad {
            country,
            party: provider,
            reason: crate::t!(
                context.locale,
                "DC607.reason.hosted",
                country = format::country(context.locale, country)
            ),
            location: source.at("/hosting/country"),
        });
    }
    for (key, reason, party_id) in [
        (
            "/hosting/provider",
            "DC607.reason.hosting-provider",
            provider,
        ),
        (
            "/vendor",
            "DC607.reason.vendor",
            item.vendor.as_ref().map(|v| v.as_str()),
        ),
    ] {
        let Some(party_id) = party_id else { continue };
        let Some(country) = context
            .inventory
            .party(party_id)
            .and_then(|party| party.item.country.as_ref())
            .map(|c| c.as_str())
        else {
            continue;
        };
        if in_eea(policy, country)
            || places
                .iter()
                .any(|p: &Abroad<'_>| p.party == Some(party_id) && p.country == country)
        {
            continue;
        }
        places.push(Abroad {
            country,
            party: Some(party_id),
            reason: crate::t!(
                context.locale,
                reason,
                party = party_id,
                country = format::country(context.locale, country)
            ),
            location: source.at(key),
        });
    }
    places
}

/// "United States, `US` or India, `IN`": the countries as alternatives, in `locale`.
fn alternatives(locale: Locale, countries: &[&str]) -> String {
    let mut countries = countries.iter();
    let first = countries
        .next()
        .map_or_else(String::new, |c| format::country_with_code(locale, c));
    countries.fold(first, |listed, next| {
        let next = format::country_with_code(locale, next);
        crate::t!(locale, "transfers.either", first = listed, second = next)
    })
}

/// A transfer to the same country, or to the same party, covers the place.
fn declared(transfers: &[Transfer], place: &Abroad<'_>) -> bool {
    transfers.iter().any(|transfer| {
        transfer
            .country
            .as_ref()
            .is_some_and(|c| c.as_str() == place.country)
            || place.party.is_some_and(|party| {
                transfer
                    .recipient
                    .as_ref()
                    .is_some_and(|r| r.as_str() == party)
            })
    })
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::rules::testing::lint_only;

    const US_VENDOR: &str = "kind: party\nid: mailforce\nname: Mailforce\ncountry: US\n---\n";

    fn lint(parties: &str, source_extra: &str, transfers: &str) -> Vec<Finding> {
        lint_only(
            "DC607",
            &format!(
                "{parties}kind: source\nid: emailing\nname: Envoi\ntype: emailing\n{source_extra}---\nkind: processing\nid: newsletter\nname: Lettre\nsources: [emailing]\ntransfers: [{transfers}]\n"
            ),
        )
    }

    #[test]
    fn a_vendor_abroad_without_transfer_fires_on_the_source_reference() {
        let findings = lint(US_VENDOR, "vendor: mailforce\n", "");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.pointer(), Some("/sources/0"));
        assert_eq!(findings[0].labels[0].location.pointer(), Some("/vendor"));
        assert!(
            findings[0]
                .message
                .contains("vendor `mailforce` is established outside the EEA (United States)"),
            "{}",
            findings[0].message
        );
    }

    #[test]
    fn the_outermost_regions_are_in_the_eea_the_overseas_territories_are_not() {
        for region in ["RE", "GP", "MQ", "GF", "YT", "MF", "AX"] {
            let hosting = format!("hosting: {{ country: {region} }}\n");
            assert!(lint("", &hosting, "").is_empty(), "{region}");
        }
        for territory in ["PF", "NC", "WF", "PM", "BL", "TF"] {
            let hosting = format!("hosting: {{ country: {territory} }}\n");
            assert_eq!(lint("", &hosting, "").len(), 1, "{territory}");
        }
    }

    #[test]
    fn hosting_abroad_counts_too() {
        let findings = lint("", "hosting: { country: IN }\n", "");
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].labels[0].location.pointer(),
            Some("/hosting/country")
        );
    }

    #[test]
    fn a_transfer_to_the_country_or_to_the_party_covers_it() {
        assert!(
            lint(
                US_VENDOR,
                "vendor: mailforce\n",
                "{ country: US, safeguard: scc }"
            )
            .is_empty()
        );
        assert!(
            lint(
                US_VENDOR,
                "vendor: mailforce\n",
                "{ recipient: mailforce, safeguard: scc }"
            )
            .is_empty()
        );
        // A transfer elsewhere does not.
        assert_eq!(
            lint(
                US_VENDOR,
                "vendor: mailforce\n",
                "{ country: CH, safeguard: adequacy }"
            )
            .len(),
            1
        );
    }

    #[test]
    fn eea_hosting_and_vendors_are_fine() {
        let french = "kind: party\nid: lettrino\nname: Lettrino\ncountry: FR\n---\n";
        assert!(
            lint(
                french,
                "vendor: lettrino\nhosting: { country: DE, provider: lettrino }\n",
                ""
            )
            .is_empty()
        );
    }
}
