//! One pass over an export's rows: per column, counts (filled, shapes, checksums, dates, words)
//! and row numbers (kept only to be shown with `--show rows`); per source, duplicate keys as
//! keyed 64-bit hashes. Nothing of a cell's value is kept.

use super::read::RowSink;
use super::values::{self, DateStyle, PhoneStyle};
use super::vocabulary::Vocabulary;
use std::collections::BTreeMap;
use std::hash::{BuildHasher, Hash};

/// One person of a linked source, as keyed hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LinkKey {
    pub person: u64,
    pub postal: u64,
    pub phone: u64,
}

/// What a column is for, decided before the pass.
#[derive(Debug, Clone, Default)]
pub struct ColumnPlan {
    /// The declared field (index in the source's `fields`), if any.
    pub field: Option<usize>,
    /// Scan for Art. 9 vocabulary (free-text or undeclared columns).
    pub scan_words: bool,
    /// Scan a comment for emails and phone numbers.
    pub scan_contacts: bool,
    /// Rows whose date is before this day are past retention (DA401).
    pub retention_limit: Option<jiff::civil::Date>,
    pub role: Option<KeyRole>,
}

/// A column's part in the duplicate keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRole {
    Email,
    Phone,
    Name,
    Postal,
    Birth,
}

/// What one kind of finding saw in a column: how many rows and the first of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    pub rows: u64,
    pub sample: Vec<u64>,
}

impl Hits {
    /// Row numbers kept for `--show rows`.
    pub const SAMPLE: usize = 20;

    fn add(&mut self, row: u64) {
        self.rows += 1;
        if self.sample.len() < Self::SAMPLE {
            self.sample.push(row);
        }
    }
}

/// The counts of one column.
#[derive(Debug, Clone, Default)]
pub struct ColumnStats {
    pub filled: u64,
    pub emails: Hits,
    pub phones: Hits,
    pub phone_styles: BTreeMap<PhoneStyle, u64>,
    pub nirs: Hits,
    pub ibans: Hits,
    pub cards: Hits,
    pub contacts_in_text: Hits,
    /// Rows holding words of each sensitive category.
    pub words: BTreeMap<String, Hits>,
    pub dates: u64,
    pub date_styles: BTreeMap<DateStyle, u64>,
    pub oldest: Option<jiff::civil::Date>,
    pub newest: Option<jiff::civil::Date>,
    pub future: Hits,
    pub before_1900: Hits,
    pub past_retention: Hits,
}

/// Decides the column plans once the header is known.
pub type Planner<'v> = Box<dyn Fn(&[String]) -> Vec<ColumnPlan> + 'v>;

/// The profile of one export.
pub struct Profile<'v> {
    pub headers: Vec<String>,
    pub plans: Vec<ColumnPlan>,
    pub columns: Vec<ColumnStats>,
    pub rows: u64,
    today: jiff::civil::Date,
    vocabulary: Option<&'v Vocabulary>,
    /// Keyed hashes: certain (same email) and possible (same phone; same name with the same
    /// postal code or birth date) duplicates.
    pub certain_keys: Vec<u64>,
    pub possible_keys: Vec<u64>,
    hasher: std::collections::hash_map::RandomState,
    /// With `--link`: per person (email, else phone), the keyed hashes of the person, the
    /// postal code and the phone (0 when absent).
    pub link_keys: Option<Vec<LinkKey>>,
    /// Decides the plans once the header is known.
    planner: Planner<'v>,
    pub keep_keys: bool,
}

impl<'v> Profile<'v> {
    pub fn new(
        today: jiff::civil::Date,
        vocabulary: Option<&'v Vocabulary>,
        planner: Planner<'v>,
    ) -> Self {
        Profile {
            headers: Vec::new(),
            plans: Vec::new(),
            columns: Vec::new(),
            rows: 0,
            today,
            vocabulary,
            certain_keys: Vec::new(),
            possible_keys: Vec::new(),
            // A random key per run: the hashes mean nothing outside this process.
            hasher: std::collections::hash_map::RandomState::new(),
            link_keys: None,
            planner,
            keep_keys: true,
        }
    }

    /// Hash with this key instead of a fresh one: two linked sources must share it.
    pub fn share_hasher(&mut self, hasher: std::collections::hash_map::RandomState) {
        self.hasher = hasher;
    }

    fn key(&self, tag: u8, parts: &[&str]) -> u64 {
        let mut state = self.hasher.build_hasher();
        tag.hash(&mut state);
        for part in parts {
            part.hash(&mut state);
        }
        std::hash::Hasher::finish(&state)
    }

    /// How many rows share a key with another row.
    pub fn duplicate_rows(keys: &mut [u64]) -> u64 {
        keys.sort_unstable();
        let mut rows = 0u64;
        let mut index = 0;
        while index < keys.len() {
            let mut end = index + 1;
            while end < keys.len() && keys[end] == keys[index] {
                end += 1;
            }
            if end - index > 1 {
                rows += (end - index) as u64;
            }
            index = end;
        }
        rows
    }
}

impl RowSink for Profile<'_> {
    fn header(&mut self, names: &[String]) {
        self.headers = names.to_vec();
        self.plans = (self.planner)(names);
        self.plans.resize(names.len(), ColumnPlan::default());
        self.columns = vec![ColumnStats::default(); names.len()];
    }

    fn row(&mut self, number: u64, cells: &[&str]) {
        self.rows += 1;
        let mut email = None;
        let mut phone = None;
        let mut names: Vec<String> = Vec::new();
        let mut postal = None;
        let mut birth = None;
        for (index, cell) in cells.iter().enumerate() {
            let (Some(plan), Some(stats)) = (self.plans.get(index), self.columns.get_mut(index))
            else {
                continue;
            };
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            stats.filled += 1;
            observe(stats, plan, cell, number, self.today, self.vocabulary);
            match plan.role {
                Some(KeyRole::Email) if values::is_email(cell) => email = Some(cell.to_lowercase()),
                Some(KeyRole::Phone) => phone = values::french_phone(cell).map(|(n, _)| n),
                Some(KeyRole::Name) => names.extend(
                    values::fold(cell)
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_owned),
                ),
                Some(KeyRole::Postal) => postal = Some(cell.replace(' ', "")),
                Some(KeyRole::Birth) => {
                    birth = values::parse_date(cell).map(|(d, _)| d.to_string())
                }
                _ => {}
            }
        }
        if !self.keep_keys {
            return;
        }
        if self.link_keys.is_some() {
            let person = match (&email, phone) {
                (Some(email), _) => Some(self.key(1, &[email])),
                (None, Some(phone)) => Some(self.key(2, &[&phone.to_string()])),
                (None, None) => None,
            };
            if let Some(person) = person {
                let postal = postal.as_ref().map_or(0, |p| self.key(5, &[p]));
                let phone = phone.map_or(0, |p| self.key(2, &[&p.to_string()]));
                if let Some(keys) = &mut self.link_keys {
                    keys.push(LinkKey {
                        person,
                        postal,
                        phone,
                    });
                }
            }
        }
        if let Some(email) = email {
            let key = self.key(1, &[&email]);
            self.certain_keys.push(key);
        }
        if let Some(phone) = phone {
            let key = self.key(2, &[&phone.to_string()]);
            self.possible_keys.push(key);
        }
        // A name alone is never a key: common names collide.
        if !names.is_empty() {
            names.sort();
            let name = names.join(" ");
            if let Some(postal) = postal {
                let key = self.key(3, &[&name, &postal]);
                self.possible_keys.push(key);
            }
            if let Some(birth) = birth {
                let key = self.key(4, &[&name, &birth]);
                self.possible_keys.push(key);
            }
        }
    }
}

/// The tests of one non-empty cell, cheapest first.
fn observe(
    stats: &mut ColumnStats,
    plan: &ColumnPlan,
    cell: &str,
    row: u64,
    today: jiff::civil::Date,
    vocabulary: Option<&Vocabulary>,
) {
    let bytes = cell.as_bytes();
    let has_at = memchr::memchr(b'@', bytes).is_some();
    if has_at && values::is_email(cell) {
        stats.emails.add(row);
    }
    let digits = bytes.iter().filter(|b| b.is_ascii_digit()).count();
    if (9..=15).contains(&digits)
        && let Some((_, style)) = values::french_phone(cell)
    {
        stats.phones.add(row);
        *stats.phone_styles.entry(style).or_default() += 1;
    }
    let (mut nir, mut card, mut iban) = (false, false, false);
    if digits >= 13 {
        nir = values::is_nir(cell);
        card = values::is_card_number(cell);
    }
    if digits >= 10 && bytes.len() >= 15 && bytes[0].is_ascii_alphabetic() {
        iban = values::is_iban(cell);
    }
    // In free text and undeclared columns, identifiers written inside a sentence count too.
    if plan.scan_words && digits >= 13 && !(nir || card || iban) {
        let found = values::ids_in_text(cell);
        (nir, iban, card) = (found.nir, found.iban, found.card);
    }
    if nir {
        stats.nirs.add(row);
    }
    if card {
        stats.cards.add(row);
    }
    if iban {
        stats.ibans.add(row);
    }
    if digits >= 6
        && let Some((date, style)) = values::parse_date(cell)
    {
        stats.dates += 1;
        *stats.date_styles.entry(style).or_default() += 1;
        stats.oldest = Some(stats.oldest.map_or(date, |d| d.min(date)));
        stats.newest = Some(stats.newest.map_or(date, |d| d.max(date)));
        if date > today {
            stats.future.add(row);
        }
        if date.year() < 1900 {
            stats.before_1900.add(row);
        }
        if plan.retention_limit.is_some_and(|limit| date < limit) {
            stats.past_retention.add(row);
        }
    }
    if plan.scan_contacts && bytes.len() > 12 && values::contact_in_text(cell) {
        stats.contacts_in_text.add(row);
    }
    if plan.scan_words
        && let Some(vocabulary) = vocabulary
    {
        for category in vocabulary.categories_in(cell) {
            stats.words.entry(category.to_owned()).or_default().add(row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_rows_counts_every_row_of_a_group() {
        let mut keys = vec![5, 1, 5, 2, 5, 1, 9];
        assert_eq!(Profile::duplicate_rows(&mut keys), 5);
        assert_eq!(Profile::duplicate_rows(&mut []), 0);
    }
}
