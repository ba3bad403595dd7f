//! The searchable form of a text, and the tokenizer that indexes it.
//!
//! Search promises that a query matches exactly the clauses that contain it. Both sides
//! are therefore brought to one [`SearchForm`]: characters folded (full-width → half-width,
//! upper → lower case), whitespace and paragraph breaks dropped except one space between
//! two Latin letters or digits (ISO 9001). A PDF line break inside a phrase leaves nothing
//! behind, so the phrase still matches.
//!
//! The [`GramTokenizer`] reads a search form and emits, at the position of every char
//! (counted in chars), the pair of chars it starts, or in a second field the char itself.
//! A query of n chars becomes pairs at their offsets: a phrase of positions, which matches
//! where, and only where, the query occurs as a substring. One-char queries look up the
//! char; the char field keeps no positions, which it never needs, and that keeps the
//! index about a third smaller; and it has each char of a unit once, which spares
//! tantivy a term lookup for every repeat (7% of a build's instructions, measured on
//! 2.3 MB). Dictionary word segmenters would miss substrings that cross their word
//! boundaries (监管局 in 市场监管局); tantivy's n-gram tokenizer puts every gram at
//! position 0, so phrases would be wrong.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::normalize::{fold, is_space};

/// The names the tokenizers are registered under. An index must register them every time
/// it is opened (see [`super::Index`]): tantivy stores only the names.
pub const PAIRS: &str = "zhengce_pairs";
pub const CHARS: &str = "zhengce_chars";

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
        fold_for_search(text, |c, i| {
            form.chars.push(c);
            form.origin.push(i);
        });
        form
    }

    /// Only the chars of [`SearchForm::new`], as a string: what the index is given.
    pub fn string_of(text: &str) -> String {
        let mut form = String::with_capacity(text.len());
        let mut folder = Folder::default();
        // Most of a text is ideographs, which the form keeps as they are: a run of them is
        // copied as bytes rather than decoded, folded and encoded char by char.
        let mut run_from = None;
        for (at, c) in text.char_indices() {
            if kept_as_is(c) {
                run_from.get_or_insert_with(|| {
                    folder.before_kept();
                    at
                });
                continue;
            }
            if let Some(from) = run_from.take() {
                form.push_str(&text[from..at]);
            }
            folder.step(c, 0, |c, _| form.push(c));
        }
        if let Some(from) = run_from {
            form.push_str(&text[from..]);
        }
        form
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
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

/// Calls `push` with each char of the search form of `text` and the index (unit: char) in
/// `text` it comes from.
fn fold_for_search(text: &str, mut push: impl FnMut(char, usize)) {
    let mut folder = Folder::default();
    for (i, c) in text.chars().enumerate() {
        folder.step(c, i, &mut push);
    }
}

/// Whether the search form has `c` as it is: ideographic punctuation, kana and ideographs
/// (U+3001 to U+9FFF) are no space, have no full-width form and no case.
fn kept_as_is(c: char) -> bool {
    ('\u{3001}'..='\u{9FFF}').contains(&c)
}

/// The search form made one char at a time: a space is held back until the next char
/// shows whether it stands between two Latin letters or digits.
#[derive(Default)]
struct Folder {
    pending_space: Option<usize>,
    last_latin: bool,
}

impl Folder {
    fn step(&mut self, c: char, i: usize, mut push: impl FnMut(char, usize)) {
        if is_space(c) {
            self.pending_space.get_or_insert(i);
            return;
        }
        let c = fold_case(fold(c));
        if let Some(space_at) = self.pending_space.take() {
            if self.last_latin && c.is_ascii_alphanumeric() {
                push(' ', space_at);
            }
        }
        self.last_latin = c.is_ascii_alphanumeric();
        push(c, i);
    }

    /// What [`Folder::step`] does before it pushes a char that is [`kept_as_is`].
    fn before_kept(&mut self) {
        self.pending_space = None;
        self.last_latin = false;
    }
}

/// Lower case where it is one char (Latin, Greek, Cyrillic, full-width letters after
/// folding); everything else as it is.
fn fold_case(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // CJK radicals, punctuation, kana, Hangul letters and ideographs have no case, and
    // they are most of a text: no table lookup for them.
    if ('\u{2E80}'..='\u{9FFF}').contains(&c) || !c.is_uppercase() {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// How the index finds a query's search form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lookup {
    /// Pairs at their offsets, covering every run of two or more chars between spaces.
    /// Pairs are taken every other char (plus the last pair): half the terms, same cover.
    pub pairs: Vec<(usize, String)>,
    /// Runs of a single char (a query of one char, or `a` in `a bc`), looked up without
    /// their position.
    pub chars: Vec<String>,
}

impl Lookup {
    pub fn new(form: &[char]) -> Lookup {
        let mut lookup = Lookup::default();
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
                lookup.chars.push(run[0].to_string());
            } else {
                let mut offsets: Vec<usize> = (0..run.len() - 1).step_by(2).collect();
                if offsets.last() != Some(&(run.len() - 2)) {
                    offsets.push(run.len() - 2);
                }
                for o in offsets {
                    lookup
                        .pairs
                        .push((start + o, run[o..o + 2].iter().collect()));
                }
            }
            start = end;
        }
        lookup
    }

    /// Whether the index finds exactly the texts that contain the query: true unless a
    /// single char has to be found without its position next to other runs.
    pub fn exact(&self) -> bool {
        self.chars.is_empty() || (self.pairs.is_empty() && self.chars.len() == 1)
    }
}

/// Indexes a search form by overlapping pairs of chars, or by single chars, at char
/// positions.
#[derive(Debug, Clone)]
pub struct GramTokenizer {
    pairs: bool,
    token: Token,
    seen: SeenChars,
}

/// The chars a text has emitted so far, for the char field: it keeps no frequencies or
/// positions, so a char's second occurrence in a unit adds nothing but a lookup in
/// tantivy's term table, which is most of what indexing a token costs. A char past the
/// Basic Multilingual Plane is not remembered (emitted each time), which is only slower.
#[derive(Debug, Clone)]
struct SeenChars {
    bits: Vec<u64>,
    set: Vec<u16>,
}

impl SeenChars {
    fn new() -> SeenChars {
        SeenChars {
            bits: vec![0; 1 << 10],
            set: Vec::new(),
        }
    }

    /// Whether `c` was not seen since the last [`SeenChars::clear`]; marks it seen.
    fn insert(&mut self, c: char) -> bool {
        let Ok(c) = u16::try_from(c as u32) else {
            return true;
        };
        let (word, bit) = (usize::from(c >> 6), 1u64 << (c & 63));
        if self.bits[word] & bit != 0 {
            return false;
        }
        self.bits[word] |= bit;
        self.set.push(c);
        true
    }

    fn clear(&mut self) {
        for c in self.set.drain(..) {
            self.bits[usize::from(c >> 6)] = 0;
        }
    }
}

impl GramTokenizer {
    pub fn pairs() -> GramTokenizer {
        GramTokenizer {
            pairs: true,
            token: Token::default(),
            seen: SeenChars::new(),
        }
    }

    pub fn chars() -> GramTokenizer {
        GramTokenizer {
            pairs: false,
            token: Token::default(),
            seen: SeenChars::new(),
        }
    }
}

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = GramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GramStream<'a> {
        self.token.reset();
        self.seen.clear();
        GramStream {
            text,
            at: 0,
            position: 0,
            pairs: self.pairs,
            token: &mut self.token,
            seen: &mut self.seen,
        }
    }
}

/// The tokens of one text. It walks the text's bytes, a char at a time by the length its
/// first byte gives: the only char it compares is the space, an ASCII byte, and a pair is
/// a slice, so a char is decoded only for the char field's [`SeenChars`].
pub struct GramStream<'a> {
    text: &'a str,
    /// Byte offset of the next char to read.
    at: usize,
    /// Position (unit: char) of the char at `at`.
    position: usize,
    pairs: bool,
    token: &'a mut Token,
    seen: &'a mut SeenChars,
}

/// The length in bytes of the UTF-8 char that starts with `first`.
fn char_len(first: u8) -> usize {
    match first {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

impl GramStream<'_> {
    /// The token is the text's bytes `from..to`: copied as they are, not re-encoded
    /// char by char (that was 5% of a build).
    fn emit(&mut self, from: usize, to: usize, position: usize) {
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = position;
        self.token.position_length = 1;
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
    }
}

impl TokenStream for GramStream<'_> {
    fn advance(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        while let Some(&first) = bytes.get(self.at) {
            let (from, position) = (self.at, self.position);
            let next = from + char_len(first);
            self.at = next;
            self.position += 1;
            if first == b' ' {
                continue;
            }
            if self.pairs {
                match bytes.get(next) {
                    Some(&second) if second != b' ' => {
                        self.emit(from, next + char_len(second), position);
                        return true;
                    }
                    _ => continue,
                }
            }
            let c = self.text[from..next].chars().next().unwrap_or(' ');
            if self.seen.insert(c) {
                self.emit(from, next, position);
                return true;
            }
        }
        false
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

    fn tokens(mut tokenizer: GramTokenizer, text: &str) -> Vec<(usize, String)> {
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            assert_eq!(&text[t.offset_from..t.offset_to], t.text);
            out.push((t.position, t.text.clone()));
        }
        out
    }

    #[test]
    fn pairs_and_chars_at_char_positions() {
        let t = |p: usize, s: &str| (p, s.to_owned());
        assert_eq!(
            tokens(GramTokenizer::pairs(), "质量a 12"),
            vec![t(0, "质量"), t(1, "量a"), t(4, "12")]
        );
        assert_eq!(
            tokens(GramTokenizer::chars(), "质量a 1"),
            vec![t(0, "质"), t(1, "量"), t(2, "a"), t(4, "1")]
        );
        // Each char once a text: the char field has no positions to keep.
        let mut chars = GramTokenizer::chars();
        assert_eq!(
            tokens(chars.clone(), "质量质检量"),
            vec![t(0, "质"), t(1, "量"), t(3, "检")]
        );
        assert_eq!(tokens(chars.clone(), "检"), vec![t(0, "检")]);
        // A new text starts with nothing seen, also on a reused tokenizer.
        let _ = chars.token_stream("质量").next();
        assert_eq!(tokens(chars, "量质"), vec![t(0, "量"), t(1, "质")]);
        // Chars of two and four bytes are walked by their length.
        assert_eq!(
            tokens(GramTokenizer::pairs(), "é𠀀ß 量"),
            vec![t(0, "é𠀀"), t(1, "𠀀ß")]
        );
        assert_eq!(
            tokens(GramTokenizer::chars(), "é𠀀 ß"),
            vec![t(0, "é"), t(1, "𠀀"), t(3, "ß")]
        );
        assert!(tokens(GramTokenizer::pairs(), "").is_empty());
        assert!(tokens(GramTokenizer::pairs(), "质").is_empty());
    }

    #[test]
    fn search_form_folds_width_case_and_drops_breaks() {
        let form = SearchForm::new("ＩＳＯ 9001认\n证， QC 小组");
        assert_eq!(form.chars.iter().collect::<String>(), "iso 9001认证,qc小组");
        assert_eq!(
            SearchForm::string_of("ＩＳＯ 9001认\n证， QC 小组"),
            "iso 9001认证,qc小组"
        );
        assert_eq!(SearchForm::string_of("Ǆ Σ ς"), "ǆσς");
        // "证" is char 9 of the original (the line break is char 8).
        assert_eq!(form.origin[9], 10);
        assert_eq!(form.original_range(4, 8), (4, 8));
    }

    #[test]
    fn string_of_is_the_search_form() {
        // Chars around every edge of the ideograph run that is copied as bytes, mixed with
        // spaces, Latin letters and digits in every order.
        let edges = [
            0x20, 0x41, 0x61, 0x31, 0xA0, 0x3A3, 0x2009, 0x200B, 0x25CB, 0x2FFF, 0x3000, 0x3001,
            0x3002, 0x3007, 0x33FF, 0x3400, 0x4E00, 0x9FFF, 0xA000, 0xFEFF, 0xFF10, 0xFF21, 0xFF5E,
            0x1F600,
        ];
        let chars: Vec<char> = edges.iter().filter_map(|&c| char::from_u32(c)).collect();
        for a in &chars {
            for b in &chars {
                for c in &chars {
                    let text: String = [*a, *b, ' ', *c, 'x', *a, '\n', *b].iter().collect();
                    let form: String = SearchForm::new(&text).chars.iter().collect();
                    assert_eq!(SearchForm::string_of(&text), form, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn lookups_cover_every_char() {
        let lookup = |s: &str| Lookup::new(&s.chars().collect::<Vec<_>>());
        let g = |o: usize, s: &str| (o, s.to_owned());
        assert_eq!(lookup("质").chars, ["质"]);
        assert!(lookup("质").pairs.is_empty() && lookup("质").exact());
        assert_eq!(lookup("质量").pairs, vec![g(0, "质量")]);
        assert_eq!(
            lookup("市场监管局").pairs,
            vec![g(0, "市场"), g(2, "监管"), g(3, "管局")]
        );
        let iso = lookup("iso 9001");
        assert_eq!(
            iso.pairs,
            vec![g(0, "is"), g(1, "so"), g(4, "90"), g(6, "01")]
        );
        assert!(iso.exact());
        let loose = lookup("a bc");
        assert_eq!(loose.chars, ["a"]);
        assert!(!loose.exact());
    }
}
