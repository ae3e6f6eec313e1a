//! The baseline file (`datacharter-baseline.json`): the keys of the findings an organisation
//! accepted when it adopted datacharter, with counts. Sorted, one entry per line, so that two
//! branches that each fix a finding merge without conflict.

use crate::finding::{Finding, Location, Severity, TextPos, TextRange};
use crate::finding_key::{FindingKey, VERSION};
use crate::i18n::Locale;
use crate::t;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where `datacharter baseline` writes, relative to the workspace root, by default.
pub const DEFAULT_FILE: &str = "datacharter-baseline.json";

/// The code of the unused-entry warning.
pub const UNUSED_CODE: &str = "DC009";
pub const UNUSED_NAME: &str = "unused-baseline-entry";

/// One entry: a key and how many findings have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(flatten)]
    pub key: FindingKey,
    pub count: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    datacharter_baseline: u32,
    key: String,
    entries: Vec<Entry>,
}

/// A loaded baseline: its entries and the line each is on (for DC009).
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    pub entries: Vec<(Entry, usize)>,
}

/// Whether a finding may be baselined: not the foundation rules (DC0xx), whose findings
/// mean the register cannot be read as written.
pub fn can_baseline(code: &str) -> bool {
    !code.starts_with("DC0")
}

impl Baseline {
    /// Parses a baseline file; the error says what is wrong and how to start again.
    pub fn parse(name: &str, text: &str) -> Result<Baseline, String> {
        let fix = format!(
            "fix it, or delete it and run `datacharter baseline --output {name}` to write it again"
        );
        let file: File = serde_json::from_str(text).map_err(|error| {
            format!("{name} is not a datacharter baseline file ({error}): {fix}")
        })?;
        if file.datacharter_baseline != 1 {
            return Err(format!(
                "{name} has baseline format {}, this datacharter reads format 1: {fix}",
                file.datacharter_baseline
            ));
        }
        if file.key != VERSION {
            return Err(format!(
                "{name} records keys of version `{}`, this datacharter computes `{VERSION}`: run `datacharter baseline --output {name}` to write it again",
                file.key
            ));
        }
        // One entry per line, as `render` writes them: entry `i` is on line `i + 4`. A file
        // edited by hand may differ; the line is then only approximate.
        let lines: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, line)| line.trim_start().starts_with("{\"code\""))
            .map(|(at, _)| at + 1)
            .collect();
        let entries = file
            .entries
            .into_iter()
            .enumerate()
            .map(|(at, entry)| {
                let line = lines.get(at).copied().unwrap_or(1);
                (entry, line)
            })
            .collect();
        Ok(Baseline { entries })
    }

    /// Counts per key.
    pub fn counts(&self) -> BTreeMap<FindingKey, usize> {
        let mut counts = BTreeMap::new();
        for (entry, _) in &self.entries {
            *counts.entry(entry.key.clone()).or_insert(0) += entry.count;
        }
        counts
    }

    /// DC009 for each entry that matched no finding at all, `remaining` being the counts left
    /// once the findings took theirs.
    pub fn unused(
        &self,
        remaining: &BTreeMap<FindingKey, usize>,
        file: &str,
        text: &str,
        locale: Locale,
    ) -> Vec<Finding> {
        // The character index of each line's start, as the reporter counts positions.
        let mut line_starts = vec![0];
        let mut index = 0;
        for character in text.chars() {
            index += 1;
            if character == '\n' {
                line_starts.push(index);
            }
        }
        self.entries
            .iter()
            .filter(|(entry, _)| remaining.get(&entry.key) == Some(&entry.count))
            .map(|(entry, line)| {
                let at = TextPos {
                    index: line
                        .checked_sub(1)
                        .and_then(|row| line_starts.get(row))
                        .copied()
                        .unwrap_or(0),
                    line: *line,
                    column: 0,
                };
                let what = format!("{} {} {}", entry.key.code, entry.key.file, entry.key.anchor);
                Finding::new(
                    UNUSED_CODE,
                    UNUSED_NAME,
                    Severity::Warning,
                    Location::text(file, None, TextRange { start: at, end: at }),
                    t!(locale, "DC009.message", entry = what.trim()),
                )
                .with_label(t!(locale, "DC009.label"))
                .with_help(t!(locale, "DC009.help", file = file))
            })
            .collect()
    }
}

/// The entries for these keys, counted and sorted; findings that cannot be baselined left out.
pub fn entries<'a>(keys: impl IntoIterator<Item = &'a FindingKey>) -> Vec<Entry> {
    let counts = super::count_keys(keys.into_iter().filter(|key| can_baseline(&key.code)));
    counts
        .into_iter()
        .map(|(key, count)| Entry { key, count })
        .collect()
}

/// `--prune`: keeps the entries of `old` that still match, with their counts lowered to what
/// is found now; never adds one.
pub fn prune(old: &Baseline, now: &[Entry]) -> Vec<Entry> {
    let now: BTreeMap<&FindingKey, usize> = now.iter().map(|e| (&e.key, e.count)).collect();
    let mut kept: BTreeMap<FindingKey, usize> = BTreeMap::new();
    for (entry, _) in &old.entries {
        let found = now.get(&entry.key).copied().unwrap_or(0);
        let count = entry.count.min(found);
        if count > 0 {
            kept.insert(entry.key.clone(), count);
        }
    }
    kept.into_iter()
        .map(|(key, count)| Entry { key, count })
        .collect()
}

/// The file's text: sorted entries, one per line.
pub fn render(entries: &[Entry]) -> String {
    let mut text =
        format!("{{\n  \"datacharter_baseline\": 1,\n  \"key\": \"{VERSION}\",\n  \"entries\": [");
    for (at, entry) in entries.iter().enumerate() {
        let line = serde_json::to_string(entry).unwrap_or_default();
        text.push_str(if at == 0 { "\n    " } else { ",\n    " });
        text.push_str(&line);
    }
    if !entries.is_empty() {
        text.push_str("\n  ");
    }
    text.push_str("]\n}\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: &str, anchor: &str) -> FindingKey {
        FindingKey {
            code: code.into(),
            file: "a.yaml".into(),
            document: "processing:x".into(),
            anchor: anchor.into(),
            args: vec!["DC101.message()".into()],
        }
    }

    #[test]
    fn round_trip_sorted_one_per_line() {
        let keys = [
            key("DC201", "/b"),
            key("DC101", "/a"),
            key("DC101", "/a"),
            key("DC002", ""),
        ];
        let entries = entries(&keys);
        assert_eq!(entries.len(), 2, "DC0xx is never baselined");
        let text = render(&entries);
        assert!(text.lines().nth(4).unwrap().contains("\"DC101\""));
        assert!(text.lines().nth(4).unwrap().contains("\"count\":2"));
        let parsed = Baseline::parse("b.json", &text).unwrap();
        assert_eq!(parsed.entries.len(), 2);
        assert_eq!(parsed.entries[0].1, 5);
        assert_eq!(parsed.counts()[&key("DC101", "/a")], 2);
    }

    #[test]
    fn corrupt_files_say_how_to_fix() {
        let error = Baseline::parse("b.json", "{not json").unwrap_err();
        assert!(
            error.contains("datacharter baseline --output b.json"),
            "{error}"
        );
        let error = Baseline::parse(
            "b.json",
            "{\"datacharter_baseline\": 1, \"key\": \"datacharter/v1\", \"entries\": []}",
        )
        .unwrap_err();
        assert!(error.contains("datacharter/v2"), "{error}");
    }

    #[test]
    fn prune_only_removes() {
        let old = Baseline::parse(
            "b",
            &render(&entries(&[
                key("DC101", "/a"),
                key("DC101", "/a"),
                key("DC102", "/c"),
            ])),
        )
        .unwrap();
        let now = entries(&[key("DC101", "/a"), key("DC999", "/new")]);
        let pruned = prune(&old, &now);
        assert_eq!(
            pruned,
            vec![Entry {
                key: key("DC101", "/a"),
                count: 1
            }]
        );
    }
}
