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
        let line = 1 + self.text.matches('\n').count();
        let last_line = self.text.rsplit('\n').next().unwrap_or("");
        TextPos {
            index: self.text.chars().count(),
            line,
            column: last_line.chars().count(),
        }
    }
}
