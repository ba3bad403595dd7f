//! Normalize: what "the same text" means, and text that remembers where it came from.
//!
//! Two separate ideas live here:
//! - [`fold`] maps a character to the form recognition compares: full-width ASCII becomes
//!   half-width (（一）→(一), １．→1.), the ideographic space becomes a space, ○ becomes 〇.
//!   It maps one char to one char, so positions in folded text equal positions in the text.
//! - [`MappedText`] is cleaned text for people and later stages (characters as written,
//!   hard line breaks joined, spaces next to Chinese dropped) in which every char keeps the
//!   offset of the source char it came from, so any span can be mapped back.
//!
//! ```
//! use zhengce::normalize::{fold_str, MappedText};
//! assert_eq!(fold_str("（二十二）１．"), "(二十二)1.");
//! let mut text = MappedText::default();
//! text.push_line("到 2022 年，全省".chars().enumerate());
//! text.push_line("超过 12 万家".chars().enumerate().map(|(i, c)| (i + 100, c)));
//! assert_eq!(text.text(), "到2022年，全省超过12万家");
//! assert_eq!(text.origin()[1], 2); // "2" of 2022 is char 2 of the source
//! ```

/// Folds one character for recognition (see the module docs).
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
        '○' | '◯' => '〇',
        _ => c,
    }
}

/// [`fold`] over a string.
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold).collect()
}

/// Whitespace as it occurs in policy texts: ASCII, ideographic, no-break, the typographic
/// spaces, and the zero-width characters that web pages leave behind.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}')
}

/// A Chinese character: the CJK Unified Ideographs, Extension A, and the compatibility
/// ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// What separates the cells of a table row copied as text: a tab, or a bar.
pub fn is_cell_separator(c: char) -> bool {
    c == '\t' || is_cell_bar(c)
}

/// A bar between the cells of a table row: Markdown's `|`, box drawing's │ ┃.
pub fn is_cell_bar(c: char) -> bool {
    matches!(c, '|' | '│' | '┃')
}

/// Characters between which a space is meaningful (ISO 9001, GB/T 9704).
fn is_latin(c: char) -> bool {
    fold(c).is_ascii_alphanumeric()
}

/// Whether a character ends a sentence or a clause-level statement.
pub fn is_terminal(c: char) -> bool {
    matches!(fold(c), '。' | '!' | '?' | ';' | ':' | '…' | '｡')
}

/// Cleaned text with, for every char, the offset (unit: char) of the source char it
/// came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    origin: Vec<usize>,
    /// A space was skipped and may need to be emitted before the next char.
    pending_space: Option<usize>,
}

impl MappedText {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn origin(&self) -> &[usize] {
        &self.origin
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn into_parts(self) -> (String, Vec<usize>) {
        (self.text, self.origin)
    }

    /// Makes room for `bytes` more bytes of text and `chars` more chars, so a line
    /// appended char by char grows the buffers once rather than by doubling.
    pub fn reserve(&mut self, bytes: usize, chars: usize) {
        self.text.reserve(bytes);
        self.origin.reserve(chars);
    }

    /// Appends one char with its source offset; whitespace is collapsed, and kept as a
    /// single space only between two Latin letters or digits.
    pub fn push(&mut self, origin: usize, c: char) {
        if is_space(c) {
            if !self.text.is_empty() {
                self.pending_space.get_or_insert(origin);
            }
            return;
        }
        if let Some(space_origin) = self.pending_space.take() {
            if self.text.chars().next_back().is_some_and(is_latin) && is_latin(c) {
                self.text.push(' ');
                self.origin.push(space_origin);
            }
        }
        self.text.push(c);
        self.origin.push(origin);
    }

    /// Appends a source line as the continuation of the text so far: the line break
    /// counts as whitespace, so a word broken by a hard wrap is joined again.
    pub fn push_line(&mut self, chars: impl IntoIterator<Item = (usize, char)>) {
        let mut first = true;
        for (origin, c) in chars {
            if first && !self.text.is_empty() {
                self.pending_space.get_or_insert(origin);
            }
            first = false;
            self.push(origin, c);
        }
    }

    /// [`Self::push_line`] for a line of source chars `first_origin..` that holds no
    /// whitespace ([`is_space`]), the common case: only its first char can meet a pending
    /// space, and the rest is copied whole rather than char by char.
    pub fn push_visible_line(&mut self, line: &str, first_origin: usize) {
        let Some(first) = line.chars().next() else {
            return;
        };
        debug_assert!(!line.chars().any(is_space));
        if !self.text.is_empty() {
            self.pending_space.get_or_insert(first_origin);
        }
        if let Some(space_origin) = self.pending_space.take() {
            if self.text.chars().next_back().is_some_and(is_latin) && is_latin(first) {
                self.text.push(' ');
                self.origin.push(space_origin);
            }
        }
        self.text.push_str(line);
        self.origin
            .extend(first_origin..first_origin + line.chars().count());
    }

    /// A tab between two cells of a table row, mapped to `origin`: kept, where other
    /// whitespace collapses.
    pub fn push_cell_break(&mut self, origin: usize) {
        self.text.push('\t');
        self.origin.push(origin);
        self.pending_space = None;
    }

    /// Starts a new paragraph: a `\n` mapped to `origin`.
    pub fn push_paragraph_break(&mut self, origin: usize) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
            self.origin.push(origin);
        }
        self.pending_space = None;
    }

    /// Appends another mapped text as a new paragraph.
    pub fn push_paragraph(&mut self, other: &MappedText) {
        if let Some(&first) = other.origin.first() {
            self.push_paragraph_break(first);
        }
        self.text.push_str(&other.text);
        self.origin.extend_from_slice(&other.origin);
    }

    /// Gives back the room left by growing char by char (up to half of it): a finished
    /// paragraph keeps only what it holds. The origins take 8 bytes a char, so on a long
    /// document this is most of the parser's memory.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.origin.shrink_to_fit();
    }

    /// The part from char index `start` on (used to cut a label off a clause's text).
    pub fn split_off_chars(&self, start: usize) -> MappedText {
        let byte = self
            .text
            .char_indices()
            .nth(start)
            .map_or(self.text.len(), |(b, _)| b);
        let mut rest = MappedText {
            text: self.text[byte..].to_string(),
            origin: self.origin[start.min(self.origin.len())..].to_vec(),
            pending_space: None,
        };
        rest.trim_start();
        rest
    }

    fn trim_start(&mut self) {
        let skip = self.text.chars().take_while(|&c| is_space(c)).count();
        if skip > 0 {
            let byte: usize = self.text.chars().take(skip).map(char::len_utf8).sum();
            self.text.drain(..byte);
            self.origin.drain(..skip);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(lines: &[&str]) -> String {
        let mut t = MappedText::default();
        let mut offset = 0;
        for line in lines {
            t.push_line(line.chars().enumerate().map(|(i, c)| (offset + i, c)));
            offset += line.chars().count() + 1;
        }
        t.text().to_string()
    }

    #[test]
    fn fold_widths() {
        assert_eq!(fold_str("（一）１．２０２５年ＧＤＰ"), "(一)1.2025年GDP");
        assert_eq!(fold_str("二○○四\u{3000}年"), "二〇〇四 年");
    }

    #[test]
    fn word_broken_by_wrap_is_joined() {
        assert_eq!(
            joined(&["（省市", "场监管局负责）"]),
            "（省市场监管局负责）"
        );
        assert_eq!(joined(&["执", "行中遇到的问题"]), "执行中遇到的问题");
    }

    #[test]
    fn spaces_next_to_chinese_are_dropped_latin_spaces_kept() {
        assert_eq!(
            joined(&["获得新版 ISO9001 质量管理体系"]),
            "获得新版ISO9001质量管理体系"
        );
        assert_eq!(joined(&["符合 GB/T 9704 要求"]), "符合GB/T 9704要求");
        assert_eq!(joined(&["\u{3000}\u{3000}稳定在 4% 左右"]), "稳定在4%左右");
        assert_eq!(joined(&["ISO", "9001"]), "ISO 9001");
    }

    #[test]
    fn origins_follow_the_source() {
        let mut t = MappedText::default();
        t.push_line("  到 2022 年".chars().enumerate());
        assert_eq!(t.text(), "到2022年");
        assert_eq!(t.origin(), &[2, 4, 5, 6, 7, 9]);
    }

    #[test]
    fn split_off_label() {
        let mut t = MappedText::default();
        t.push_line("（一）　强化责任。".chars().enumerate());
        let rest = t.split_off_chars(3);
        assert_eq!(rest.text(), "强化责任。");
        assert_eq!(rest.origin()[0], 4);
    }
}
