//! A file's text and the conversion from the parser's character positions to byte offsets.

use crate::finding::TextPos;
use std::sync::OnceLock;

/// Characters between two checkpoints of the char → byte table.
const CHECKPOINT_EVERY: usize = 64;

/// The text of one workspace file, BOM removed, with a lazily built position index.
#[derive(Debug)]
pub struct SourceText {
    /// Path relative to the workspace root, `/`-separated.
    pub path: String,
    pub text: String,
    /// Byte offset of every `CHECKPOINT_EVERY`-th character; built on the first lookup only,
    /// since most files never need a position.
    checkpoints: OnceLock<Vec<usize>>,
}

impl SourceText {
    /// Takes the file's text, dropping a leading byte-order mark (the parser's positions then
    /// count from the first real character, and so do ours).
    pub fn new(path: impl Into<String>, mut text: String) -> Self {
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        SourceText {
            path: path.into(),
            text,
            checkpoints: OnceLock::new(),
        }
    }

    /// Byte offset of a character index, clamped to the end of the text.
    pub fn byte_offset(&self, char_index: usize) -> usize {
        let checkpoints = self.checkpoints.get_or_init(|| {
            self.text
                .char_indices()
                .step_by(CHECKPOINT_EVERY)
                .map(|(byte, _)| byte)
                .collect()
        });
        let slot = char_index / CHECKPOINT_EVERY;
        let Some(&start) = checkpoints.get(slot) else {
            return self.text.len();
        };
        let rest = char_index - slot * CHECKPOINT_EVERY;
        self.text[start..]
            .char_indices()
            .nth(rest)
            .map_or(self.text.len(), |(offset, _)| start + offset)
    }

    /// The position of the end of the text (for findings about a whole, empty or cut file).
    pub fn end_pos(&self) -> TextPos {
        end_of(&self.text)
    }
}

/// The lines of a text as YAML counts them: a line ends at `\r\n`, `\n` or a lone `\r`. Each
/// line comes with the length of its line break in characters (0 for the last line).
pub fn lines(text: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.find(['\r', '\n']) {
            Some(at) => {
                let width = if current[at..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
                rest = Some(&current[at + width..]);
                Some((&current[..at], width))
            }
            None => {
                rest = None;
                Some((current, 0))
            }
        }
    })
}

/// The position just after `text`: its line (1-based) and column as the parser counts them.
pub(crate) fn end_of(text: &str) -> TextPos {
    let mut line = 0;
    let mut index = 0;
    let mut column = 0;
    for (content, width) in lines(text) {
        line += 1;
        column = content.chars().count();
        index += column + width;
    }
    TextPos {
        index,
        line: line.max(1),
        column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let split: Vec<(&str, usize)> = lines("a\rb\r\nc\nd").collect();
        assert_eq!(split, [("a", 1), ("b", 2), ("c", 1), ("d", 0)]);
        assert_eq!(
            end_of("ab\rcd"),
            TextPos {
                index: 5,
                line: 2,
                column: 2
            }
        );
        assert_eq!(end_of("").line, 1);
    }
}
