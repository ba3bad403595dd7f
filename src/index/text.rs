//! The searchable form of a text, and the tokenizer that indexes it.
//!
//! Search promises that a query matches exactly the clauses that contain it. Both sides
//! are therefore brought to one [`SearchForm`]: characters folded (full-width → half-width,
//! upper → lower case), whitespace and paragraph breaks dropped except one space between
//! two Latin letters or digits (ISO 9001). A PDF line break inside a phrase leaves nothing
//! behind, so the phrase still matches.
//!
//! The [`GramTokenizer`] reads a search form and emits, at the position of every char
//! (counted in chars), the char itself and the pair it starts. A query of n chars becomes
//! pairs at their offsets: a phrase of positions, which matches where, and only where, the
//! query occurs as a substring. One-char queries use the single char. Dictionary word
//! segmenters would miss substrings that cross their word boundaries (监管局 in 市场监管局);
//! tantivy's n-gram tokenizer puts every gram at position 0, so phrases would be wrong.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::normalize::{fold, is_space};

/// The name the tokenizer is registered under; an index must register it every time it
/// is opened (see [`super::open`]), since tantivy stores only the name.
pub const TOKENIZER: &str = "zhengce_grams";

/// A text in the form search compares, with where each char came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchForm {
    pub chars: Vec<char>,
    /// For each char of `chars`, its index (unit: char) in the text it was made from.
    pub origin: Vec<usize>,
}

impl SearchForm {
    pub fn new(text: &str) -> SearchForm {
        let mut form = SearchForm::default();
        let mut pending_space = None;
        for (i, c) in text.chars().enumerate() {
            if is_space(c) {
                pending_space.get_or_insert(i);
                continue;
            }
            let c = fold_case(fold(c));
            if let Some(space_at) = pending_space.take() {
                let after_latin = form.chars.last().is_some_and(char::is_ascii_alphanumeric);
                if after_latin && c.is_ascii_alphanumeric() {
                    form.chars.push(' ');
                    form.origin.push(space_at);
                }
            }
            form.chars.push(c);
            form.origin.push(i);
        }
        form
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The form as a string: what the tokenizer reads.
    pub fn as_string(&self) -> String {
        self.chars.iter().collect()
    }

    /// Every place `needle` occurs, as ranges of `chars`. Occurrences may overlap.
    pub fn find_all(&self, needle: &[char]) -> Vec<(usize, usize)> {
        if needle.is_empty() || needle.len() > self.chars.len() {
            return Vec::new();
        }
        self.chars
            .windows(needle.len())
            .enumerate()
            .filter(|(_, w)| *w == needle)
            .map(|(i, _)| (i, i + needle.len()))
            .collect()
    }

    /// The range of the original text that the range `start..end` of `chars` came from.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.origin[start], self.origin[end - 1] + 1)
    }
}

/// Lower case where it is one char (Latin, Greek, Cyrillic, full-width letters after
/// folding); everything else as it is.
fn fold_case(c: char) -> char {
    if !c.is_uppercase() {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The grams a query's search form is looked up by: `(offset, gram)` pairs that together
/// cover every char of every run between spaces, at the offsets the tokenizer gives them.
/// Pairs are taken every other char (plus the last pair), which covers the run with half
/// the terms; a run of one char is looked up by that char.
pub fn query_grams(form: &[char]) -> Vec<(usize, String)> {
    let mut grams = Vec::new();
    let mut start = 0;
    while start < form.len() {
        if form[start] == ' ' {
            start += 1;
            continue;
        }
        let end = form[start..]
            .iter()
            .position(|&c| c == ' ')
            .map_or(form.len(), |p| start + p);
        let run = &form[start..end];
        if run.len() == 1 {
            grams.push((start, run[0].to_string()));
        } else {
            let mut offsets: Vec<usize> = (0..run.len() - 1).step_by(2).collect();
            if offsets.last() != Some(&(run.len() - 2)) {
                offsets.push(run.len() - 2);
            }
            for o in offsets {
                grams.push((start + o, run[o..o + 2].iter().collect()));
            }
        }
        start = end;
    }
    grams
}

/// Indexes a search form by single chars and overlapping pairs, at char positions.
#[derive(Debug, Clone, Default)]
pub struct GramTokenizer {
    token: Token,
}

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = GramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GramStream<'a> {
        self.token.reset();
        let mut chars = text.char_indices();
        let current = chars.next();
        let next = chars.next();
        GramStream {
            chars,
            current,
            next,
            position: 0,
            single_done: false,
            token: &mut self.token,
        }
    }
}

pub struct GramStream<'a> {
    chars: std::str::CharIndices<'a>,
    current: Option<(usize, char)>,
    next: Option<(usize, char)>,
    /// Position (unit: char) of `current`.
    position: usize,
    /// The single char at `current` was emitted; its pair comes next.
    single_done: bool,
    token: &'a mut Token,
}

impl GramStream<'_> {
    fn step(&mut self) {
        self.current = self.next;
        self.next = self.chars.next();
        self.position += 1;
        self.single_done = false;
    }

    fn emit(&mut self, from: usize, to: usize, text: impl Iterator<Item = char>) {
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.position;
        self.token.position_length = 1;
        self.token.text.clear();
        self.token.text.extend(text);
    }
}

impl TokenStream for GramStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some((offset, c)) = self.current else {
                return false;
            };
            if c == ' ' {
                self.step();
                continue;
            }
            if !self.single_done {
                self.single_done = true;
                self.emit(offset, offset + c.len_utf8(), std::iter::once(c));
                return true;
            }
            match self.next {
                Some((next_offset, n)) if n != ' ' => {
                    self.emit(offset, next_offset + n.len_utf8(), [c, n].into_iter());
                    self.step();
                    return true;
                }
                _ => self.step(),
            }
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(usize, String)> {
        let mut tokenizer = GramTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            assert_eq!(&text[t.offset_from..t.offset_to], t.text);
            out.push((t.position, t.text.clone()));
        }
        out
    }

    #[test]
    fn singles_and_pairs_at_char_positions() {
        let t = |p: usize, s: &str| (p, s.to_owned());
        assert_eq!(
            tokens("质量a 1"),
            vec![
                t(0, "质"),
                t(0, "质量"),
                t(1, "量"),
                t(1, "量a"),
                t(2, "a"),
                t(4, "1")
            ]
        );
        assert!(tokens("").is_empty());
    }

    #[test]
    fn search_form_folds_width_case_and_drops_breaks() {
        let form = SearchForm::new("ＩＳＯ 9001认\n证， QC 小组");
        assert_eq!(form.as_string(), "iso 9001认证,qc小组");
        // "证" is char 9 of the original (the line break is char 8).
        assert_eq!(form.origin[9], 10);
        assert_eq!(form.original_range(4, 8), (4, 8));
    }

    #[test]
    fn query_grams_cover_every_char() {
        let grams = |s: &str| query_grams(&s.chars().collect::<Vec<_>>());
        let g = |o: usize, s: &str| (o, s.to_owned());
        assert_eq!(grams("质"), vec![g(0, "质")]);
        assert_eq!(grams("质量"), vec![g(0, "质量")]);
        assert_eq!(
            grams("市场监管局"),
            vec![g(0, "市场"), g(2, "监管"), g(3, "管局")]
        );
        assert_eq!(
            grams("iso 9001"),
            vec![g(0, "is"), g(1, "so"), g(4, "90"), g(6, "01")]
        );
        assert_eq!(grams("a b"), vec![g(0, "a"), g(2, "b")]);
    }
}
