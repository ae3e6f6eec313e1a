//! `audit --link A B`: how far two sources can be matched. Persons are matched on the keyed hash
//! of their email (else their phone); the join rate is measured both ways, and matched persons
//! are compared on postal code and phone. Only counts come out.

use super::SourceAudit;
use super::profile::LinkKey;

/// What matching two sources found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Linkage {
    /// Distinct persons of each source.
    pub persons: (u64, u64),
    /// Persons of the first found in the second, and the reverse.
    pub found: (u64, u64),
    /// Matched persons whose postal codes (both filled) differ, and how many were compared.
    pub postal_disagree: u64,
    pub postal_compared: u64,
    pub phone_disagree: u64,
    pub phone_compared: u64,
}

fn distinct(keys: &[LinkKey]) -> Vec<LinkKey> {
    let mut keys = keys.to_vec();
    keys.sort_unstable();
    keys.dedup_by_key(|k| k.person);
    keys
}

/// Matches the persons of two sources.
pub fn link(first: &[LinkKey], second: &[LinkKey]) -> Linkage {
    let (a, b) = (distinct(first), distinct(second));
    let mut linkage = Linkage {
        persons: (a.len() as u64, b.len() as u64),
        ..Linkage::default()
    };
    let find = |keys: &[LinkKey], person: u64| {
        keys.binary_search_by_key(&person, |k| k.person)
            .ok()
            .map(|i| keys[i])
    };
    for person in &a {
        let Some(other) = find(&b, person.person) else {
            continue;
        };
        linkage.found.0 += 1;
        if person.postal != 0 && other.postal != 0 {
            linkage.postal_compared += 1;
            linkage.postal_disagree += u64::from(person.postal != other.postal);
        }
        if person.phone != 0 && other.phone != 0 {
            linkage.phone_compared += 1;
            linkage.phone_disagree += u64::from(person.phone != other.phone);
        }
    }
    linkage.found.1 = b.iter().filter(|p| find(&a, p.person).is_some()).count() as u64;
    linkage
}

/// The linkage of the two audited sources, when both were read.
pub fn of(sources: &[SourceAudit<'_>]) -> Option<Linkage> {
    let [first, second] = sources else {
        return None;
    };
    let keys = |s: &SourceAudit<'_>| {
        s.outcome
            .as_ref()
            .ok()
            .and_then(|(p, _)| p.link_keys.clone())
    };
    Some(link(&keys(first)?, &keys(second)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(person: u64, postal: u64, phone: u64) -> LinkKey {
        LinkKey {
            person,
            postal,
            phone,
        }
    }

    #[test]
    fn join_rates_both_ways_and_disagreements() {
        let a = [key(1, 10, 0), key(2, 20, 5), key(3, 30, 0), key(3, 30, 0)];
        let b = [
            key(1, 11, 0),
            key(2, 20, 6),
            key(9, 0, 0),
            key(8, 0, 0),
            key(7, 0, 0),
        ];
        let linkage = link(&a, &b);
        assert_eq!(linkage.persons, (3, 5));
        assert_eq!(linkage.found, (2, 2));
        assert_eq!((linkage.postal_disagree, linkage.postal_compared), (1, 2));
        assert_eq!((linkage.phone_disagree, linkage.phone_compared), (1, 1));
    }
}
