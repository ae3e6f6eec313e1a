//! `lint --add-suppressions[=REASON]`: writes a `# datacharter: ignore[CODE] REASON` comment
//! above the line of every current finding, at that line's indentation. Text insertion only:
//! every other byte of the file (comments, quoting, line endings) stays as it was.

use std::collections::{BTreeMap, BTreeSet};

/// The reason written when none is given: a suppression should say why, and this one says
/// that nobody has yet.
pub const DEFAULT_REASON: &str = "accepted when adopting datacharter, to review";

/// Where to suppress: a 1-based line, or the whole file (`None`).
pub type Places = BTreeMap<Option<usize>, BTreeSet<String>>;

/// The text with the suppressions for `places` inserted. A finding whose line already has a
/// directive just above gets its code added to that directive.
pub fn insert(text: &str, places: &Places, reason: &str) -> String {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = split_keeping_endings(text);
    // Bottom-up, so that earlier line numbers stay valid.
    for (line, codes) in places.iter().rev() {
        let Some(line) = line else { continue };
        let at = line.saturating_sub(1).min(lines.len());
        let target = lines.get(at).map_or("", String::as_str);
        let indent: String = target
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        if at > 0
            && let Some(merged) = merge(&lines[at - 1], codes)
        {
            lines[at - 1] = merged;
            continue;
        }
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        lines.insert(
            at,
            format!(
                "{indent}# datacharter: ignore[{}] {reason}{newline}",
                codes.join(", ")
            ),
        );
    }
    if let Some(codes) = places.get(&None) {
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        // After a leading modeline or comment block, so `$schema` modelines stay first.
        let at = lines
            .iter()
            .take_while(|line| line.trim_start().starts_with('#'))
            .count();
        lines.insert(
            at,
            format!(
                "# datacharter: ignore-file[{}] {reason}{newline}",
                codes.join(", ")
            ),
        );
    }
    let mut out = lines.concat();
    // `split_keeping_endings` gave the last line an ending it may not have had.
    if !text.is_empty() && !text.ends_with('\n') {
        out.pop();
    }
    out
}

/// Adds `codes` to a line that is only a `# datacharter: ignore[…]` directive.
fn merge(line: &str, codes: &BTreeSet<String>) -> Option<String> {
    let trimmed = line.trim_start();
    let rest = trimmed.strip_prefix("# datacharter: ignore[")?;
    let close = rest.find(']')?;
    let indent = &line[..line.len() - trimmed.len()];
    let mut present: Vec<String> = rest[..close]
        .split(',')
        .map(|code| code.trim().to_owned())
        .filter(|code| !code.is_empty())
        .collect();
    for code in codes {
        if !present.contains(code) {
            present.push(code.clone());
        }
    }
    Some(format!(
        "{indent}# datacharter: ignore[{}]{}",
        present.join(", "),
        &rest[close + 1..]
    ))
}

fn split_keeping_endings(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    if let Some(last) = lines.last_mut()
        && !last.ends_with('\n')
    {
        last.push('\n');
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(items: &[(Option<usize>, &str)]) -> Places {
        let mut places = Places::new();
        for (line, code) in items {
            places.entry(*line).or_default().insert((*code).to_owned());
        }
        places
    }

    #[test]
    fn inserts_at_indentation_and_keeps_comments() {
        let text = "kind: source # the CRM\nfields:\n  - name: x # keep me\n    category: health.disability\n";
        let out = insert(
            text,
            &places(&[(Some(4), "DC204"), (Some(1), "DC801")]),
            "why",
        );
        assert_eq!(
            out,
            "# datacharter: ignore[DC801] why\nkind: source # the CRM\nfields:\n  - name: x # keep me\n    # datacharter: ignore[DC204] why\n    category: health.disability\n"
        );
    }

    #[test]
    fn merges_into_a_directive_above_and_whole_file() {
        let text = "# yaml-language-server: $schema=x\nkind: a\n# datacharter: ignore[DC101] old reason\nid: b\n";
        let out = insert(text, &places(&[(Some(4), "DC102"), (None, "DC503")]), "r");
        assert_eq!(
            out,
            "# yaml-language-server: $schema=x\n# datacharter: ignore-file[DC503] r\nkind: a\n# datacharter: ignore[DC101, DC102] old reason\nid: b\n"
        );
    }
}
