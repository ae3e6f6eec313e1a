//! Shape tests on one cell: emails, French phone numbers, NIR (with its key, Corsica 2A/2B),
//! IBAN (mod 97), card numbers (Luhn), dates. Each test looks at the cheap signs first (length,
//! an `@`, digit counts) and computes a checksum only when they hold.
//!
//! These functions see personal values; they return only booleans, kinds and normalised keys
//! that stay in memory (see `duplicates`).

/// A plausible email address: one `@`, a local part, a dotted domain, no spaces.
pub fn is_email(text: &str) -> bool {
    let text = text.trim();
    let Some(at) = memchr::memchr(b'@', text.as_bytes()) else {
        return false;
    };
    let (local, domain) = (&text[..at], &text[at + 1..]);
    if local.is_empty() || local.len() > 64 || domain.len() < 3 || domain.len() > 255 {
        return false;
    }
    let local_ok = local
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"._%+-'".contains(&b));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
    local_ok && domain_ok && !local.starts_with('.') && !local.ends_with('.')
}

/// How a French phone number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PhoneStyle {
    /// `06 12 34 56 78`
    National,
    /// `+33 6 12 34 56 78`, `0033…`
    International,
}

/// A French phone number (`06 12 34 56 78`, `06.12.34.56.78`, `+33 6 12 34 56 78`,
/// `+33 (0)6…`, `0033…`): its nine significant digits and how it was written.
pub fn french_phone(text: &str) -> Option<(u64, PhoneStyle)> {
    let text = text.trim();
    if text.len() < 10 || text.len() > 24 {
        return None;
    }
    let mut digits: Vec<u8> = Vec::with_capacity(16);
    for (index, character) in text.chars().enumerate() {
        match character {
            '0'..='9' => digits.push(character as u8 - b'0'),
            '+' if index == 0 => {}
            ' ' | '.' | '-' | '(' | ')' | '\u{a0}' => {}
            _ => return None,
        }
    }
    let plus = text.starts_with('+');
    let (significant, style) = if plus || text.starts_with("00") {
        let rest = if plus { &digits[..] } else { digits.get(2..)? };
        let rest = rest.strip_prefix(&[3, 3])?;
        // `+33 (0)6…`: the trunk zero is sometimes kept in brackets.
        let rest = if rest.len() == 10 && rest[0] == 0 {
            &rest[1..]
        } else {
            rest
        };
        (rest, PhoneStyle::International)
    } else {
        (digits.strip_prefix(&[0])?, PhoneStyle::National)
    };
    if significant.len() != 9 || significant[0] == 0 {
        return None;
    }
    let number = significant
        .iter()
        .fold(0u64, |acc, digit| acc * 10 + u64::from(*digit));
    Some((number, style))
}

/// The characters of a value without the separators people type inside numbers.
fn compact(text: &str, max: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(max);
    for byte in text.trim().bytes() {
        match byte {
            b' ' | b'.' | b'-' => {}
            _ if out.len() >= max => return None,
            _ => out.push(byte.to_ascii_uppercase()),
        }
    }
    Some(out)
}

/// A French social-security number (NIR) whose key is right: sex, year, month, department
/// (`2A`/`2B` for Corsica), commune, order, then the key `97 - (number mod 97)`, where the
/// Corsican departments count as 19 (2A) and 18 (2B).
pub fn is_nir(text: &str) -> bool {
    let Some(chars) = compact(text, 15) else {
        return false;
    };
    if chars.len() != 15 || !matches!(chars[0], b'1' | b'2' | b'3' | b'4' | b'7' | b'8') {
        return false;
    }
    let mut body = chars[..13].to_vec();
    match (body[5], body[6]) {
        (b'2', b'A') => body[5..7].copy_from_slice(b"19"),
        (b'2', b'B') => body[5..7].copy_from_slice(b"18"),
        _ => {}
    }
    if !body.iter().chain(&chars[13..]).all(u8::is_ascii_digit) {
        return false;
    }
    let month = u32::from(body[3] - b'0') * 10 + u32::from(body[4] - b'0');
    // Months 20–42 and 50–99 exist (people registered without a known month), but a
    // date-based order number (`2024 04 19…`) reads as sex 2, year 02, month 40: only real
    // months are taken, precision before recall.
    if !(1..=12).contains(&month) {
        return false;
    }
    let number = body
        .iter()
        .fold(0u64, |acc, digit| acc * 10 + u64::from(digit - b'0'));
    let key = u64::from(chars[13] - b'0') * 10 + u64::from(chars[14] - b'0');
    (1..=97).contains(&key) && 97 - number % 97 == key
}

/// An IBAN whose check digits are right (ISO 13616 mod 97); a French one must have 27
/// characters.
pub fn is_iban(text: &str) -> bool {
    let Some(chars) = compact(text, 34) else {
        return false;
    };
    if chars.len() < 15
        || !chars[..2].iter().all(u8::is_ascii_uppercase)
        || !chars[2..4].iter().all(u8::is_ascii_digit)
        || !chars.iter().all(u8::is_ascii_alphanumeric)
        || (&chars[..2] == b"FR" && chars.len() != 27)
    {
        return false;
    }
    let rearranged = chars[4..].iter().chain(&chars[..4]);
    let mut remainder = 0u32;
    for byte in rearranged {
        remainder = if byte.is_ascii_digit() {
            (remainder * 10 + u32::from(byte - b'0')) % 97
        } else {
            (remainder * 100 + u32::from(byte - b'A' + 10)) % 97
        };
    }
    remainder == 1
}

/// An unmasked payment-card number: a network's prefix and length (Visa 4: 13, 16 or 19 digits;
/// Mastercard 51–55 and CB 5x: 16; Amex 34/37: 15; JCB 35 and Discover/CB 6: 16 to 19), spaces or
/// hyphens allowed, and a right Luhn check digit. 14-digit numbers are left out: SIRET numbers
/// have 14 digits and a Luhn key too.
pub fn is_card_number(text: &str) -> bool {
    let Some(chars) = compact(text, 19) else {
        return false;
    };
    if !(13..=19).contains(&chars.len())
        || !chars.iter().all(u8::is_ascii_digit)
        || chars.iter().all(|c| *c == chars[0])
    {
        return false;
    }
    let length = chars.len();
    let network = match (chars[0], chars[1]) {
        (b'4', _) => matches!(length, 13 | 16 | 19),
        (b'5', b'1'..=b'5') => length == 16,
        (b'3', b'4' | b'7') => length == 15,
        (b'3', b'5') | (b'6', _) => (16..=19).contains(&length),
        _ => false,
    };
    if !network {
        return false;
    }
    let sum: u32 = chars
        .iter()
        .rev()
        .enumerate()
        .map(|(index, byte)| {
            let digit = u32::from(byte - b'0');
            if index % 2 == 1 {
                let double = digit * 2;
                if double > 9 { double - 9 } else { double }
            } else {
                digit
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateStyle {
    /// `2024-03-17` (also with a time after it)
    Iso,
    /// `17/03/2024`
    DaySlash,
    /// `17-03-2024`, `17.03.2024`
    DayOther,
}

/// A date written `YYYY-MM-DD[…]`, `DD/MM/YYYY[…]`, `DD-MM-YYYY` or `DD.MM.YYYY`. A day-first
/// date is read the French way (day, then month).
pub fn parse_date(text: &str) -> Option<(jiff::civil::Date, DateStyle)> {
    let text = text.trim();
    let bytes = text.as_bytes();
    if bytes.len() < 10 || !bytes[0].is_ascii_digit() {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<i16> {
        let part = bytes.get(range)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let (year, month, day, style) = if bytes[4] == b'-' && bytes[7] == b'-' {
        (number(0..4)?, number(5..7)?, number(8..10)?, DateStyle::Iso)
    } else if bytes[2] == bytes[5] && matches!(bytes[2], b'/' | b'-' | b'.') {
        let style = if bytes[2] == b'/' {
            DateStyle::DaySlash
        } else {
            DateStyle::DayOther
        };
        (number(6..10)?, number(3..5)?, number(0..2)?, style)
    } else {
        return None;
    };
    // What follows must be a time, not more digits.
    if let Some(next) = bytes.get(10)
        && !matches!(next, b' ' | b'T')
    {
        return None;
    }
    let month = i8::try_from(month).ok()?;
    let day = i8::try_from(day).ok()?;
    jiff::civil::Date::new(year, month, day)
        .ok()
        .map(|date| (date, style))
}

/// A spreadsheet date serial number (days since 1899-12-30, as Excel and LibreOffice count)
/// as a date.
pub fn date_from_serial(serial: f64) -> Option<jiff::civil::Date> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = jiff::civil::date(1899, 12, 30);
    let days = i32::try_from(serial.floor() as i64).ok()?;
    epoch.checked_add(jiff::Span::new().days(days)).ok()
}

/// Emails and phone numbers inside a longer text (a comment column).
pub fn contact_in_text(text: &str) -> bool {
    if memchr::memchr(b'@', text.as_bytes()).is_some()
        && text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '<' | '>' | '(' | ')'))
            .any(|word| is_email(word.trim_end_matches(['.', '!', '?', ':'])))
    {
        return true;
    }
    // A phone number: a run of digits and separators with 10 digits or more.
    let bytes = text.as_bytes();
    let mut start = None;
    for (index, byte) in bytes.iter().enumerate().chain([(bytes.len(), &b'x')]) {
        let part = byte.is_ascii_digit() || matches!(byte, b' ' | b'.' | b'-' | b'+');
        match (part, start) {
            (true, None) if byte.is_ascii_digit() || *byte == b'+' => start = Some(index),
            (false, Some(from)) => {
                if french_phone(text[from..index].trim()).is_some() {
                    return true;
                }
                start = None;
            }
            _ => {}
        }
    }
    false
}

/// Which identifiers a longer text holds: a NIR, an IBAN, a card number, written with or
/// without spaces between their groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IdsInText {
    pub nir: bool,
    pub iban: bool,
    pub card: bool,
}

/// Looks for identifiers in runs of up to eight consecutive words of a text.
pub fn ids_in_text(text: &str) -> IdsInText {
    let mut found = IdsInText::default();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '/'))
        .filter(|w| !w.is_empty())
        .collect();
    for start in 0..words.len() {
        let first = words[start].as_bytes()[0];
        if !first.is_ascii_alphanumeric() {
            continue;
        }
        let mut joined = String::new();
        for word in words.iter().skip(start).take(8) {
            if !word
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            {
                break;
            }
            joined.push_str(word);
            let length = joined.len();
            if length > 34 {
                break;
            }
            found.nir |= length == 15 && is_nir(&joined);
            found.iban |= length >= 15 && is_iban(&joined);
            found.card |= (13..=19).contains(&length) && is_card_number(&joined);
        }
    }
    found
}

/// The text of a name folded for comparison: lowercase, accents removed, separators dropped.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars().flat_map(char::to_lowercase) {
        let folded = match character {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ÿ' => 'y',
            'œ' => {
                out.push('o');
                'e'
            }
            'æ' => {
                out.push('a');
                'e'
            }
            other => other,
        };
        out.push(folded);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("claire.dupont@example.fr"));
        assert!(is_email(" j.o'neil+news@sub.example.org "));
        for not in [
            "claire",
            "@example.fr",
            "a@b",
            "a@b.c",
            "a b@example.fr",
            "a@exa_mple.fr",
            "a@.fr",
        ] {
            assert!(!is_email(not), "{not}");
        }
    }

    #[test]
    fn french_phones_in_every_usual_writing() {
        let mobile = Some((612_345_678, PhoneStyle::National));
        assert_eq!(french_phone("06 12 34 56 78"), mobile);
        assert_eq!(french_phone("06.12.34.56.78"), mobile);
        assert_eq!(french_phone("0612345678"), mobile);
        let international = Some((612_345_678, PhoneStyle::International));
        assert_eq!(french_phone("+33 6 12 34 56 78"), international);
        assert_eq!(french_phone("+33 (0)6 12 34 56 78"), international);
        assert_eq!(french_phone("0033612345678"), international);
        for not in [
            "06 12 34 56",
            "12 34 56 78 90",
            "+44 20 7946 0958",
            "00 12 34 56 78",
            "06-12-AB",
        ] {
            assert_eq!(french_phone(not), None, "{not}");
        }
    }

    #[test]
    fn nir_keys_including_corsica() {
        // 1 85 05 78 006 084, key 97 - (1850578006084 mod 97).
        let body = 1_850_578_006_084u64;
        let nir = format!("{body}{:02}", 97 - body % 97);
        assert!(is_nir(&nir));
        assert!(is_nir(&format!(
            "{} {} {} {} {} {} {}",
            &nir[0..1],
            &nir[1..3],
            &nir[3..5],
            &nir[5..7],
            &nir[7..10],
            &nir[10..13],
            &nir[13..]
        )));
        let wrong_key = format!("{body}{:02}", (97 - body % 97) % 97 + 1);
        assert!(!is_nir(&wrong_key));
        // Corsica: 2A counts as 19, 2B as 18.
        let corse_sud = 2_690_519_004_012u64; // written 2 69 05 2A 004 012
        let key = 97 - corse_sud % 97;
        assert!(is_nir(&format!("269052A004012{key:02}")));
        assert!(!is_nir(&format!("2690519004012{:02}", (key % 97) + 1)));
        let haute_corse = 1_720_318_123_045u64; // 1 72 03 2B 123 045
        assert!(is_nir(&format!(
            "172032B123045{:02}",
            97 - haute_corse % 97
        )));
        // A bad month or sex digit, whatever the key.
        let bad_month = 1_851_378_006_084u64;
        assert!(!is_nir(&format!("{bad_month}{:02}", 97 - bad_month % 97)));
        let bad_sex = 5_850_578_006_084u64;
        assert!(!is_nir(&format!("{bad_sex}{:02}", 97 - bad_sex % 97)));
    }

    #[test]
    fn ibans_by_mod_97() {
        assert!(is_iban("FR76 3000 6000 0112 3456 7890 189"));
        assert!(is_iban("DE89370400440532013000"));
        assert!(!is_iban("FR76 3000 6000 0112 3456 7890 188"));
        assert!(!is_iban("FR7630006000011234567890"));
        assert!(!is_iban("12345678901234567"));
    }

    #[test]
    fn card_numbers_by_luhn_unmasked_only() {
        assert!(is_card_number("4970 1012 3456 7893"));
        assert!(is_card_number("4111-1111-1111-1111"));
        assert!(!is_card_number("4970 1012 3456 7894"));
        assert!(!is_card_number("4970 XXXX XXXX 7899"));
        assert!(!is_card_number("0000000000000000"));
        assert!(!is_card_number("1234567812345670"));
        // A SIRET number has 14 digits and a Luhn key: not a card.
        assert!(!is_card_number("73282932000074"));
        assert!(is_card_number("3782 822463 10005"));
    }

    #[test]
    fn dates_iso_and_french() {
        let date = jiff::civil::date(2024, 3, 17);
        assert_eq!(parse_date("2024-03-17"), Some((date, DateStyle::Iso)));
        assert_eq!(
            parse_date("2024-03-17 20:30:00"),
            Some((date, DateStyle::Iso))
        );
        assert_eq!(parse_date("17/03/2024"), Some((date, DateStyle::DaySlash)));
        assert_eq!(parse_date("17.03.2024"), Some((date, DateStyle::DayOther)));
        for not in [
            "2024-13-01",
            "31/02/2024",
            "17/03/24",
            "2024-03-170",
            "hello",
        ] {
            assert_eq!(parse_date(not), None, "{not}");
        }
        assert_eq!(date_from_serial(45368.0), Some(date));
    }

    #[test]
    fn contacts_inside_text() {
        assert!(contact_in_text("rappeler au 06 12 34 56 78 svp"));
        assert!(contact_in_text("écrire à jean@example.fr."));
        assert!(!contact_in_text("place 12, rang 34"));
        assert!(!contact_in_text("commande 2024-03-17"));
    }

    #[test]
    fn identifiers_inside_text() {
        let found = ids_in_text("sécu 2 69 05 2A 004 012 28 et FR76 3000 6000 0112 3456 7890 189.");
        assert!(found.nir);
        assert!(!found.card);
        let found = ids_in_text("iban FR76 3000 6000 0112 3456 7890 189 merci");
        assert!(found.iban);
        assert!(ids_in_text("carte 4970 1012 3456 7893 exp 12/27").card);
        assert_eq!(
            ids_in_text("place 12 rang 34, commande 2024-03-17"),
            IdsInText::default()
        );
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Éloïse Bœuf"), "eloise boeuf");
    }
}
