//! Inline differences between two clause texts, word by word, by the `similar` crate's
//! Myers diff. Chinese is cut into words as jieba cuts it (see [`super::words`]), so a
//! renamed agency reads 质监局 → 市场监管局, not a scatter of single
//! characters; a Latin word or a number with its decimals and % is one word (95% →
//! 98.5% is one change); each punctuation mark is its own token. Tokens are compared in
//! their folded form, so width, punctuation variants and spaces are not changes; spans
//! point into the texts as written.

use rustc_hash::FxHashMap;
use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::model::SpanUnit;

/// What changed: a stretch of the old text replaced by a stretch of the new one. An
/// insertion has an empty old range, a deletion an empty new one (both positioned).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// `delete`, `insert` or `replace`.
    pub op: &'static str,
    pub old: Range,
    pub new: Range,
    pub old_text: String,
    pub new_text: String,
}

/// A range of chars, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Range {
    pub start: usize,
    pub end: usize,
    pub unit: SpanUnit,
}

impl Range {
    fn new(start: usize, end: usize) -> Range {
        Range {
            start,
            end,
            unit: SpanUnit::Char,
        }
    }
}

/// Folds what is formatting, not content: widths and case (by [`crate::normalize::fold`]),
/// and the variants of quotes, dashes and brackets. Spaces are dropped by the tokenizer.
pub fn fold_char(c: char) -> char {
    // Ideographs, nearly every char of a text, have no width, case or variant: a diff of
    // 10,000 clauses a side spent a tenth of its time looking them up below.
    if crate::normalize::is_han(c) {
        return c;
    }
    match crate::normalize::fold(c) {
        '“' | '”' | '„' | '「' | '」' => '"',
        '‘' | '’' | '『' | '』' => '\'',
        '—' | '–' | '－' | '―' | '‐' | '~' | '～' => '-',
        '〔' | '【' | '[' | '［' => '(',
        '〕' | '】' | ']' | '］' => ')',
        '。' | '｡' => '。',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The text in the form clauses are compared in: folded, without spaces.
pub fn comparison_form(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| !crate::normalize::is_space(*c))
        .map(fold_char)
        .collect()
}

/// A char that jieba cuts into words: Han and other non-ASCII letters.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() && !c.is_ascii()
}

/// A text cut into tokens: where each is in the text (a char range) and the form it is
/// compared in (a byte range of `folded`, the text's non-space chars folded).
struct Tokens {
    folded: String,
    spans: Vec<(usize, usize)>,
    forms: Vec<std::ops::Range<usize>>,
}

impl Tokens {
    /// Each token's form as a number, the same for the same form in any text numbered
    /// with `numbers`.
    fn numbered<'t>(&'t self, numbers: &mut FxHashMap<&'t str, u32>) -> Vec<u32> {
        self.forms
            .iter()
            .map(|form| {
                let next = numbers.len() as u32;
                *numbers.entry(&self.folded[form.clone()]).or_insert(next)
            })
            .collect()
    }
}

fn tokens(text: &str) -> Tokens {
    // The non-space chars: where each is in `text`, its folded form, and where that
    // starts in `folded` (with one more offset, the end).
    let mut positions = Vec::new();
    let mut chars = Vec::new();
    let mut offsets = Vec::new();
    let mut folded = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if crate::normalize::is_space(c) {
            continue;
        }
        let c = fold_char(c);
        positions.push(i);
        chars.push(c);
        offsets.push(folded.len());
        folded.push(c);
    }
    offsets.push(folded.len());
    let latin = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '%';
    let (mut spans, mut forms) = (Vec::new(), Vec::new());
    let mut push = |from: usize, to: usize| {
        spans.push((positions[from], positions[to - 1] + 1));
        forms.push(offsets[from]..offsets[to]);
    };
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let mut end = k + 1;
        if c.is_ascii_alphanumeric() {
            while end < chars.len() && latin(chars[end]) {
                end += 1;
            }
        } else if is_word_char(c) {
            while end < chars.len() && is_word_char(chars[end]) {
                end += 1;
            }
            for word in super::words::cut(&chars[k..end]) {
                push(k + word.start, k + word.end);
            }
            k = end;
            continue;
        }
        push(k, end);
        k = end;
    }
    Tokens {
        folded,
        spans,
        forms,
    }
}

/// The edits that turn `old` into `new`; empty when they differ only in formatting.
pub fn edits(old: &str, new: &str) -> Vec<Edit> {
    let (a, b) = (tokens(old), tokens(new));
    // Myers compares each token many times: as numbers, once each distinct form has one.
    let mut numbers = FxHashMap::default();
    let (a_forms, b_forms) = (a.numbered(&mut numbers), b.numbered(&mut numbers));
    let old_chars: Vec<char> = old.chars().collect();
    let new_chars: Vec<char> = new.chars().collect();
    // Where an empty range sits: before the token at `i`, or at the end.
    let at = |tokens: &Tokens, i: usize, len: usize| tokens.spans.get(i).map_or(len, |t| t.0);
    let span = |tokens: &Tokens, i: usize, n: usize, len: usize| {
        if n == 0 {
            let p = at(tokens, i, len);
            (p, p)
        } else {
            (tokens.spans[i].0, tokens.spans[i + n - 1].1)
        }
    };
    let text = |chars: &[char], (s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    capture_diff_slices(Algorithm::Myers, &a_forms, &b_forms)
        .into_iter()
        .filter_map(|op| {
            let (name, oi, on, ni, nn) = match op {
                DiffOp::Equal { .. } => return None,
                DiffOp::Delete {
                    old_index,
                    old_len,
                    new_index,
                } => ("delete", old_index, old_len, new_index, 0),
                DiffOp::Insert {
                    old_index,
                    new_index,
                    new_len,
                } => ("insert", old_index, 0, new_index, new_len),
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => ("replace", old_index, old_len, new_index, new_len),
            };
            let o = span(&a, oi, on, old_chars.len());
            let n = span(&b, ni, nn, new_chars.len());
            Some(Edit {
                op: name,
                old: Range::new(o.0, o.1),
                new: Range::new(n.0, n.1),
                old_text: text(&old_chars, o),
                new_text: text(&new_chars, n),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_change_as_one_word() {
        let e = edits("合格率达到95%以上", "合格率达到98.5%以上");
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].op, e[0].old_text.as_str(), e[0].new_text.as_str()),
            ("replace", "95%", "98.5%")
        );
        assert_eq!(
            (e[0].old.start, e[0].old.end, e[0].new.start, e[0].new.end),
            (5, 8, 5, 10)
        );
    }

    fn changed(old: &str, new: &str) -> Vec<(String, String)> {
        edits(old, new)
            .into_iter()
            .map(|e| (e.old_text, e.new_text))
            .collect()
    }

    #[test]
    fn chinese_changes_word_by_word() {
        // A renamed agency is one replacement of words, not scattered chars.
        let e = edits("由省质监局牵头", "由省市场监管局牵头");
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].op, "replace");
        assert!(e[0].old_text.contains("质监局") && e[0].new_text.contains("市场监管局"));
        // An inserted phrase is inserted whole, at a word boundary.
        assert_eq!(
            changed(
                "不得利用虚假统计资料骗取荣誉称号、物质利益或者职务晋升。",
                "不得利用虚假统计资料骗取荣誉称号、物质利益或者职务职级等晋升。"
            ),
            vec![("".to_owned(), "职级等".to_owned())]
        );
        // 经济建设 → 经济社会发展: whole words change, not 建设 → 社会发展 char by char.
        let e = changed("促进经济建设", "促进经济社会发展");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(!e[0].1.is_empty() && e[0].1.ends_with("发展"), "{e:?}");
    }

    #[test]
    fn spans_skip_spaces_and_keep_source_positions() {
        let e = edits("省 质监局 牵头", "省市场监管局牵头");
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].old.start, e[0].old.end), (2, 5));
        assert_eq!(e[0].old_text, "质监局");
    }

    #[test]
    fn formatting_is_not_a_change() {
        assert!(edits("（一）到２０２５年，质量 提升。", "(一)到2025年,质量提升。").is_empty());
        assert!(edits("“质量”—标准【责任单位】", "\"质量\"-标准〔责任单位〕").is_empty());
    }
}
