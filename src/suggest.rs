//! "Did you mean …?" — the closest known word to a misspelt one.
//!
//! Used for unknown keys and enum values (DC002) and for dangling references (DC005).

/// Levenshtein distance counted in characters (not bytes), so accented words compare fairly.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b_chars: Vec<char> = b.chars().collect();
    // One rolling row of the classic dynamic-programming table.
    let mut row: Vec<usize> = (0..=b_chars.len()).collect();
    for (i, a_char) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, b_char) in b_chars.iter().enumerate() {
            let substitution = diagonal + usize::from(a_char != *b_char);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b_chars.len()]
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
///
/// "Close enough" is at most a third of the longer word's length (at least 1, so a one-letter
/// slip in a short word still counts), compared case-insensitively and treating `_` and `-` as
/// the same, since `last-reviewed` for `last_reviewed` is the most common slip. Ties go to the
/// earliest candidate, so the answer is deterministic for a given candidate order. A word that
/// starts with a candidate of at least four letters (`consentement` for `consent`), or the
/// reverse, also counts, after any closer typo.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let normalised_word = normalise(word);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        let normalised_candidate = normalise(candidate);
        let longest = word.chars().count().max(candidate.chars().count());
        let threshold = (longest / 3).max(1);
        let mut distance = edit_distance(&normalised_word, &normalised_candidate);
        if distance > threshold && is_long_prefix(&normalised_word, &normalised_candidate) {
            distance = threshold + 1;
        } else if distance > threshold {
            continue;
        }
        if best.is_none_or(|(best_distance, _)| distance < best_distance) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// One word starts with the other, and the shorter has at least four characters.
fn is_long_prefix(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 4 && long.starts_with(short)
}

fn normalise(word: &str) -> String {
    word.chars()
        .map(|c| if c == '_' { '-' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("retention", "retention"), 0);
        assert_eq!(edit_distance("santé", "sante"), 1);
    }

    #[test]
    fn finds_the_closest_typo() {
        let keys = ["retention", "recipients", "purpose", "legal_basis"];
        assert_eq!(closest("retension", keys), Some("retention"));
        assert_eq!(closest("recipient", keys), Some("recipients"));
        assert_eq!(closest("legal-basis", keys), Some("legal_basis"));
        assert_eq!(closest("Purpose", keys), Some("purpose"));
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        let keys = ["retention", "recipients", "purpose"];
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("x", ["y", "zz"]), Some("y"));
        assert_eq!(closest("ab", ["xy"]), None);
    }

    #[test]
    fn a_longer_or_shorter_form_of_a_word_counts() {
        let bases = ["consent", "contract", "legal-obligation"];
        assert_eq!(closest("consentement", bases), Some("consent"));
        assert_eq!(closest("legal", bases), Some("legal-obligation"));
        assert_eq!(closest("con", bases), None);
        // A real typo wins over a prefix.
        assert_eq!(
            closest("contrat", ["contractual", "contract"]),
            Some("contract")
        );
    }

    #[test]
    fn ties_go_to_the_first_candidate() {
        assert_eq!(closest("cat", ["bat", "hat"]), Some("bat"));
    }
}
