//! Inline differences between two clause texts: char by char for Chinese, word by word for
//! Latin words and numbers (so 95% → 98.5% is one change), by the `similar` crate's Myers
//! diff. Tokens are compared in their folded form, so width, punctuation variants and
//! spaces are not changes; spans point into the texts as written.

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::model::SpanUnit;

/// A token of a text: where it is (chars) and the form it is compared in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    start: usize,
    end: usize,
    form: String,
}

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

fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let word = |c: char| {
        let c = crate::normalize::fold(c);
        c.is_ascii_alphanumeric() || c == '.' || c == '%'
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if crate::normalize::is_space(c) {
            i += 1;
            continue;
        }
        let start = i;
        if crate::normalize::fold(c).is_ascii_alphanumeric() {
            while i < chars.len() && word(chars[i]) {
                i += 1;
            }
        } else {
            i += 1;
        }
        out.push(Token {
            start,
            end: i,
            form: chars[start..i].iter().map(|&c| fold_char(c)).collect(),
        });
    }
    out
}

/// The edits that turn `old` into `new`; empty when they differ only in formatting.
pub fn edits(old: &str, new: &str) -> Vec<Edit> {
    let (a, b) = (tokens(old), tokens(new));
    let a_forms: Vec<&str> = a.iter().map(|t| t.form.as_str()).collect();
    let b_forms: Vec<&str> = b.iter().map(|t| t.form.as_str()).collect();
    let old_chars: Vec<char> = old.chars().collect();
    let new_chars: Vec<char> = new.chars().collect();
    // Where an empty range sits: before the token at `i`, or at the end.
    let at = |tokens: &[Token], i: usize, len: usize| tokens.get(i).map_or(len, |t| t.start);
    let span = |tokens: &[Token], i: usize, n: usize, len: usize| {
        if n == 0 {
            let p = at(tokens, i, len);
            (p, p)
        } else {
            (tokens[i].start, tokens[i + n - 1].end)
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

    #[test]
    fn chinese_changes_char_by_char() {
        let e = edits("省质监局牵头", "省市场监管局牵头");
        let changed: Vec<(&str, &str)> = e
            .iter()
            .map(|e| (e.old_text.as_str(), e.new_text.as_str()))
            .collect();
        assert_eq!(changed, vec![("质", "市场"), ("", "管")]);
        let inserted = &e[1];
        assert_eq!(
            (inserted.op, inserted.old.start, inserted.old.end),
            ("insert", 3, 3)
        );
    }

    #[test]
    fn formatting_is_not_a_change() {
        assert!(edits("（一）到２０２５年，质量 提升。", "(一)到2025年,质量提升。").is_empty());
        assert!(edits("“质量”—标准【责任单位】", "\"质量\"-标准〔责任单位〕").is_empty());
    }
}
