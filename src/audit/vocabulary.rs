//! The free-text vocabulary (`rules/audit/free-text.yaml`): words that reveal special-category
//! data, matched as whole words on folded text by one Aho-Corasick automaton.

use super::values::fold;
use aho_corasick::{AhoCorasick, MatchKind};
use saphyr::{LoadableYamlNode, Yaml};
use std::sync::OnceLock;

const SOURCE: &str = include_str!("../../rules/audit/free-text.yaml");

pub struct Vocabulary {
    automaton: AhoCorasick,
    /// Words that make a column name a price (`tarif_handicap`).
    price_words: Vec<String>,
    /// The category of each pattern, by pattern index.
    categories: Vec<String>,
}

/// The built-in vocabulary, loaded once; `None` only if the embedded list is broken (a
/// defect the tests catch), so that an audit still runs without the free-text scan.
pub fn builtin() -> Option<&'static Vocabulary> {
    static VOCABULARY: OnceLock<Option<Vocabulary>> = OnceLock::new();
    VOCABULARY.get_or_init(|| parse(SOURCE).ok()).as_ref()
}

/// Parses the list: `categories: [{ category, words: [...] }]`.
pub fn parse(text: &str) -> Result<Vocabulary, String> {
    let documents = Yaml::load_from_str(text).map_err(|e| e.to_string())?;
    let root = documents.first().ok_or("empty vocabulary")?;
    let entries = root["categories"].as_vec().ok_or("no `categories` list")?;
    let mut patterns = Vec::new();
    let mut categories = Vec::new();
    for entry in entries {
        let category = entry["category"]
            .as_str()
            .ok_or("an entry without `category`")?;
        for word in entry["words"].as_vec().ok_or("an entry without `words`")? {
            let word = word.as_str().ok_or("a word that is not a string")?;
            patterns.push(fold(word));
            categories.push(category.to_owned());
        }
    }
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .map_err(|e| e.to_string())?;
    let price_words = root["price_words"]
        .as_vec()
        .map(|words| words.iter().filter_map(|w| w.as_str()).map(fold).collect())
        .unwrap_or_default();
    Ok(Vocabulary {
        automaton,
        price_words,
        categories,
    })
}

impl Vocabulary {
    /// Whether a column's name (split in words) names a price.
    pub fn is_price_name(&self, words: &[String]) -> bool {
        words
            .iter()
            .any(|word| self.price_words.contains(&fold(word)))
    }

    /// The categories whose words the text holds (whole words), each once, in the list's order.
    pub fn categories_in(&self, text: &str) -> Vec<&str> {
        // Cheap exit: the shortest word has four letters.
        if text.len() < 3 {
            return Vec::new();
        }
        let folded = fold(text);
        let bytes = folded.as_bytes();
        let mut found: Vec<&str> = Vec::new();
        for matched in self.automaton.find_iter(&folded) {
            let before = folded[..matched.start()].chars().next_back();
            let after = folded[matched.end()..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            if boundary(before) && boundary(after) && matched.end() <= bytes.len() {
                let category = self.categories[matched.pattern().as_usize()].as_str();
                if !found.contains(&category) {
                    found.push(category);
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_list_loads() {
        assert!(parse(SOURCE).is_ok());
        assert!(builtin().is_some_and(|v| v.categories.len() > 50));
    }

    #[test]
    fn whole_words_accents_folded() {
        let vocabulary = builtin().expect("the built-in list loads");
        assert_eq!(
            vocabulary.categories_in("Allergie aux arachides"),
            ["special.health"]
        );
        assert_eq!(
            vocabulary.categories_in("DIABETE, prévoir une collation"),
            ["special.health"]
        );
        assert_eq!(
            vocabulary.categories_in("vient en fauteuil roulant"),
            ["special.health"]
        );
        assert!(vocabulary.categories_in("fauteuil d'orchestre").is_empty());
        assert!(vocabulary.categories_in("sourdine").is_empty());
        assert!(
            vocabulary
                .categories_in("concert à l'église, messe de Bach")
                .is_empty()
        );
        assert!(vocabulary.categories_in("signe: cancer").is_empty());
        assert_eq!(
            vocabulary.categories_in("repas halal"),
            ["special.religious-philosophical-beliefs"]
        );
    }
}
